// Issue 29's scale target: the reader's lists with 1,000,000 tasks in the database (10,000
// people, every fifth owning a project shared with three others) read at least 0.9 of the same
// lists with 20,000 tasks. Both databases hold the same reader (fixed ids): 2,000 tasks of
// their own (a quarter dated) and an editor in three shared projects of 500 tasks each; only
// the others differ. Built in SQL, not through the API. The statements are the app's
// (listTasksStatement), timed on the two databases alternately in one process.
//   createdb scale_small; createdb scale_large
//   for size in small large; do DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_$size SCALE_BUILD=$size \
//     DATABASE_TIMEOUT_MS=600000 BETTER_AUTH_SECRET=$(openssl rand -base64 32) npx tsx bench/scale-micro.ts; done
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_large SMALL_DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_small \
//     DATABASE_TIMEOUT_MS=600000 BETTER_AUTH_SECRET=$(openssl rand -base64 32) npx tsx bench/scale-micro.ts
import pg from "pg";
import { sql } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase } from "~/db.server";
import { todayFor } from "~/tasks/due-date";
import * as lists from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";

const READER = "00000000-0000-4000-8000-000000000001";
const SHARERS = [2, 3, 4].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
const SHARED_PROJECTS = [2, 3, 4].map((n) => `00000000-0000-4000-9000-00000000000${n}`);
const PEOPLE = { small: 165, large: 10_000 } as const;
const TASKS_EACH = 100;

async function build(size: keyof typeof PEOPLE) {
  await migrateDatabase();
  const people = PEOPLE[size];
  const existing = await db.execute<{ n: number }>(sql`select count(*)::int as n from "user"`);
  if (existing.rows[0]!.n > 0) return console.log(`${size}: built already`);
  // Tasks due from 30 days ago to a year ahead in Berlin, one in three at 09:00.
  const due = (n: string) => sql.raw(`case when ${n} % 4 = 0 then current_date - 30 + (${n} % 395) end`);
  await db.execute(sql`
    insert into "user" (id, name, email, time_zone)
    values (${READER}, 'Reader', 'reader@bench.test', 'Europe/Berlin'),
           ${sql.join(
             SHARERS.map(
               (id, index) => sql`(${id}, ${`Sharer ${index}`}, ${`sharer${index}@bench.test`}, 'Europe/Berlin')`,
             ),
             sql`, `,
           )}`);
  await db.execute(sql`
    insert into "user" (name, email, time_zone)
    select 'Person ' || n, 'p' || n || '@bench.test', 'Europe/Berlin' from generate_series(1, ${people}) as n`);
  await db.execute(sql`insert into project (user_id, name, color, inbox) select id, 'Inbox', 'gray', true from "user"`);
  await db.execute(sql`
    insert into project (id, user_id, name, color, position)
    values ${sql.join(
      SHARED_PROJECTS.map((id, index) => sql`(${id}, ${SHARERS[index]}, ${`Team ${index}`}, 'teal', 1)`),
      sql`, `,
    )}`);
  await db.execute(sql`
    insert into project_member (project_id, user_id, role)
    select id, ${READER}, 'editor' from project where id in (${sql.join(SHARED_PROJECTS, sql`, `)})`);
  // Every fifth person owns a team project shared with the next three people.
  await db.execute(sql`
    with people as (select id, row_number() over (order by email) as n from "user" where email like 'p%@bench.test')
    insert into project (user_id, name, color, position) select id, 'Team of ' || n, 'teal', 1 from people where n % 5 = 0`);
  await db.execute(sql`
    with people as (select id, row_number() over (order by email) as n from "user" where email like 'p%@bench.test'),
         teams as (select p.id as project_id, people.n from project p join people on people.id = p.user_id where not p.inbox)
    insert into project_member (project_id, user_id, role)
    select teams.project_id, people.id, 'editor' from teams join people on people.n in (teams.n + 1, teams.n + 2, teams.n + 3)`);
  const insertTasks = (owner: SQL, projectSql: SQL, count: number, label: string) =>
    db.execute(sql`
      insert into task (user_id, project_id, title, due_date, due_time, time_zone, due_at, created_at)
      select ${owner}, ${projectSql}, ${label} || ' ' || n, d,
             case when d is not null and n % 3 = 0 then time '09:00' end, case when d is not null then 'Europe/Berlin' end,
             case when d is null then null when n % 3 = 0 then (d + time '09:00') at time zone 'Europe/Berlin'
                  else d::timestamp at time zone 'Europe/Berlin' end,
             now() - n * interval '1 minute'
      from generate_series(1, ${count}) as n, lateral (select ${due("n")} as d) as due`);
  type SQL = ReturnType<typeof sql>;
  await insertTasks(
    sql`${READER}::uuid`,
    sql`(select id from project where user_id = ${READER} and inbox)`,
    2_000,
    "Mine",
  );
  for (const [index, projectId] of SHARED_PROJECTS.entries())
    await insertTasks(sql`${SHARERS[index]!}::uuid`, sql`${projectId}::uuid`, 500, `Team ${index}`);
  // The others: half in their Inbox, half in their team project when they own one.
  await db.execute(sql`
    insert into task (user_id, project_id, title, due_date, time_zone, due_at, created_at)
    select p.user_id, coalesce(case when n % 2 = 0 then team.id end, p.id), 'Task ' || n, d,
           case when d is not null then 'Europe/Berlin' end,
           d::timestamp at time zone 'Europe/Berlin', now() - n * interval '1 minute'
    from project p
    left join project team on team.user_id = p.user_id and not team.inbox
    cross join generate_series(1, ${TASKS_EACH}) as n
    cross join lateral (select ${due("n")} as d) as due
    where p.inbox and p.user_id not in (${READER}, ${sql.join(SHARERS, sql`, `)})`);
  await db.execute(sql`vacuum analyze`);
  const counts = await db.execute(
    sql`select (select count(*) from task)::int as tasks, (select count(*) from "user")::int as people`,
  );
  console.log(size, counts.rows[0]);
}

async function measure() {
  const small = new pg.Client({ connectionString: process.env.SMALL_DATABASE_URL });
  const large = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await Promise.all([small.connect(), large.connect()]);
  const reader = todayFor("Europe/Berlin");
  const cases = {
    "JSON list (created, 50)": TaskListQuerySchema.parse({}),
    "Today (due order, 50)": TaskListQuerySchema.parse({ view: "today", sort: "due_date" }),
    "Upcoming (due order, 50)": TaskListQuerySchema.parse({ view: "upcoming", sort: "due_date" }),
    "project page (a shared project, 50)": TaskListQuerySchema.parse({ project: SHARED_PROJECTS[0] }),
  };
  const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
  const perRound = Number(process.env.BENCH_PER_ROUND ?? 60);
  const results: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(cases)) {
    const { sql: text, params } = lists.listTasksStatement(READER, query, { limit: 50, reader }).toSQL();
    const run = (client: pg.Client) => client.query(text, params as never[]);
    const [a, b] = await Promise.all([run(small), run(large)]);
    if (a.rowCount !== b.rowCount) throw new Error(`${name}: ${a.rowCount} rows small, ${b.rowCount} large`);
    // The plans on both (their buffer counts are a figure the shared machine's noise does not move).
    const plans: Record<string, string> = {};
    for (const [size, client] of [
      ["20,000 tasks", small],
      ["1,000,000 tasks", large],
    ] as const) {
      const plan = await client.query(`explain (analyze, buffers, costs off) ${text}`, params as never[]);
      const lines = plan.rows.map((row) => String(Object.values(row)[0]));
      console.log(`--- ${name}, ${size}\n${lines.join("\n")}`);
      plans[size] = `${lines.find((line) => line.includes("Buffers"))?.trim()} | ${lines.at(-1)!.trim()}`;
    }
    for (let warm = 0; warm < 10; warm++) await Promise.all([run(small), run(large)]);
    const perSecond = async (client: pg.Client) => {
      const began = performance.now();
      for (let n = 0; n < perRound; n++) await run(client);
      return (perRound * 1000) / (performance.now() - began);
    };
    const ratios: number[] = [];
    const figures: [number, number][] = [];
    for (let round = 0; round < rounds; round++) {
      const first = round % 2 === 0 ? small : large;
      const x = await perSecond(first);
      const y = await perSecond(first === small ? large : small);
      const [s, l] = first === small ? [x, y] : [y, x];
      figures.push([Math.round(s), Math.round(l)]);
      ratios.push(l / s);
    }
    const median = ratios.toSorted((p, q) => p - q)[Math.floor(ratios.length / 2)]!;
    results[name] = { rows: a.rowCount, plans, roundsSmallLarge: figures, medianRatio: Number(median.toFixed(3)) };
  }
  console.log(JSON.stringify(results, null, 1));
  await Promise.all([small.end(), large.end()]);
}

if (process.env.SCALE_BUILD) await build(process.env.SCALE_BUILD as keyof typeof PEOPLE);
else await measure();
await closeDatabase();
