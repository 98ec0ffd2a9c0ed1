// The navigation's Today and Upcoming counts (countViewsForUser, on every signed-in page) for
// one person with 100,000 pending dated tasks (issue 30): what the statement reads (EXPLAIN
// ANALYZE, BUFFERS) and how long it takes. Builds its own people in the database it is given (decision 101):
//   createdb views_bench
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/views_bench DATABASE_TIMEOUT_MS=600000 BETTER_AUTH_SECRET=$(openssl rand -base64 32) \
//     npx tsx bench/views-count-micro.ts
// The tasks: one in three timed (in Berlin), due from 30 days ago to about four years ahead, so
// Today holds a month of overdue ones and Upcoming nearly all the rest; 100 other people hold
// 1,000 such tasks each, as a shared table does. Built once: later runs reuse them.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase } from "~/db.server";
import { ensureInbox } from "~/projects/projects.server";
import { todayFor } from "~/tasks/due-date";
import {
  countViewsForUser,
  countViewsStatement,
  listTasksForUser,
  summarizeTasksForUser,
} from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { user } from "../db/schema";

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

await migrateDatabase();

/** A person with `tasks` pending dated tasks, built in SQL; their id. */
async function personWith(email: string, tasks: number): Promise<string> {
  const [person] = await db
    .insert(user)
    .values({ name: email, email, timeZone: "Europe/Berlin" })
    .returning({ id: user.id });
  const userId = person!.id;
  await ensureInbox(userId);
  await db.execute(sql`
    insert into task (user_id, project_id, title, due_date, due_time, time_zone, due_at)
    select ${userId}, (select id from project where user_id = ${userId} and inbox), 'Task ' || n,
           d, case when n % 3 = 0 then time '09:00' end, 'Europe/Berlin',
           case when n % 3 = 0 then (d + time '09:00') at time zone 'Europe/Berlin' else d::timestamp at time zone 'Europe/Berlin' end
    from generate_series(0, ${tasks} - 1) as n, lateral (select current_date - 30 + (n % 1500) as d) as due`);
  return userId;
}

const EMAIL = `views-bench-${TASKS}@example.test`;
const [existing] = await db.select({ id: user.id }).from(user).where(eq(user.email, EMAIL));
let userId = existing?.id;
if (!userId) {
  userId = await personWith(EMAIL, TASKS);
  for (let other = 0; other < 100; other++) await personWith(`${randomUUID()}@example.test`, 1_000);
  await db.execute(sql`vacuum analyze task`);
}
const reader = todayFor("Europe/Berlin");
const plan = await db.execute(sql`explain (analyze, buffers, costs off) ${countViewsStatement(userId, reader)}`);
const lines = (plan.rows as Record<string, string>[]).map((row) => Object.values(row)[0]);
console.log(lines.join("\n"));

for (let warm = 0; warm < 20; warm++) await countViewsForUser(userId, reader);
const started = performance.now();
for (let run = 0; run < RUNS; run++) await countViewsForUser(userId, reader);
const ms = (performance.now() - started) / RUNS;
console.log(JSON.stringify({ tasks: TASKS, counts: await countViewsForUser(userId, reader), msPerCall: ms }));

// The pages' own first page of each view (50 rows, soonest first) and its summary (the count
// of matches for the page numbers), for comparison: not capped (decision 100).
for (const view of ["today", "upcoming"] as const) {
  const query = TaskListQuerySchema.parse({ view, sort: "due_date" });
  const page = () => listTasksForUser(userId, query, { limit: 50, reader });
  for (let warm = 0; warm < 5; warm++) await page();
  const began = performance.now();
  for (let run = 0; run < 20; run++) await page();
  const pageMs = (performance.now() - began) / 20;
  const summaryBegan = performance.now();
  for (let run = 0; run < 20; run++) await summarizeTasksForUser(userId, query, reader);
  console.log(JSON.stringify({ view, msPerPage: pageMs, msPerSummary: (performance.now() - summaryBegan) / 20 }));
}
await closeDatabase();
