// The JSON list's query through the app's own pool, N at a time for a few seconds: what
// named vs unnamed statements, the per-transaction statement timeout and a transaction-mode
// pooler cost (decision 064). Run against a seeded database (bench/seed.ts):
//   DATABASE_URL=... BETTER_AUTH_SECRET=... [DATABASE_PREPARED_STATEMENTS=true] npx tsx bench/pooler-micro.ts
// Besides lists per second it prints the CPU each list cost, this process's and the database
// server's (every backend of the bench database, from /proc), which outside load on a shared
// machine hardly moves (decision 078).
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
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

/** User + system CPU of the database's backends so far, in µs (Linux, same machine). */
async function serverCpuMicros(pids: number[]) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* gone */
    }
  }
  return (ticks * 1_000_000) / 100;
}
const backends = async () =>
  (
    await db.execute(
      sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`,
    )
  ).rows.map((row) => Number((row as { pid: number }).pid));
const pids = process.env.DATABASE_URL ? await backends() : [];
const serverBefore = await serverCpuMicros(pids);
const clientBefore = process.cpuUsage();
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
const client = process.cpuUsage(clientBefore);
const serverMicros = (await serverCpuMicros(pids)) - serverBefore;
console.log(
  JSON.stringify({
    listsPerSecond: Math.round(done / SECONDS),
    clientMicrosPerList: Math.round((client.user + client.system) / done),
    serverMicrosPerList: Math.round(serverMicros / done),
  }),
);
await closeDatabase();
