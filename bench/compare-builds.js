// The list page's cost per row in two builds, measured in one process so that outside load
// falls on both alike: loads each build's server bundle (e.g. main's, built in a copy, and
// this tree's) on one PostgreSQL database, serves each on its own port, creates one person with
// 50 tasks (half labelled), then requests /tasks (50 rows) and /tasks?q=no-such-task (none)
// from each build in short alternating batches, reading this process's CPU time per batch.
//   COMPARE_DATABASE_URL=postgres://… node bench/compare-builds.js <dir A> <dir B> [rounds]
// Prints, per build, CPU ms per request with and without rows, µs per row, and CPU ms per
// GET /api/tasks?limit=50 (50 tasks as JSON, bearer JWT).
import { once } from "node:events";
import http from "node:http";
import path from "node:path";
import { createScratchDatabase } from "../tests/support/scratch-database.js";

const [dirA, dirB] = process.argv.slice(2, 4);
const ROUNDS = Number(process.argv[4] ?? 30);
const BATCH = 10;
const adminUrl = process.env.COMPARE_DATABASE_URL;
if (!dirA || !dirB || !adminUrl)
  throw new Error("usage: COMPARE_DATABASE_URL=… node bench/compare-builds.js <dir A> <dir B> [rounds]");

const database = await createScratchDatabase(adminUrl, "tasklane_compare");
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: database.url,
  BETTER_AUTH_SECRET: "compare-builds-secret-compare-builds-secret",
  BETTER_AUTH_URL: "http://127.0.0.1:1",
  // Quiet: the mail senders complain once the database is dropped at the end.
  LOG_LEVEL: "fatal",
  AUTH_RATE_LIMIT: "100000",
  API_RATE_LIMIT: "100000000",
});

async function serve(dir) {
  const app = await import(path.resolve(dir, "build/server/index.js"));
  await app.startApp();
  const server = http.createServer((req, res) => app.requestListener(req, res)).listen(0, "127.0.0.1");
  await once(server, "listening");
  return { app, server, base: `http://127.0.0.1:${server.address().port}` };
}

// The newer build first: its migrations are a superset of the older one's.
const b = await serve(dirB);
const a = await serve(dirA);
const origin = "http://127.0.0.1:1";

const signUp = await fetch(`${b.base}/api/auth/sign-up/email`, {
  method: "POST",
  headers: { "content-type": "application/json", origin },
  body: JSON.stringify({ name: "Rows", email: `rows-${Date.now()}@example.com`, password: "Str0ng!Passw0rd" }),
});
if (!signUp.ok) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
const cookie = signUp.headers
  .getSetCookie()
  .map((value) => value.split(";")[0])
  .join("; ");
// Form posts come from the page's own origin (React Router compares it with Host).
const form = (fields) => ({
  method: "POST",
  redirect: "manual",
  headers: { cookie, origin: b.base, "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields),
});
await fetch(`${b.base}/labels`, form({ name: "Work", color: "blue" }));
for (let index = 0; index < 50; index++) {
  const fields = [
    ["intent", "create"],
    ["title", `Task ${index} with a title of ordinary length`],
    ["description", "Some notes"],
    ["priority", "high"],
  ];
  if (index % 2 === 0) fields.push(["labels", "Work"]);
  const response = await fetch(`${b.base}/tasks`, form(fields));
  if (response.status !== 302) throw new Error(`create: ${response.status}`);
}

// The JSON list too (issue #20): the same 50 tasks as JSON, with a JWT from the session.
const { token } = await (await fetch(`${b.base}/api/auth/token`, { headers: { cookie } })).json();
const credentials = (pathname) => (pathname.startsWith("/api/") ? { authorization: `Bearer ${token}` } : { cookie });

async function batch(base, pathname) {
  const start = process.cpuUsage();
  for (let index = 0; index < BATCH; index++) {
    const response = await fetch(`${base}${pathname}`, { headers: credentials(pathname) });
    if (response.status !== 200) throw new Error(`${pathname}: ${response.status}`);
    await response.arrayBuffer();
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / BATCH;
}

const pages = { rows: "/tasks", none: "/tasks?q=no-such-task", api: "/api/tasks?limit=50" };
const samples = { A: { rows: [], none: [], api: [] }, B: { rows: [], none: [], api: [] } };
for (const { base } of [a, b]) for (const pathname of Object.values(pages)) await batch(base, pathname);
for (let round = 0; round < ROUNDS; round++) {
  for (const [build, { base }] of round % 2
    ? [
        ["B", b],
        ["A", a],
      ]
    : [
        ["A", a],
        ["B", b],
      ]) {
    for (const [page, pathname] of Object.entries(pages)) samples[build][page].push(await batch(base, pathname));
  }
}

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const result = {};
for (const [build, dir] of [
  ["A", dirA],
  ["B", dirB],
]) {
  const rows = median(samples[build].rows);
  const none = median(samples[build].none);
  const api = median(samples[build].api);
  result[build] = {
    dir,
    cpuMsWithRows: +rows.toFixed(2),
    cpuMsWithoutRows: +none.toFixed(2),
    microsPerRow: +(((rows - none) * 1000) / 50).toFixed(1),
    ratio: +(none / rows).toFixed(3),
    // Server and client in one process: the client's share is the same for both builds.
    cpuMsApiList: +api.toFixed(3),
  };
}
console.log(JSON.stringify({ rounds: ROUNDS, batch: BATCH, ...result }, null, 2));

// The builds share one database pool (db.server keeps it on globalThis): drop the database and leave.
for (const { server } of [a, b]) server.close();
await database.drop();
process.exit(0);
