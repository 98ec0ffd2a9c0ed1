// What recording activity costs a create (decision 112): two builds (e.g. main's, built in a
// copy, and this tree's) loaded in one process on one PostgreSQL database, each serving on its
// own port; one person creates tasks through POST /api/tasks on each build in short
// alternating batches (8 at a time), so outside load on a shared machine falls on both alike.
//   COMPARE_DATABASE_URL=postgres://… node bench/activity-write-cost.js <dir A> <dir B> [rounds]
// ACTIVITY_WRITE=edit measures PATCH /api/tasks/{id} (a new title each time) instead.
// Prints, per build, the median creates (or edits) per second (wall clock) and CPU ms per create (this
// process: server and client, the client's share the same for both).
import { once } from "node:events";
import http from "node:http";
import path from "node:path";
import { createScratchDatabase } from "../tests/support/scratch-database.js";

const [dirA, dirB] = process.argv.slice(2, 4);
const ROUNDS = Number(process.argv[4] ?? 20);
const BATCH = 200;
const CONCURRENCY = 8;
const adminUrl = process.env.COMPARE_DATABASE_URL;
if (!dirA || !dirB || !adminUrl)
  throw new Error("usage: COMPARE_DATABASE_URL=… node bench/activity-write-cost.js <dir A> <dir B> [rounds]");

const database = await createScratchDatabase(adminUrl, "tasklane_activity_cost");
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: database.url,
  BETTER_AUTH_SECRET: "activity-cost-secret-activity-cost-secret",
  BETTER_AUTH_URL: "http://127.0.0.1:1",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "fatal",
  AUTH_RATE_LIMIT: "100000",
  API_RATE_LIMIT: "100000000",
});

async function serve(dir) {
  const app = await import(path.resolve(dir, "build/server/index.js"));
  await app.startApp();
  const server = http.createServer((req, res) => app.requestListener(req, res)).listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

// The newer build first: its migrations are a superset of the older one's.
const b = await serve(dirB);
// Two builds on one node_modules share prom-client's registry: the second registers afresh.
(await import("prom-client")).default.register.clear();
const a = await serve(dirA);

const signUp = await fetch(`${b.base}/api/auth/sign-up/email`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: "http://127.0.0.1:1" },
  body: JSON.stringify({ name: "Writer", email: `writer-${Date.now()}@example.com`, password: "Str0ng!Passw0rd" }),
});
if (!signUp.ok) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
const cookie = signUp.headers
  .getSetCookie()
  .map((value) => value.split(";")[0])
  .join("; ");
const { token } = await (await fetch(`${b.base}/api/auth/token`, { headers: { cookie } })).json();
const init = {
  method: "POST",
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  body: JSON.stringify({ title: "Benchmark task", priority: "high" }),
};

const EDIT = process.env.ACTIVITY_WRITE === "edit";
const targets = {};
for (const base of [a.base, b.base]) {
  if (!EDIT) break;
  const created = await fetch(`${base}/api/tasks`, init);
  targets[base] = (await created.json()).id;
}
let edits = 0;

async function write(base) {
  if (!EDIT) return fetch(`${base}/api/tasks`, init);
  return fetch(`${base}/api/tasks/${targets[base]}`, {
    method: "PATCH",
    headers: init.headers,
    body: JSON.stringify({ title: `Edited ${edits++}` }),
  });
}

async function batch(base) {
  let left = BATCH;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) {
        const response = await write(base);
        if (response.status !== (EDIT ? 200 : 201)) throw new Error(`write: ${response.status}`);
        await response.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: BATCH / seconds, cpuMs: (used.user + used.system) / 1000 / BATCH };
}

const samples = { A: [], B: [] };
await batch(a.base);
await batch(b.base);
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 ? ["B", "A"] : ["A", "B"];
  for (const build of order) samples[build].push(await batch(build === "A" ? a.base : b.base));
}

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const result = {};
for (const [build, dir] of [
  ["A", dirA],
  ["B", dirB],
]) {
  result[build] = {
    dir,
    createsPerSecond: +median(samples[build].map((sample) => sample.perSecond)).toFixed(1),
    cpuMsPerCreate: +median(samples[build].map((sample) => sample.cpuMs)).toFixed(3),
  };
}
result.ratioBtoA = +(result.B.createsPerSecond / result.A.createsPerSecond).toFixed(3);
// Per round, B's rate over A's in the same round: the spread the machine's load leaves.
const ratios = samples.B.map((sample, index) => sample.perSecond / samples.A[index].perSecond).sort((x, y) => x - y);
result.roundRatios = { min: +ratios[0].toFixed(3), median: +median(ratios).toFixed(3), max: +ratios.at(-1).toFixed(3) };
console.log(
  JSON.stringify(
    { write: EDIT ? "edit" : "create", rounds: ROUNDS, batch: BATCH, concurrency: CONCURRENCY, ...result },
    null,
    2,
  ),
);

for (const { server } of [a, b]) server.close();
await database.drop();
process.exit(0);
