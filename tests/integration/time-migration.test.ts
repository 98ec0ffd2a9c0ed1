// Migration 0015 adds due times, the zone a due date was written in, the derived instant and
// the account's time zone (decision 090) to a database the previous release filled: every due
// date keeps its calendar date, for the whole day, in UTC; tasks without one stay without; no
// account has a zone yet. On the project's own database kind.
import { afterAll, expect, it } from "vitest";
import { migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const MIGRATION = "0015_time.sql";
const lastRelease = migrationsBefore(MIGRATION);

const database = await openMigrationDatabase();
afterAll(() => database.close());

it("keeps every due date on its day, written in UTC, and every task without one", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email) values ('00000000-0000-4000-8000-000000000001', 'Ada', 'ada@example.com');
    insert into project (id, user_id, name, color, inbox) values
      ('00000000-0000-4000-8000-0000000000aa', '00000000-0000-4000-8000-000000000001', 'Inbox', 'gray', true);
    insert into task (user_id, project_id, title, due_date, completed) values
      ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000aa', 'Leap day', '2028-02-29', false),
      ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000aa', 'Done', '2027-01-31', true),
      ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000aa', 'Someday', null, false)`);

  for (const statement of statements(MIGRATION)) await database.exec(statement);

  expect(
    await database.rows(
      `select title, to_char(due_date, 'YYYY-MM-DD') as due_date, due_time, time_zone,
              to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as due_at
         from task order by title`,
    ),
  ).toEqual([
    { title: "Done", due_date: "2027-01-31", due_time: null, time_zone: "UTC", due_at: "2027-01-31T00:00:00" },
    { title: "Leap day", due_date: "2028-02-29", due_time: null, time_zone: "UTC", due_at: "2028-02-29T00:00:00" },
    { title: "Someday", due_date: null, due_time: null, time_zone: null, due_at: null },
  ]);
  expect(await database.rows(`select time_zone from "user"`)).toEqual([{ time_zone: null }]);
  // The constraint holds the four together from now on.
  await expect(database.exec(`update task set due_time = '09:00' where title = 'Someday'`)).rejects.toThrow(
    /task_due_check/,
  );
});
