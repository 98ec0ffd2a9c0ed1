// Issue 29's "second wall" experiment (decision 102): PostgreSQL row-level security on `task`
// and `project`, keyed on the acting person set per transaction, measured on the JSON list's
// first page (GET /api/tasks: created, newest first, 50 rows) against the same statement as the
// app runs it today. One process, the two ways alternated round by round, so the shared
// machine's noise falls on both. The person owns BENCH_TASKS tasks and is an editor in 5
// projects of others (1,000 tasks each); 100 more people hold 1,000 tasks each.
//   createdb rls_bench
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/rls_bench DATABASE_TIMEOUT_MS=600000 BETTER_AUTH_SECRET=$(openssl rand -base64 32) \
//     npx tsx bench/rls-micro.ts
// The policies (tests/support/row-level-security.ts) are put on for the run and taken off after.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase } from "~/db.server";
import { ensureInbox } from "~/projects/projects.server";
import * as lists from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { project, projectMember, user } from "../db/schema";
import { disableRowLevelSecurity, enableRowLevelSecurity } from "../tests/support/row-level-security";

const TASKS = Number(process.env.BENCH_TASKS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 100);

await migrateDatabase();

async function personWith(email: string, tasks: number): Promise<{ userId: string; inboxId: string }> {
  const [person] = await db.insert(user).values({ name: email, email }).returning({ id: user.id });
  const userId = person!.id;
  await ensureInbox(userId);
  const [inbox] = await db.select({ id: project.id }).from(project).where(eq(project.userId, userId));
  await db.execute(sql`
    insert into task (user_id, project_id, title)
    select ${userId}, ${inbox!.id}, 'Task ' || n from generate_series(1, ${tasks}) as n`);
  return { userId, inboxId: inbox!.id };
}

const email = `rls-bench-${TASKS}@example.test`;
let [reader] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
if (!reader) {
  const me = await personWith(email, TASKS);
  for (let other = 0; other < 100; other++) {
    const them = await personWith(`${randomUUID()}@example.test`, 1_000);
    if (other < 5) {
      // A project of theirs shared with the reader, and its tasks.
      const [shared] = await db
        .insert(project)
        .values({ userId: them.userId, name: `Shared ${other}`, color: "teal", position: 1 })
        .returning({ id: project.id });
      // (The owner's own member row comes with the project.)
      await db.insert(projectMember).values({ projectId: shared!.id, userId: me.userId, role: "editor" });
      await db.execute(sql`
        insert into task (user_id, project_id, title)
        select ${them.userId}, ${shared!.id}, 'Shared task ' || n from generate_series(1, 1000) as n`);
    }
  }
  await db.execute(sql`vacuum analyze`);
  reader = { id: me.userId };
}
const userId = reader.id;

// The wall: a role that does not bypass RLS, and policies keyed on app.person.
const ROLE = "tasklane_rls_app";
for (const statement of enableRowLevelSecurity(ROLE)) await db.execute(statement);

const query = TaskListQuerySchema.parse({});
const { sql: text, params } = lists.listTasksStatement(userId, query, { limit: 50 }).toSQL();
const client = await db.$client.connect();

async function plain() {
  return (await client.query(text, params as never[])).rowCount;
}
async function walled() {
  await client.query("begin");
  await client.query(`set local role ${ROLE}`);
  await client.query("select set_config('app.person', $1, true)", [userId]);
  const rows = (await client.query(text, params as never[])).rowCount;
  await client.query("commit");
  return rows;
}

// The wall holds: without the person's scope the app's role reads no task at all.
await client.query("begin");
await client.query(`set local role ${ROLE}`);
const unscoped = (await client.query("select count(*)::int as n from task")).rows[0].n as number;
await client.query("rollback");
const rowsPlain = await plain();
const rowsWalled = await walled();
console.log(JSON.stringify({ unscopedTaskRows: unscoped, rowsPlain, rowsWalled }));

async function explainWalled() {
  await client.query("begin");
  await client.query(`set local role ${ROLE}`);
  await client.query("select set_config('app.person', $1, true)", [userId]);
  const plan = await client.query(`explain (analyze, buffers, costs off) ${text}`, params as never[]);
  await client.query("rollback");
  return plan.rows.map((row) => String(Object.values(row)[0])).join("\n");
}
const planPlain = await client.query(`explain (analyze, buffers, costs off) ${text}`, params as never[]);
console.log(`--- plain\n${planPlain.rows.map((row) => String(Object.values(row)[0])).join("\n")}`);
console.log(`--- with RLS\n${await explainWalled()}`);

for (let warm = 0; warm < 20; warm++) await Promise.all([plain(), walled()]).catch(() => undefined);
const figures: { plain: number; walled: number }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const perSecond = async (run: () => Promise<unknown>) => {
    const began = performance.now();
    for (let n = 0; n < PER_ROUND; n++) await run();
    return (PER_ROUND * 1000) / (performance.now() - began);
  };
  // Alternate which goes first, so neither always follows the other.
  if (round % 2 === 0) figures.push({ plain: await perSecond(plain), walled: await perSecond(walled) });
  else {
    const walledFirst = await perSecond(walled);
    figures.push({ plain: await perSecond(plain), walled: walledFirst });
  }
}
const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ratios = figures.map((figure) => figure.walled / figure.plain);
console.log(
  JSON.stringify({
    tasks: TASKS,
    rounds: figures.map((f) => ({ plain: Math.round(f.plain), rls: Math.round(f.walled) })),
    medianPlainPerSecond: Math.round(median(figures.map((f) => f.plain))),
    medianRlsPerSecond: Math.round(median(figures.map((f) => f.walled))),
    medianRatio: Number(median(ratios).toFixed(3)),
  }),
);

// Leave the database as the app expects it.
for (const statement of disableRowLevelSecurity(ROLE)) await db.execute(statement);
client.release();
await closeDatabase();
