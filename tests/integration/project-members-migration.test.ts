// Migration 0017 adds project members with roles, task assignees and the assignment-mail setting
// (decision 095) to a database the previous release filled: every project, the Inboxes too, gets
// its owner as its one member; every task stays as it was, unassigned; the database keeps the
// owner row in step with project.user_id and refuses to share an Inbox.
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_project_members.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const BEA = "00000000-0000-4000-8000-000000000002";
const ADA_INBOX = "30000000-0000-4000-8000-000000000001";
const ADA_WORK = "30000000-0000-4000-8000-000000000002";
const BEA_INBOX = "30000000-0000-4000-8000-000000000003";

it("makes each project's owner its member, keeps every task, and guards the owner and the Inbox", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values
      ('${ADA}', 'Ada', 'ada@example.com', true), ('${BEA}', 'Bea', 'bea@example.com', true);
    insert into project (id, user_id, name, color, inbox, created_at) values
      ('${ADA_INBOX}', '${ADA}', 'Inbox', 'gray', true, '2026-01-01T00:00:00Z'),
      ('${ADA_WORK}', '${ADA}', 'Work', 'blue', false, '2026-02-01T00:00:00Z'),
      ('${BEA_INBOX}', '${BEA}', 'Inbox', 'gray', true, '2026-03-01T00:00:00Z');
    insert into task (id, user_id, project_id, title, completed) values
      ('10000000-0000-4000-8000-000000000001', '${ADA}', '${ADA_WORK}', 'Write', false),
      ('10000000-0000-4000-8000-000000000002', '${ADA}', '${ADA_INBOX}', 'Read', true)`);
  const before = await database.rows(`select * from task order by id`);
  const tally = await database.rows(`select * from task_tally order by project_id, completed`);

  for (const statement of statements(migration)) await database.exec(statement);

  expect(await database.rows(`select * from task order by id`)).toEqual(
    before.map((row) => ({ ...(row as object), assignee_id: null })),
  );
  expect(await database.rows(`select * from task_tally order by project_id, completed`)).toEqual(tally);
  expect(
    await database.rows(`select project_id, user_id, role, created_at from project_member order by project_id`),
  ).toEqual([
    { project_id: ADA_INBOX, user_id: ADA, role: "owner", created_at: new Date("2026-01-01T00:00:00Z") },
    { project_id: ADA_WORK, user_id: ADA, role: "owner", created_at: new Date("2026-02-01T00:00:00Z") },
    { project_id: BEA_INBOX, user_id: BEA, role: "owner", created_at: new Date("2026-03-01T00:00:00Z") },
  ]);
  expect(await database.rows(`select assignment_mail from "user" order by id`)).toEqual([
    { assignment_mail: true },
    { assignment_mail: true },
  ]);

  // A project made after the migration gets its owner row from the database itself.
  await database.exec(`insert into project (id, user_id, name, color) values
    ('30000000-0000-4000-8000-000000000004', '${BEA}', 'Home', 'red')`);
  expect(
    await database.rows(
      `select user_id, role from project_member where project_id = '30000000-0000-4000-8000-000000000004'`,
    ),
  ).toEqual([{ user_id: BEA, role: "owner" }]);

  // Bea joins Ada's project; an Inbox, a second owner, an unknown role are refused.
  await database.exec(
    `insert into project_member (project_id, user_id, role) values ('${ADA_WORK}', '${BEA}', 'editor')`,
  );
  await expect(
    database.exec(`insert into project_member (project_id, user_id, role) values ('${ADA_INBOX}', '${BEA}', 'viewer')`),
  ).rejects.toThrow();
  await expect(database.exec(`update project_member set role = 'owner' where user_id = '${BEA}'`)).rejects.toThrow();
  await expect(database.exec(`update project_member set role = 'boss' where user_id = '${BEA}'`)).rejects.toThrow();

  // An assignee is a member of the task's project; removing the member unassigns, nothing else.
  await database.exec(`update task set assignee_id = '${BEA}' where title = 'Write'`);
  await expect(database.exec(`update task set assignee_id = '${BEA}' where title = 'Read'`)).rejects.toThrow();
  await database.exec(`delete from project_member where user_id = '${BEA}' and project_id = '${ADA_WORK}'`);
  expect(await database.rows(`select title, project_id, assignee_id from task where title = 'Write'`)).toEqual([
    { title: "Write", project_id: ADA_WORK, assignee_id: null },
  ]);

  // Handing the project over carries its tasks (task.user_id is the project's owner) and their tally.
  await database.exec(`
    insert into project_member (project_id, user_id, role) values ('${ADA_WORK}', '${BEA}', 'admin');
    update project set user_id = '${BEA}' where id = '${ADA_WORK}';
    update project_member set role = 'admin' where project_id = '${ADA_WORK}' and user_id = '${ADA}';
    update project_member set role = 'owner' where project_id = '${ADA_WORK}' and user_id = '${BEA}'`);
  expect(await database.rows(`select user_id from task where title = 'Write'`)).toEqual([{ user_id: BEA }]);
  expect(
    await database.rows(`select user_id, tasks from task_tally where project_id = '${ADA_WORK}' and tasks > 0`),
  ).toEqual([{ user_id: BEA, tasks: 1 }]);

  // Deleting the project takes its members and tasks with it.
  await database.exec(`delete from project where id = '${ADA_WORK}'`);
  expect(await database.rows(`select count(*)::int as n from project_member where project_id = '${ADA_WORK}'`)).toEqual(
    [{ n: 0 }],
  );
});
