// Migration 0027 (decision 125): each event numbers itself at its transaction's commit. On a
// database the previous release filled, nothing that was there changes; a transaction's events
// get ids in the order they were made, after every earlier transaction's; and a large
// transaction reads the event indexes once per event, not once per event for every event
// (the old trigger's n² index entries: 2,000 events read about two million).
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_event_numbers_per_row.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const WORK = "30000000-0000-4000-8000-000000000002";

/** Index entries the event table's index scans have returned so far. */
async function eventIndexEntriesRead() {
  await database.exec("select pg_stat_force_next_flush()");
  await database.exec("select pg_stat_clear_snapshot()");
  const [row] = await database.rows<{ n: number }>(
    `select coalesce(sum(idx_tup_read), 0)::int as n from pg_stat_user_indexes where relname = 'event'`,
  );
  return row!.n;
}

it("keeps every row, numbers each transaction's events in order after the earlier ones, and reads each once", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values ('${ADA}', 'Ada', 'ada@example.com', true);
    insert into project (id, user_id, name, color) values ('${WORK}', '${ADA}', 'Work', 'blue');
    insert into task (user_id, project_id, title) values ('${ADA}', '${WORK}', 'Before')`);
  const before = await database.rows(`select * from event order by seq`);
  const tasksBefore = await database.rows(`select * from task order by id`);

  for (const statement of statements(migration)) await database.exec(statement);
  expect(await database.rows(`select * from event order by seq`)).toEqual(before);
  expect(await database.rows(`select * from task order by id`)).toEqual(tasksBefore);

  const readBefore = await eventIndexEntriesRead();
  await database.exec(`begin;
    insert into task (user_id, project_id, title) select '${ADA}', '${WORK}', 'Bulk ' || n from generate_series(1, 2000) n;
    insert into task (user_id, project_id, title) values ('${ADA}', '${WORK}', 'Last of the bulk');
    commit`);
  const read = (await eventIndexEntriesRead()) - readBefore;
  expect(read).toBeGreaterThan(0);
  expect(read).toBeLessThan(10 * 2001);

  await database.exec(`insert into task (user_id, project_id, title) values ('${ADA}', '${WORK}', 'After')`);
  const events = await database.rows<{ seq: string; id: string | null }>(`select seq, id from event order by seq`);
  expect(events.every((event) => event.id !== null)).toBe(true);
  // Ids follow the order of the rows: the earlier release's, the bulk transaction's, then the last.
  const ids = events.map((event) => BigInt(event.id!));
  expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  expect(new Set(ids).size).toBe(ids.length);
  const titles = await database.rows<{ title: string }>(
    `select t.title from event e join task t on t.id = e.entity_id where e.kind = 'task.created' order by e.id`,
  );
  expect(titles.map((row) => row.title)).toEqual([
    "Before",
    ...Array.from({ length: 2000 }, (_, n) => `Bulk ${n + 1}`),
    "Last of the bulk",
    "After",
  ]);
});
