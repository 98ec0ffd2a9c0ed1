// Migration 0012 (projects) on a database the previous release filled: every account gets
// one Inbox, every task moves into its owner's Inbox, and nothing else changes (titles,
// timestamps, labels). Afterwards a task needs a project of its own owner. On the project's
// own database kind.
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_projects.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const BO = "00000000-0000-4000-8000-000000000002";
const CY = "00000000-0000-4000-8000-000000000003";

it("gives every account its Inbox and moves every task into its owner's, keeping every row", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values
      ('${ADA}', 'Ada', 'ada@example.com', true),
      ('${BO}', 'Bo', 'bo@example.com', true),
      ('${CY}', 'Cy', 'cy@example.com', false);
    insert into task (id, user_id, title, description, completed, priority, category, due_date, created_at, updated_at) values
      ('10000000-0000-4000-8000-000000000001', '${ADA}', 'Write', 'the book', false, 'high', 'Work', '2026-12-24', '2026-01-01T10:00:00Z', '2026-02-01T10:00:00Z'),
      ('10000000-0000-4000-8000-000000000002', '${ADA}', 'Read', '', true, 'low', null, null, '2026-01-02T10:00:00Z', '2026-01-02T10:00:00Z'),
      ('10000000-0000-4000-8000-000000000003', '${BO}', 'Cook', '', false, 'medium', 'Home', null, '2026-01-03T10:00:00Z', '2026-01-03T10:00:00Z');
    insert into label (id, user_id, name, color) values ('20000000-0000-4000-8000-000000000001', '${ADA}', 'Urgent', 'red');
    insert into task_label (task_id, label_id) values ('10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001')`);
  const tasksBefore = await database.rows(`select * from task order by id`);

  for (const statement of statements(migration)) await database.exec(statement);

  // One Inbox each, Cy's too (an account without tasks).
  expect(
    await database.rows(
      `select u.email, p.name, p.color, p.position, p.inbox, p.archived, p.favorite from project p join "user" u on u.id = p.user_id order by u.email`,
    ),
  ).toEqual([
    {
      email: "ada@example.com",
      name: "Inbox",
      color: "gray",
      position: 0,
      inbox: true,
      archived: false,
      favorite: false,
    },
    {
      email: "bo@example.com",
      name: "Inbox",
      color: "gray",
      position: 0,
      inbox: true,
      archived: false,
      favorite: false,
    },
    {
      email: "cy@example.com",
      name: "Inbox",
      color: "gray",
      position: 0,
      inbox: true,
      archived: false,
      favorite: false,
    },
  ]);
  // Every task is in its owner's Inbox, and otherwise exactly as it was (updated_at too: no ETag moves).
  expect(
    await database.rows(
      `select t.id, p.inbox, p.user_id = t.user_id as owners_inbox from task t join project p on p.id = t.project_id order by t.id`,
    ),
  ).toEqual([
    { id: "10000000-0000-4000-8000-000000000001", inbox: true, owners_inbox: true },
    { id: "10000000-0000-4000-8000-000000000002", inbox: true, owners_inbox: true },
    { id: "10000000-0000-4000-8000-000000000003", inbox: true, owners_inbox: true },
  ]);
  const tasksAfter = await database.rows<Record<string, unknown>>(`select * from task order by id`);
  expect(tasksAfter.map(({ project_id: _projectId, ...rest }) => rest)).toEqual(tasksBefore);
  expect(await database.rows(`select task_id, label_id from task_label`)).toEqual([
    { task_id: "10000000-0000-4000-8000-000000000001", label_id: "20000000-0000-4000-8000-000000000001" },
  ]);

  // From now on a task needs a project, and one of its owner's; an owner has one Inbox.
  await expect(database.exec(`insert into task (user_id, title) values ('${ADA}', 'No project')`)).rejects.toThrow();
  await expect(
    database.exec(
      `insert into task (user_id, project_id, title) select '${ADA}', id, 'In Bo''s' from project where user_id = '${BO}'`,
    ),
  ).rejects.toThrow();
  await expect(
    database.exec(`insert into project (user_id, name, color, inbox) values ('${ADA}', 'Second inbox', 'red', true)`),
  ).rejects.toThrow();
  await expect(
    database.exec(`insert into project (user_id, name, color) values ('${ADA}', 'INBOX', 'red')`),
  ).rejects.toThrow();
  // Deleting an account still takes its tasks and projects with it.
  await database.exec(`delete from "user" where id = '${BO}'`);
  expect(await database.rows(`select count(*)::int as n from project where user_id = '${BO}'`)).toEqual([{ n: 0 }]);
  expect(await database.rows(`select count(*)::int as n from task`)).toEqual([{ n: 2 }]);
});
