// The JSON list's query through the app's own pool, N at a time for a few seconds: what
// named vs unnamed statements, the per-transaction statement timeout and a transaction-mode
// pooler cost (decision 064). Run against a seeded database (bench/seed.ts):
//   DATABASE_URL=... BETTER_AUTH_SECRET=... [DATABASE_PREPARED_STATEMENTS=true] npx tsx bench/pooler-micro.ts
import { eq } from "drizzle-orm";
import { closeDatabase, db } from "~/db.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { listTasksForUser } from "~/tasks/list/task-list.server";
import { user } from "../db/schema";
import { benchEmail } from "./users.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const [person] = await db
  .select({ id: user.id })
  .from(user)
  .where(eq(user.email, benchEmail(0)));
const query = TaskListQuerySchema.parse({});
const list = () => listTasksForUser(person!.id, query, { limit: 50, cursor: null });
for (let warm = 0; warm < 200; warm++) await list();
let done = 0;
const until = Date.now() + SECONDS * 1000;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < until) {
      await list();
      done++;
    }
  }),
);
console.log(JSON.stringify({ listsPerSecond: Math.round(done / SECONDS) }));
await closeDatabase();
