// The label filter and the search for scenario 8's people (issue 41's depth), read as the app
// reads them: per person, EXPLAIN (ANALYZE, BUFFERS) of the statements the list runs for
// `label=Work` and `q=garden` (generic plans, after six executions, as its prepared statements
// run), and the time per call of the whole list (walk and statement) over 30 warm calls. The
// people are scenario 8's (bench/scenarios/8-depth.js, built in SQL), made once per database;
// the quiet one's tasks sit in a project of theirs shared with a fourth person, a viewer whose
// own label "Work" makes the name stand for two label ids.
//   createdb depth_bench
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/depth_bench DATABASE_TIMEOUT_MS=600000 BETTER_AUTH_SECRET=$(openssl rand -base64 32) \
//     npx tsx bench/depth-micro.ts
import { eq, sql } from "drizzle-orm";
import type { Pool } from "pg";
import { closeDatabase, db, migrateDatabase } from "~/db.server";
import { createProjectForUser, ensureInbox, hasSharedProjects } from "~/projects/projects.server";
import { addProjectMember } from "~/projects/members.server";
import * as lists from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { label, user } from "../db/schema";
import { build, PEOPLE } from "./scenarios/8-depth.js";
import { benchEmail } from "./users.js";

await migrateDatabase();

async function person(index: number): Promise<string> {
  const email = benchEmail(index);
  const [existing] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
  if (existing) return existing.id;
  const [created] = await db.insert(user).values({ name: email, email }).returning({ id: user.id });
  await ensureInbox(created!.id);
  await db.insert(label).values({ userId: created!.id, name: "Work", color: "blue" });
  return created!.id;
}

const ids: Record<string, string> = {};
const fresh = !(
  await db
    .select({ id: user.id })
    .from(user)
    .where(eq(user.email, benchEmail(PEOPLE[0]!.index)))
).length;
for (const entry of PEOPLE) ids[entry.name] = await person(entry.index);
// Person 96: a viewer of the quiet person's tasks (below), with a label "Work" of their own.
const memberId = await person(96);
if (fresh) {
  const client = db.$client as unknown as { query: (text: string, params?: unknown[]) => Promise<unknown> };
  for (const entry of PEOPLE) await build(client, entry);
  const owner = ids["100k newest 30k quiet"]!;
  // An Inbox is never shared: the quiet person's tasks move to a project shared with person 96.
  const shared = await createProjectForUser(owner, { name: "Shared depth" } as never);
  await addProjectMember(owner, shared.id, memberId, "viewer");
  await db.execute(sql`update task set project_id = ${shared.id} where user_id = ${owner}`);
  await db.execute(sql`vacuum analyze`);
}
const readers: Record<string, string> = { ...ids, "member of the quiet one's project": memberId };

async function explain(name: string, statement: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql: text, params } = statement.toSQL();
  // One connection: the setting and the prepared statement are the session's.
  const client = await (db.$client as unknown as Pool).connect();
  let plan;
  try {
    // A generic plan, as the app's prepared statements run after their first five executions.
    await client.query("set plan_cache_mode = force_generic_plan");
    await client.query(`prepare depth_micro as ${text}`);
    const literal = params.map((param) => (param === null ? "null" : `'${String(param).replaceAll("'", "''")}'`));
    plan = await client.query(`explain (analyze, buffers, costs off) execute depth_micro(${literal.join(", ")})`);
  } finally {
    await client.query("deallocate all");
    await client.query("reset plan_cache_mode");
    client.release();
  }
  const lines = plan.rows.map((row) => String(Object.values(row)[0]));
  const top = lines.find((line) => line.includes("Buffers")) ?? "";
  console.log(`--- ${name}\n${lines.join("\n")}\n=== ${name}: ${top.trim()} | ${lines.at(-1)!.trim()}`);
}

const figures: Record<string, Record<string, number>> = {};
for (const [who, userId] of Object.entries(readers)) {
  for (const [measure, input] of Object.entries({ label: { label: ["Work"] }, search: { q: "garden" } })) {
    const query = TaskListQuerySchema.parse(input);
    if (process.env.DEPTH_EXPLAIN !== "0")
      await explain(
        `${measure}, ${who}`,
        lists.listTasksStatement(userId, query, { limit: 50, shared: await hasSharedProjects(userId) }),
      );
    const page = () => lists.listTasksForUser(userId, query, { limit: 50 });
    for (let warm = 0; warm < 8; warm++) await page();
    const began = performance.now();
    let rows = 0;
    for (let run = 0; run < 30; run++) rows = (await page()).tasks.length;
    (figures[who] ??= {})[measure] = Number(((performance.now() - began) / 30).toFixed(3));
    if (rows !== 50 && who !== "200") throw new Error(`${measure}, ${who}: ${rows} rows`);
  }
}
console.log(JSON.stringify({ msPerList: figures }, null, 2));
await closeDatabase();
