// Migration 0026 adds webhooks (decision 120) to a database the previous release filled: nothing
// that was there changes, and from then on each change's event fans out, in the change's own
// transaction, to the endpoints whose owner could read it, that subscribe to its type and
// project; a completion is told apart from an update; a rolled-back change leaves nothing.
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_webhooks.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const BEA = "00000000-0000-4000-8000-000000000002";
const WORK = "30000000-0000-4000-8000-000000000002";
const HOME = "30000000-0000-4000-8000-000000000003";
const TASK = "10000000-0000-4000-8000-000000000001";

const types = async (endpoint: string) =>
  (
    await database.rows<{ type: string }>(
      `select type from webhook_delivery where endpoint_id = '${endpoint}' order by event_seq`,
    )
  ).map((row) => row.type);

it("keeps every row, and fans each event out to the endpoints that may have it, in its transaction", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values ('${ADA}', 'Ada', 'ada@example.com', true),
      ('${BEA}', 'Bea', 'bea@example.com', true);
    insert into project (id, user_id, name, color) values ('${WORK}', '${ADA}', 'Work', 'blue'),
      ('${HOME}', '${ADA}', 'Home', 'red');
    insert into task (id, user_id, project_id, title) values ('${TASK}', '${ADA}', '${WORK}', 'Write')`);
  const before = await database.rows(`select * from task order by id`);

  for (const statement of statements(migration)) await database.exec(statement);
  expect(await database.rows(`select * from task order by id`)).toEqual(before);

  const hook = (id: string, user: string, events: string, projects = "null") =>
    database.exec(`insert into webhook_endpoint (id, user_id, url, events, project_ids, nonce)
      values ('${id}', '${user}', 'https://example.com/h', '{${events}}', ${projects}, 'n')`);
  const ALL = "40000000-0000-4000-8000-000000000001";
  const WORK_ONLY = "40000000-0000-4000-8000-000000000002";
  const BEAS = "40000000-0000-4000-8000-000000000003";
  await hook(ALL, ADA, "task.created,task.updated,task.completed,member.joined");
  await hook(WORK_ONLY, ADA, "task.completed", `'{${WORK}}'`);
  await hook(BEAS, BEA, "task.created,task.updated,task.completed");

  await database.exec(`update task set completed = true where id = '${TASK}'`);
  await database.exec(`update task set title = 'Written' where id = '${TASK}'`);
  await database.exec(`insert into task (user_id, project_id, title) values ('${ADA}', '${HOME}', 'Cook')`);
  await database.exec(`insert into project_member (project_id, user_id, role) values ('${WORK}', '${BEA}', 'viewer')`);
  await database.exec(`insert into task (user_id, project_id, title) values ('${ADA}', '${WORK}', 'Shared')`);
  await database.exec(
    `begin; insert into task (user_id, project_id, title) values ('${ADA}', '${WORK}', 'Undone'); rollback`,
  );

  expect(await types(ALL)).toEqual(["task.completed", "task.updated", "task.created", "member.joined", "task.created"]);
  expect(await types(WORK_ONLY)).toEqual(["task.completed"]);
  // Bea could read Work's tasks only from her joining on.
  expect(await types(BEAS)).toEqual(["task.created"]);

  await database.exec(`update webhook_endpoint set status = 'disabled' where id = '${ALL}'`);
  await database.exec(`insert into task (user_id, project_id, title) values ('${ADA}', '${HOME}', 'Ignored')`);
  expect(await types(ALL)).toHaveLength(5);
  await database.exec(`delete from "user" where id = '${ADA}'`);
  expect(await database.rows(`select count(*)::int as n from webhook_delivery where endpoint_id <> '${BEAS}'`)).toEqual(
    [{ n: 0 }],
  );
});
