// The person both views micro-benchmarks read (views-count-micro.ts, views-page-micro.ts):
// BENCH_TASKS (100,000) pending dated tasks, one in three timed (in Berlin), due from 30 days
// ago to about four years ahead, so Today holds a month of overdue ones and Upcoming nearly
// all the rest; 100 other people hold 1,000 such tasks each, as a shared table does. Built in
// SQL once per database: later runs reuse them.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { db } from "~/db.server";
import { ensureInbox } from "~/projects/projects.server";
import { user } from "../db/schema";

export const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);

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

/** The benchmark's person (and the 100 others), built on first use; their id. */
export async function viewsBenchPerson(): Promise<string> {
  const email = `views-bench-${TASKS}@example.test`;
  const [existing] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
  if (existing) return existing.id;
  const userId = await personWith(email, TASKS);
  for (let other = 0; other < 100; other++) await personWith(`${randomUUID()}@example.test`, 1_000);
  await db.execute(sql`vacuum analyze task`);
  return userId;
}
