// Migration 0019 adds task comments and project activity (decision 112) to a database the
// previous release filled: every task and project stays as it was; a comment goes with its
// task and with its author; an activity row goes with its project, outlives its task, and
// keeps its entry (without a name) when the actor's account is deleted.
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_comments_and_activity.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const BEA = "00000000-0000-4000-8000-000000000002";
const WORK = "30000000-0000-4000-8000-000000000002";
const WRITE = "10000000-0000-4000-8000-000000000001";
const READ = "10000000-0000-4000-8000-000000000002";

it("keeps every task and project, and ties comments and activity to their task, project and people", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values
      ('${ADA}', 'Ada', 'ada@example.com', true), ('${BEA}', 'Bea', 'bea@example.com', true);
    insert into project (id, user_id, name, color) values ('${WORK}', '${ADA}', 'Work', 'blue');
    insert into project_member (project_id, user_id, role) values ('${WORK}', '${BEA}', 'viewer');
    insert into task (id, user_id, project_id, title) values
      ('${WRITE}', '${ADA}', '${WORK}', 'Write'), ('${READ}', '${ADA}', '${WORK}', 'Read')`);
  const tasks = await database.rows(`select * from task order by id`);
  const projects = await database.rows(`select * from project order by id`);

  for (const statement of statements(migration)) await database.exec(statement);

  expect(await database.rows(`select * from task order by id`)).toEqual(tasks);
  expect(await database.rows(`select * from project order by id`)).toEqual(projects);

  await database.exec(`
    insert into task_comment (task_id, author_id, body) values
      ('${WRITE}', '${BEA}', 'By Bea'), ('${READ}', '${ADA}', 'By Ada'), ('${WRITE}', '${ADA}', 'Also Ada');
    insert into project_activity (project_id, actor_id, kind, task_id, task_title) values
      ('${WORK}', '${ADA}', 'task_created', '${WRITE}', 'Write'),
      ('${WORK}', '${BEA}', 'task_commented', '${WRITE}', 'Write')`);
  // Empty and too long comments, and unknown kinds, are refused by the database too.
  await expect(
    database.exec(`insert into task_comment (task_id, author_id, body) values ('${WRITE}', '${ADA}', '')`),
  ).rejects.toThrow();
  await expect(
    database.exec(
      `insert into task_comment (task_id, author_id, body) values ('${WRITE}', '${ADA}', repeat('x', 5001))`,
    ),
  ).rejects.toThrow();
  await expect(
    database.exec(`insert into project_activity (project_id, actor_id, kind) values ('${WORK}', '${ADA}', 'hacked')`),
  ).rejects.toThrow();

  // A task's delete takes its comments; its activity stays, with the title it had.
  await database.exec(`delete from task where id = '${READ}'`);
  expect(await database.rows(`select body from task_comment order by body`)).toEqual([
    { body: "Also Ada" },
    { body: "By Bea" },
  ]);
  // Bea's account goes: her comments go, her activity stays without her.
  await database.exec(`delete from "user" where id = '${BEA}'`);
  expect(await database.rows(`select body from task_comment`)).toEqual([{ body: "Also Ada" }]);
  expect(await database.rows(`select kind, actor_id, task_title from project_activity order by id`)).toEqual([
    { kind: "task_created", actor_id: ADA, task_title: "Write" },
    { kind: "task_commented", actor_id: null, task_title: "Write" },
  ]);
  // The project's delete takes its activity.
  await database.exec(`delete from project where id = '${WORK}'`);
  expect(await database.rows(`select * from project_activity`)).toEqual([]);
});
