// The navigation's Today and Upcoming counts (countViewsForUser, on every signed-in page) for
// one person with 100,000 pending dated tasks (issue 30): what the statement reads (EXPLAIN
// ANALYZE, BUFFERS) and how long it takes, on the people views-person.ts builds (decision 101):
//   createdb views_bench
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/views_bench DATABASE_TIMEOUT_MS=600000 BETTER_AUTH_SECRET=$(openssl rand -base64 32) \
//     npx tsx bench/views-count-micro.ts
import { sql } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase } from "~/db.server";
import { todayFor } from "~/tasks/due-date";
import {
  countViewsForUser,
  countViewsStatement,
  listTasksForUser,
  summarizeTasksForUser,
} from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { TASKS, viewsBenchPerson } from "./views-person";

const RUNS = Number(process.env.BENCH_RUNS ?? 200);

await migrateDatabase();
const userId = await viewsBenchPerson();
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
