// Migration 0016 adds a task's repeat rule, its mode and the task a next occurrence came from
// (decision 093) to a database the previous release filled: every task stays as it was and
// repeats not; the database refuses a rule without a mode or without a due date.
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_repeating_tasks.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const PROJECT = "30000000-0000-4000-8000-000000000001";

it("keeps every task, none repeating, and refuses a rule without a due date", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values ('${ADA}', 'Ada', 'ada@example.com', true);
    insert into project (id, user_id, name, color, inbox) values ('${PROJECT}', '${ADA}', 'Inbox', 'gray', true);
    insert into task (id, user_id, project_id, title, completed, priority, due_date, due_time, time_zone, due_at) values
      ('10000000-0000-4000-8000-000000000001', '${ADA}', '${PROJECT}', 'Write', false, 'high', '2026-12-24', '09:00', 'Europe/Berlin', '2026-12-24T08:00:00Z'),
      ('10000000-0000-4000-8000-000000000002', '${ADA}', '${PROJECT}', 'Read', true, 'low', null, null, null, null)`);
  const before = await database.rows(`select * from task order by id`);

  for (const statement of statements(migration)) await database.exec(statement);

  const after = await database.rows<Record<string, unknown>>(`select * from task order by id`);
  expect(after).toEqual(
    before.map((row) => ({ ...(row as object), repeat_rule: null, repeat_mode: null, repeat_of: null })),
  );
  await database.exec(
    `update task set repeat_rule = 'FREQ=WEEKLY;BYDAY=MO', repeat_mode = 'due' where title = 'Write'`,
  );
  await expect(
    database.exec(`update task set repeat_rule = 'FREQ=DAILY', repeat_mode = 'due' where title = 'Read'`),
  ).rejects.toThrow();
  await expect(database.exec(`update task set repeat_mode = null where title = 'Write'`)).rejects.toThrow();
  await expect(database.exec(`update task set repeat_mode = 'sometimes' where title = 'Write'`)).rejects.toThrow();
  // The next occurrence outlives the one it came from.
  await database.exec(`
    insert into task (id, user_id, project_id, title, due_date, time_zone, due_at, repeat_of) values
      ('10000000-0000-4000-8000-000000000003', '${ADA}', '${PROJECT}', 'Write', '2026-12-31', 'UTC', '2026-12-31T00:00:00Z', '10000000-0000-4000-8000-000000000001');
    delete from task where id = '10000000-0000-4000-8000-000000000001'`);
  expect(await database.rows(`select title, repeat_of from task order by id`)).toEqual([
    { title: "Read", repeat_of: null },
    { title: "Write", repeat_of: null },
  ]);
});
