// The label walk's migration (0022, decision 116) on a database the previous release filled:
// every task_label row takes its task's created_at, later inserts take it whatever they say, a
// task whose created_at changes carries its rows along, and a label's tasks are walked newest
// first through task_label_label_created_idx. On the project's own database kind.
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_task_label_created_order.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const INBOX = "00000000-0000-4000-8000-0000000000c1";
const WORK = "00000000-0000-4000-8000-0000000000b1";
const HOME = "00000000-0000-4000-8000-0000000000b2";
const task = (n: number) => `00000000-0000-4000-8000-0000000000a${n}`;

it("copies each task's created_at into its label rows, keeps it so, and walks a label's tasks newest first", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values ('${ADA}', 'Ada', 'ada@example.com', true);
    insert into project (id, user_id, name, color, inbox) values ('${INBOX}', '${ADA}', 'Inbox', 'gray', true);
    insert into label (id, user_id, name, color) values ('${WORK}', '${ADA}', 'Work', 'blue'), ('${HOME}', '${ADA}', 'Home', 'green');
    insert into task (id, user_id, project_id, title, created_at) values
      ('${task(1)}', '${ADA}', '${INBOX}', 'Oldest', '2025-01-01T00:00:00Z'),
      ('${task(2)}', '${ADA}', '${INBOX}', 'Middle', '2025-06-01T00:00:00Z'),
      ('${task(3)}', '${ADA}', '${INBOX}', 'Newest', '2026-01-01T00:00:00Z');
    insert into task_label (task_id, label_id) values
      ('${task(1)}', '${WORK}'), ('${task(3)}', '${WORK}'), ('${task(2)}', '${HOME}')`);

  for (const statement of statements(migration)) await database.exec(statement);

  const copied = `select t.title, tl.task_created_at = t.created_at as same from task_label tl join task t on t.id = tl.task_id order by t.title, tl.label_id`;
  expect(await database.rows(copied)).toEqual([
    { title: "Middle", same: true },
    { title: "Newest", same: true },
    { title: "Oldest", same: true },
  ]);

  // A writer that names no date (every one in the app), or a wrong one, gets the task's.
  await database.exec(`insert into task_label (task_id, label_id) values ('${task(2)}', '${WORK}')`);
  await database.exec(
    `insert into task_label (task_id, label_id, task_created_at) values ('${task(3)}', '${HOME}', '1999-01-01T00:00:00Z')`,
  );
  // A task's created_at moved (nothing does today): its rows follow.
  await database.exec(`update task set created_at = '2024-01-01T00:00:00Z' where id = '${task(3)}'`);
  const all = await database.rows<{ same: boolean }>(copied);
  expect(all).toHaveLength(5);
  expect(all.every((row) => row.same)).toBe(true);

  // The label's tasks in the index's order: the moved task is now the oldest.
  await database.exec(`set enable_seqscan = off; set enable_bitmapscan = off`);
  const walk = `select task_id from task_label where label_id = '${WORK}' order by label_id desc, task_created_at desc, task_id desc`;
  expect(await database.rows(walk)).toEqual([{ task_id: task(2) }, { task_id: task(1) }, { task_id: task(3) }]);
  const plan = (await database.rows<Record<string, string>>(`explain ${walk}`))
    .map((row) => Object.values(row)[0])
    .join("\n");
  expect(plan).toMatch(/Index Only Scan Backward using task_label_label_created_idx/);
  // The index it replaces is gone; deleting a label still finds its rows (the cascade).
  const indexes = await database.rows<{ indexname: string }>(
    `select indexname from pg_indexes where tablename = 'task_label' order by indexname`,
  );
  expect(indexes.map((index) => index.indexname)).toEqual([
    "task_label_label_created_idx",
    "task_label_task_id_label_id_pk",
  ]);
  await database.exec(`delete from label where id = '${WORK}'`);
  expect(await database.rows(`select task_id from task_label order by task_id`)).toEqual([
    { task_id: task(2) },
    { task_id: task(3) },
  ]);
});
