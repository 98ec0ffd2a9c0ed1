// Migration 0018 adds reminders, reminder settings and the outbox's header lines (decision 106)
// to a database the previous release filled: queued mail keeps its bodies with no extra
// headers, tasks have no reminders, and the database refuses a reminder that is both kinds.
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_reminders.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const PROJECT = "30000000-0000-4000-8000-000000000001";
const TASK = "10000000-0000-4000-8000-000000000001";

it("keeps queued mail and tasks, and holds each reminder to one kind", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values ('${ADA}', 'Ada', 'ada@example.com', true);
    insert into project (id, user_id, name, color, inbox) values ('${PROJECT}', '${ADA}', 'Inbox', 'gray', true);
    insert into task (id, user_id, project_id, title, due_date, due_time, time_zone, due_at) values
      ('${TASK}', '${ADA}', '${PROJECT}', 'Write', '2026-12-24', '09:00', 'Europe/Berlin', '2026-12-24T08:00:00Z');
    insert into mail_outbox (recipient, subject, text_body, html_body, give_up_at) values
      ('ada@example.com', 'Reset', 'text', '<p>html</p>', now() + interval '1 hour')`);
  const tasks = await database.rows(`select * from task`);

  for (const statement of statements(migration)) await database.exec(statement);

  expect(await database.rows(`select * from task`)).toEqual(tasks);
  expect(await database.rows(`select subject, text_body, headers from mail_outbox`)).toEqual([
    { subject: "Reset", text_body: "text", headers: {} },
  ]);
  expect(await database.rows(`select * from task_reminder`)).toEqual([]);
  await database.exec(`insert into task_reminder (task_id, set_by, before_seconds) values ('${TASK}', '${ADA}', 3600)`);
  await expect(
    database.exec(
      `insert into task_reminder (task_id, set_by, before_seconds, at) values ('${TASK}', '${ADA}', 0, now())`,
    ),
  ).rejects.toThrow();
  await expect(
    database.exec(`insert into task_reminder (task_id, set_by) values ('${TASK}', '${ADA}')`),
  ).rejects.toThrow();
  await expect(
    database.exec(`insert into reminder_settings (user_id, digest_hour) values ('${ADA}', 24)`),
  ).rejects.toThrow();
  // Deleting the task takes its reminders with it.
  await database.exec(`delete from task where id = '${TASK}'`);
  expect(await database.rows(`select * from task_reminder`)).toEqual([]);
});
