// Migration 0025 adds calendar feeds (decision 119) to a database the previous release filled:
// nothing that was there changes; a person has one feed of their own and one per project they
// are a member of, and a project feed goes with the membership (and the project, and the person).
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_calendar_feeds.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const BEA = "00000000-0000-4000-8000-000000000002";
const WORK = "30000000-0000-4000-8000-000000000002";

const feed = (userId: string, projectId: string | null) =>
  database.exec(
    `insert into calendar_feed (user_id, project_id, nonce) values ('${userId}', ${projectId ? `'${projectId}'` : "null"}, 'n')`,
  );
const count = async () => (await database.rows<{ n: number }>(`select count(*)::int as n from calendar_feed`))[0]!.n;

it("keeps every row, and holds one feed per person and per membership, gone with the membership", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values ('${ADA}', 'Ada', 'ada@example.com', true),
      ('${BEA}', 'Bea', 'bea@example.com', true);
    insert into project (id, user_id, name, color) values ('${WORK}', '${ADA}', 'Work', 'blue');
    insert into project_member (project_id, user_id, role) values ('${WORK}', '${BEA}', 'viewer');
    insert into task (id, user_id, project_id, title, due_date, time_zone, due_at)
      values ('10000000-0000-4000-8000-000000000001', '${ADA}', '${WORK}', 'Write', '2027-03-29', 'UTC', '2027-03-29T00:00:00Z')`);
  const before = {
    tasks: await database.rows(`select * from task order by id`),
    members: await database.rows(`select * from project_member order by project_id, user_id`),
  };

  for (const statement of statements(migration)) await database.exec(statement);

  expect(await database.rows(`select * from task order by id`)).toEqual(before.tasks);
  expect(await database.rows(`select * from project_member order by project_id, user_id`)).toEqual(before.members);
  expect(await count()).toBe(0);

  await feed(ADA, null);
  await expect(feed(ADA, null)).rejects.toThrow(/calendar_feed_person_idx/);
  await feed(ADA, WORK);
  await expect(feed(ADA, WORK)).rejects.toThrow(/calendar_feed_project_idx/);
  await feed(BEA, WORK);
  await feed(BEA, null);
  // Not a member: refused by the database too.
  await database.exec(`delete from project_member where project_id = '${WORK}' and user_id = '${BEA}'`);
  expect(await count()).toBe(3);
  await expect(feed(BEA, WORK)).rejects.toThrow(/calendar_feed_member_fk/);

  await database.exec(`delete from project where id = '${WORK}'`);
  expect(await count()).toBe(2);
  await database.exec(`delete from "user" where id = '${ADA}'`);
  expect(await count()).toBe(1);
});
