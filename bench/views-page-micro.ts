// Today's and Upcoming's own pages for one person with 100,000 pending dated tasks (decision
// 115): the first page, the page after it (by cursor), page 3 (by offset) and the summary's count, each as
// EXPLAIN (ANALYZE, BUFFERS) and by time. On the people views-person.ts builds:
//   createdb views_bench
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/views_bench DATABASE_TIMEOUT_MS=600000 BETTER_AUTH_SECRET=$(openssl rand -base64 32) \
//     npx tsx bench/views-page-micro.ts
import { closeDatabase, db, migrateDatabase } from "~/db.server";
import { todayFor } from "~/tasks/due-date";
import * as lists from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { viewsBenchPerson } from "./views-person";

await migrateDatabase();
const userId = await viewsBenchPerson();
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
