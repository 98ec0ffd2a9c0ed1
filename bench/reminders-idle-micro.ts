// The reminder scheduler's idle round (decision 106) with 10,000 future reminders and 1,000
// enabled digests stored: what each process pays every REMINDER_POLL_SECONDS when nothing is
// due. Runs on the database of DATABASE_URL, or an in-memory PGlite without it:
//   node --import tsx bench/reminders-idle-micro.ts
import { sql } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase } from "~/db.server";
import { sendDueDigests, sendDueReminders } from "~/reminders/scheduler.server";

const REMINDERS = Number(process.env.BENCH_REMINDERS ?? 10_000);
const ROUNDS = 500;

await migrateDatabase();
await db.execute(sql`insert into "user" (id, name, email, email_verified)
  select gen_random_uuid(), 'Idle ' || n, 'idle-' || n || '@example.test', true from generate_series(1, 1000) n`);
await db.execute(sql`insert into project (user_id, name, color, inbox)
  select id, 'Inbox', 'gray', true from "user" where email like 'idle-%'`);
await db.execute(sql`insert into task (user_id, project_id, title, due_date, time_zone, due_at)
  select p.user_id, p.id, 'Task ' || n, date '2099-01-01' + n % 300, 'UTC', timestamptz '2099-01-01' + (n % 300) * interval '1 day'
  from project p, generate_series(1, ${REMINDERS / 1000}) n`);
await db.execute(sql`insert into task_reminder (task_id, set_by, before_seconds, send_at)
  select id, user_id, 3600, due_at - interval '1 hour' from task where title like 'Task %'`);
await db.execute(sql`insert into reminder_settings (user_id, digest_enabled, digest_next_at)
  select id, true, timestamptz '2099-01-01' from "user" where email like 'idle-%'`);
await db.execute(sql`analyze`);

const now = new Date();
for (let i = 0; i < 50; i++) await Promise.all([sendDueReminders(now), sendDueDigests(now)]);
const times: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const started = performance.now();
  await sendDueReminders(now);
  await sendDueDigests(now);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const [row] = (await db.execute(sql`select count(*)::int as n from task_reminder where status = 'pending'`)).rows as {
  n: number;
}[];
console.log(
  JSON.stringify({
    database: process.env.DATABASE_URL ? "postgres" : "pglite",
    pendingReminders: row?.n,
    rounds: ROUNDS,
    medianMs: Number(times[ROUNDS / 2]!.toFixed(3)),
    p95Ms: Number(times[Math.floor(ROUNDS * 0.95)]!.toFixed(3)),
  }),
);
await closeDatabase();
