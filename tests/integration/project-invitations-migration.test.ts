// Migration 0020 adds pending project invitations (decision 109) to a database the previous
// release filled: nothing that was there changes; the new table takes one invitation per
// project and address, a role below owner, and goes with its project.
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_project_invitations.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const WORK = "30000000-0000-4000-8000-000000000002";

const invite = (email: string, role: string, hash: string) =>
  database.exec(`insert into project_invitation (project_id, email, role, token_hash, invited_by, expires_at)
    values ('${WORK}', '${email}', '${role}', '${hash}', '${ADA}', now() + interval '7 days')`);

it("keeps every row, and holds invitations: one per address, below owner, gone with the project", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values ('${ADA}', 'Ada', 'ada@example.com', true);
    insert into project (id, user_id, name, color) values ('${WORK}', '${ADA}', 'Work', 'blue');
    insert into task (id, user_id, project_id, title) values ('10000000-0000-4000-8000-000000000001', '${ADA}', '${WORK}', 'Write')`);
  const before = {
    tasks: await database.rows(`select * from task order by id`),
    members: await database.rows(`select * from project_member order by project_id, user_id`),
  };

  for (const statement of statements(migration)) await database.exec(statement);

  expect(await database.rows(`select * from task order by id`)).toEqual(before.tasks);
  expect(await database.rows(`select * from project_member order by project_id, user_id`)).toEqual(before.members);
  expect(await database.rows(`select count(*)::int as n from project_invitation`)).toEqual([{ n: 0 }]);

  await invite("bea@example.com", "editor", "a".repeat(64));
  await expect(invite("bea@example.com", "viewer", "b".repeat(64))).rejects.toThrow(
    /project_invitation_project_email_idx/,
  );
  await expect(invite("cy@example.com", "owner", "c".repeat(64))).rejects.toThrow(/project_invitation_role_check/);
  await expect(invite("dee@example.com", "admin", "a".repeat(64))).rejects.toThrow(/project_invitation_token_hash_idx/);

  await database.exec(`delete from project where id = '${WORK}'`);
  expect(await database.rows(`select count(*)::int as n from project_invitation`)).toEqual([{ n: 0 }]);
});
