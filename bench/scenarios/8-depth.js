// 8. Depth (issue 41): does a request cost more as one person's own tasks grow? Three bench
// users get new task lists, built in SQL (generate_series), not through the API: 200 tasks;
// 100,000; and 100,000 whose newest 30,000 carry neither the label nor the word (a search for
// last year's invoice), all in their Inbox. In each, one task in ten carries the label "Work",
// one in eight holds the word "garden", one in three is done, the newest task first, every
// minute back. The JSON list, the label filter, the search and the /tasks page are each
// measured for the three in alternating rounds (16 connections, as the issue measured them);
// the targets: every figure for 100,000 at least 0.5 of the same for 200. PostgreSQL only.
import pg from "pg";
import { jwtFor, log, signIn } from "../harness/app.js";
import { alternate } from "../harness/rounds.js";
import { benchEmail } from "../users.js";

export const id = "8";
export const needsPostgres = true;

// Bench users 97-99 (seeded with 200 tasks and the labels Work and Urgent, bench/seed.ts).
export const PEOPLE = [
  { name: "200", index: 97, tasks: 200, quietNewest: 0 },
  { name: "100k", index: 98, tasks: 100_000, quietNewest: 0 },
  { name: "100k newest 30k quiet", index: 99, tasks: 100_000, quietNewest: 30_000 },
];

/** Replaces a person's tasks with `tasks` built in SQL; task n is n minutes old. */
export async function build(client, { index, tasks, quietNewest }) {
  const {
    rows: [{ id: userId }],
  } = await client.query(`select id from "user" where email = $1`, [benchEmail(index)]);
  await client.query("delete from task where user_id = $1", [userId]);
  await client.query(
    `insert into task (user_id, project_id, title, description, completed, priority, category, due_date, time_zone, due_at, created_at, updated_at)
     select $1, (select id from project where user_id = $1 and inbox), 'Task ' || n,
            case when n % 8 = 0 and n >= $3 then 'Water the garden before the rain' else 'Some notes about this task' end,
            n % 3 = 0, (array['low', 'medium', 'high'])[n % 3 + 1], (array['Work', 'Home', 'Errands', 'Health', null])[n % 5 + 1],
            due, case when due is not null then 'UTC' end, due::timestamp at time zone 'UTC',
            now() - make_interval(mins => n), now() - make_interval(mins => n)
     from generate_series(0, $2 - 1) as n,
          -- A due date comes with its zone and instant (decision 090): whole days in UTC.
          lateral (select case when n % 4 = 0 then null else date '2027-01-01' + (n % 365) end as due) as dates`,
    [userId, tasks, quietNewest],
  );
  // The label on every tenth task outside the quiet newest ones (n read back from the age).
  await client.query(
    `insert into task_label (task_id, label_id)
     select t.id, l.id
     from (select id, round(extract(epoch from max(created_at) over () - created_at) / 60)::int as n
           from task where user_id = $1) as t
     join label l on l.user_id = $1 and l.name = 'Work'
     where t.n % 10 = 0 and t.n >= $2`,
    [userId, quietNewest],
  );
}

export async function run(bench) {
  log("scenario 8: one person's tasks, 200 against 100,000 (built in SQL)");
  const client = new pg.Client({ connectionString: bench.dbEnv.DATABASE_URL });
  await client.connect();
  try {
    for (const person of PEOPLE) await build(client, person);
    // As after any bulk load (bench/seed.ts does the same): statistics before measuring.
    await client.query("vacuum analyze task, task_label");
  } finally {
    await client.end();
  }
  const people = await Promise.all(
    PEOPLE.map(async (person) => {
      const { cookie } = await signIn(bench.app.url, person.index);
      return { ...person, cookie, auth: { authorization: `Bearer ${await jwtFor(bench.app.url, cookie)}` } };
    }),
  );
  const measures = {
    list: (person) => ({ url: `${bench.app.url}/api/tasks?limit=50`, headers: person.auth }),
    label: (person) => ({ url: `${bench.app.url}/api/tasks?limit=50&label=Work`, headers: person.auth }),
    search: (person) => ({ url: `${bench.app.url}/api/tasks?limit=50&q=garden`, headers: person.auth }),
    page: (person) => ({ url: `${bench.app.url}/tasks`, headers: { cookie: person.cookie } }),
  };
  const figures = {};
  for (const [measure, request] of Object.entries(measures)) {
    const rounds = await alternate(
      Object.fromEntries(people.map((person) => [person.name, { ...request(person), connections: 16 }])),
    );
    figures[measure] = rounds.means;
    for (const person of people) bench.row(`8. ${measure}, ${person.name} (16 conn)`, rounds.means[person.name]);
    for (const deep of people.slice(1))
      bench.checkRatio(`8. ${measure}: ${deep.name} vs 200 tasks`, rounds, [deep.name, "200"], ">= 0.5");
  }
  return figures;
}
