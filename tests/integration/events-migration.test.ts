// The event log's migration (0022, decision 108) on a database the previous release filled:
// afterwards every change to a project, task (its steps), comment, membership or label writes
// an event in its own transaction, numbered at commit, with who could read it then; a task or
// member removed with its project is the project's one event. On the project's own database kind.
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_events.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const BEA = "00000000-0000-4000-8000-000000000002";
const INBOX = "00000000-0000-4000-8000-0000000000c1";
const SHARED = "00000000-0000-4000-8000-0000000000c2";
const TASK = "00000000-0000-4000-8000-0000000000a1";

type EventRow = { id: string | null; kind: string; project_id: string | null; entity_id: string; audience: string };
const eventsAfter = (id: number) =>
  database.rows<EventRow>(
    `select id, kind, project_id, entity_id, audience::text from event where id > ${id} order by id`,
  );
const lastId = async () =>
  Number((await database.rows<{ id: string | null }>(`select max(id)::text as id from event`))[0]!.id ?? 0);

it("writes an event for each change, numbered at commit, for who could read it", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values ('${ADA}', 'Ada', 'ada@example.com', true), ('${BEA}', 'Bea', 'bea@example.com', true);
    insert into project (id, user_id, name, color, inbox) values ('${INBOX}', '${ADA}', 'Inbox', 'gray', true), ('${SHARED}', '${ADA}', 'Shared', 'blue', false);
    insert into task (id, user_id, project_id, title) values ('${TASK}', '${ADA}', '${INBOX}', 'Old task')`);

  for (const statement of statements(migration)) await database.exec(statement);
  expect(await database.rows(`select * from event`)).toEqual([]);

  await database.exec(
    `insert into project_member (project_id, user_id, role) values ('${SHARED}', '${BEA}', 'editor')`,
  );
  let events = await eventsAfter(0);
  expect(events.map((event) => [event.kind, event.entity_id])).toEqual([["member.added", BEA]]);
  expect(events[0]!.audience).toContain(BEA);
  expect(events[0]!.audience).toContain(ADA);

  // One transaction, several changes: numbered together at its commit, none before.
  let before = await lastId();
  await database.exec(`begin;
    update task set steps = '[{"id":"s1","title":"Step","done":false}]', updated_at = now() where id = '${TASK}';
    update task set project_id = '${SHARED}' where id = '${TASK}';
    insert into task_comment (task_id, author_id, body) values ('${TASK}', '${BEA}', 'Hello');
    insert into label (user_id, name, color) values ('${ADA}', 'home', 'red');`);
  const unnumbered = await database.rows<{ n: number }>(`select count(*)::int as n from event where id is null`);
  expect(unnumbered[0]!.n).toBe(4);
  await database.exec(`commit`);
  events = await eventsAfter(before);
  expect(events.map((event) => event.kind)).toEqual([
    "task.updated",
    "task.updated",
    "comment.created",
    "label.created",
  ]);
  expect(events[1]!.project_id).toBe(SHARED);
  expect(events[1]!.audience).toContain(BEA);
  expect(events[3]!.audience).toBe(`{${ADA}}`);

  // A removed member hears of it; after that, the project's events are not theirs.
  before = await lastId();
  await database.exec(`delete from project_member where project_id = '${SHARED}' and user_id = '${BEA}'`);
  await database.exec(`update task set title = 'Renamed', updated_at = now() where id = '${TASK}'`);
  events = await eventsAfter(before);
  expect(events.map((event) => event.kind)).toEqual(["member.removed", "task.updated"]);
  expect(events[0]!.audience).toContain(BEA);
  expect(events[1]!.audience).not.toContain(BEA);

  // A deleted project is one event: its tasks, comments and members go with it unannounced.
  before = await lastId();
  await database.exec(`delete from project where id = '${SHARED}'`);
  events = await eventsAfter(before);
  expect(events.map((event) => [event.kind, event.entity_id])).toEqual([["project.deleted", SHARED]]);
  expect(events[0]!.audience).toBe(`{${ADA}}`);

  // A rolled-back change leaves nothing.
  before = await lastId();
  await database.exec(
    `begin; insert into task (user_id, project_id, title) values ('${ADA}', '${INBOX}', 'Gone'); rollback`,
  );
  expect(await eventsAfter(before)).toEqual([]);
});
