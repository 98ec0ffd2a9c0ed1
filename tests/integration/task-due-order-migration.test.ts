// The due-order indexes' migration (0021, decision 115) on a database the previous release
// filled: task_user_due_time_idx holds the pending timed tasks and task_user_due_date_idx the
// pending tasks for the whole day, nothing else, and Today's and Upcoming's walks read them.
// On the project's own database kind.
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_task_due_order_indexes.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const INBOX = "00000000-0000-4000-8000-0000000000c1";

it("indexes the existing pending dated tasks by kind, and the walks read them in order", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified, time_zone) values ('${ADA}', 'Ada', 'ada@example.com', true, 'Europe/Berlin');
    insert into project (id, user_id, name, color, inbox) values ('${INBOX}', '${ADA}', 'Inbox', 'gray', true);
    insert into task (id, user_id, project_id, title, completed, due_date, due_time, time_zone, due_at) values
      ('00000000-0000-4000-8000-0000000000a1', '${ADA}', '${INBOX}', 'Timed', false, '2027-01-02', '09:00', 'Europe/Berlin', '2027-01-02T08:00:00Z'),
      ('00000000-0000-4000-8000-0000000000a2', '${ADA}', '${INBOX}', 'Whole day', false, '2027-01-02', null, 'Europe/Berlin', '2027-01-01T23:00:00Z'),
      ('00000000-0000-4000-8000-0000000000a3', '${ADA}', '${INBOX}', 'Done timed', true, '2027-01-02', '10:00', 'Europe/Berlin', '2027-01-02T09:00:00Z'),
      ('00000000-0000-4000-8000-0000000000a4', '${ADA}', '${INBOX}', 'Done whole day', true, '2027-01-03', null, 'Europe/Berlin', '2027-01-02T23:00:00Z'),
      ('00000000-0000-4000-8000-0000000000a5', '${ADA}', '${INBOX}', 'Undated', false, null, null, null, null),
      ('00000000-0000-4000-8000-0000000000a6', '${ADA}', '${INBOX}', 'Later whole day', false, '2027-01-05', null, 'Australia/Sydney', '2027-01-04T13:00:00Z')`);

  for (const statement of statements(migration)) await database.exec(statement);

  const indexes = await database.rows<{ indexname: string }>(
    `select indexname from pg_indexes where tablename = 'task' and indexname like 'task_user_due%' order by indexname`,
  );
  expect(indexes.map((index) => index.indexname)).toEqual([
    "task_user_due_date_idx",
    "task_user_due_idx",
    "task_user_due_time_idx",
  ]);
  // What each walk reads, through its index alone (the planner may not pick a scan of the table).
  await database.exec(`set enable_seqscan = off; set enable_bitmapscan = off`);
  const timed = `select title from task where user_id = '${ADA}' and not completed and due_time is not null and due_at >= '2027-01-01T00:00:00Z' order by user_id, due_at, id`;
  const wholeDay = `select title from task where user_id = '${ADA}' and not completed and due_time is null and due_date >= '2027-01-01' order by user_id, due_date, id`;
  expect(await database.rows(timed)).toEqual([{ title: "Timed" }]);
  expect(await database.rows(wholeDay)).toEqual([{ title: "Whole day" }, { title: "Later whole day" }]);
  const plan = async (query: string) =>
    (await database.rows<Record<string, string>>(`explain ${query}`)).map((row) => Object.values(row)[0]).join("\n");
  expect(await plan(timed)).toMatch(/Index Scan using task_user_due_time_idx/);
  expect(await plan(wholeDay)).toMatch(/Index Scan using task_user_due_date_idx/);
});
