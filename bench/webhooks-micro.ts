// What webhooks cost (decision 120): (1) the sender's idle round, what each process pays every
// 5 s when nothing is due, with 10,000 delivered rows stored; (2) the fan-out trigger's share of
// a write: one statement updating 200 tasks (200 events) without the trigger, with it and no endpoint, and with 3 endpoints
// subscribed (600 delivery rows in the statement's transaction). On DATABASE_URL's database, or
// an in-memory PGlite without it:
//   node --import tsx bench/webhooks-micro.ts
import { sql } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase } from "~/db.server";
import { runWebhookRound } from "~/webhooks/sender.server";

const ROUNDS = 300;
const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

await migrateDatabase();
await db.execute(sql`insert into "user" (id, name, email, email_verified)
  values ('00000000-0000-4000-8000-0000000000b1', 'Bench', 'webhook-bench@example.test', true)`);
const owner = "00000000-0000-4000-8000-0000000000b1";
await db.execute(sql`insert into project (id, user_id, name, color)
  values ('00000000-0000-4000-8000-0000000000b2', ${owner}, 'Bench', 'blue')`);
await db.execute(sql`insert into task (user_id, project_id, title)
  select ${owner}, '00000000-0000-4000-8000-0000000000b2', 'Task ' || n from generate_series(1, 200) n`);

async function writeMs(): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    const started = performance.now();
    await db.execute(sql`update task set priority = ${round % 2 ? "high" : "low"} where user_id = ${owner}`);
    times.push(performance.now() - started);
  }
  return median(times);
}

// The same writes without the fan-out trigger (the event log's own cost), then with it.
await db.execute(sql`alter table event disable trigger webhook_fan_out`);
const noTrigger = await writeMs();
await db.execute(sql`alter table event enable trigger webhook_fan_out`);
const without = await writeMs();
await db.execute(sql`insert into webhook_endpoint (user_id, url, events, nonce)
  select ${owner}, 'https://example.com/' || n, '{task.updated}', 'n' from generate_series(1, 3) n`);
const withEndpoints = await writeMs();
// The deliveries those writes queued stand for a history: mark them delivered, and add more.
await db.execute(sql`update webhook_delivery set status = 'delivered'`);
await db.execute(sql`insert into webhook_delivery (endpoint_id, type, status)
  select (select id from webhook_endpoint limit 1), 'task.updated', 'delivered' from generate_series(1, 10000)`);
await db.execute(sql`analyze`);

const describe = async () => null;
for (let i = 0; i < 30; i++) await runWebhookRound({ describe });
const idle: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const started = performance.now();
  await runWebhookRound({ describe });
  idle.push(performance.now() - started);
}
console.log(
  JSON.stringify({
    database: process.env.DATABASE_URL ? "postgres" : "pglite",
    update200TasksMs: {
      noFanOutTrigger: Number(noTrigger.toFixed(2)),
      noEndpoint: Number(without.toFixed(2)),
      threeEndpoints: Number(withEndpoints.toFixed(2)),
    },
    idleRound: {
      storedDeliveries: 10_000 + 20 * 600,
      medianMs: Number(median(idle).toFixed(3)),
      p95Ms: Number(idle.toSorted((a, b) => a - b)[Math.floor(ROUNDS * 0.95)]!.toFixed(3)),
    },
  }),
);
await closeDatabase();
