// Today's and Upcoming's own pages for one person with 100,000 pending dated tasks (decision
// 115): the first page, the page after it (by cursor), page 3 (by offset) and the summary's count, each as
// EXPLAIN (ANALYZE, BUFFERS) and by time. Builds the people views-count-micro.ts builds:
//   createdb views_bench
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/views_bench DATABASE_TIMEOUT_MS=600000 BETTER_AUTH_SECRET=$(openssl rand -base64 32) \
//     npx tsx bench/views-page-micro.ts
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase } from "~/db.server";
import { ensureInbox } from "~/projects/projects.server";
import { todayFor } from "~/tasks/due-date";
import * as lists from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { user } from "../db/schema";

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
await migrateDatabase();

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

async function explain(label: string, statement: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql: text, params } = statement.toSQL();
  const plan = await db.$client.query(`explain (analyze, buffers, costs off) ${text}`, params as never[]);
  const lines = (plan.rows as Record<string, string>[]).map((row) => String(Object.values(row)[0]));
  const top = lines.find((line) => line.includes("Buffers")) ?? "";
  console.log(`--- ${label}\n${lines.join("\n")}\n=== ${label}: ${top.trim()} | ${lines.at(-1)!.trim()}`);
}

for (const view of ["today", "upcoming"] as const) {
  const query = TaskListQuerySchema.parse({ view, sort: "due_date" });
  const first = await lists.listTasksForUser(userId, query, { limit: 50, reader });
  await explain(`${view} first page`, lists.listTasksStatement(userId, query, { limit: 50, reader }));
  await explain(
    `${view} after the first page (cursor)`,
    lists.listTasksStatement(userId, query, { limit: 50, reader, cursor: first.nextCursor }),
  );
  await explain(
    `${view} page 3 (offset 100)`,
    lists.listTasksStatement(userId, query, { limit: 50, reader, offset: 100 }),
  );
  // The summary as a statement exists from decision 115 on (the release before has no such export).
  if ("summarizeTasksStatement" in lists)
    await explain(`${view} summary`, lists.summarizeTasksStatement(userId, query, reader) as never);
  const page = () => lists.listTasksForUser(userId, query, { limit: 50, reader });
  for (let warm = 0; warm < 5; warm++) await page();
  const began = performance.now();
  for (let run = 0; run < 20; run++) await page();
  const pageMs = (performance.now() - began) / 20;
  for (let warm = 0; warm < 3; warm++) await lists.summarizeTasksForUser(userId, query, reader);
  const summaryBegan = performance.now();
  let summary;
  for (let run = 0; run < 20; run++) summary = await lists.summarizeTasksForUser(userId, query, reader);
  console.log(
    JSON.stringify({
      view,
      msPerPage: pageMs,
      msPerSummary: (performance.now() - summaryBegan) / 20,
      matching: summary?.matching,
    }),
  );
}
await closeDatabase();
