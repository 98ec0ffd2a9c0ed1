// Live updates at scale (issue 32, decision 108): one server process (the production build,
// `node server.js`) with STREAMS open event streams (default 1,000: one person's, as many tabs
// and programs); per stream, what the process's resident memory grew by; WRITES task creates,
// one at a time, each fanned out to every stream, the delay from sending the write to each
// stream's receipt (an upper bound on "from the commit"); and GET /api/tasks's median time
// before and while the streams are open.
//   node bench/live-streams.js                      (embedded PGlite)
//   BENCH_DATABASE_URL=postgres://… node bench/live-streams.js   (a scratch PostgreSQL database)
//   STREAM_AUTH=keys BENCH_DATABASE_URL=postgres://… node bench/live-streams.js
//     (each stream with an API key of its own, inserted into the scratch database: what the
//     process's credential check, decision 127, costs for STREAMS distinct keys)
// Also: the server's CPU while the streams are open and idle (the credential check runs every
// 5 s), and in keys mode the check's lookup of STREAMS keys timed on its own.
// Targets: memory < 50 KB per stream, p95 delivery < 1 s, the list within noise.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { freePort } from "../tests/support/free-port.js";
import { createScratchDatabase } from "../tests/support/scratch-database.js";

const STREAMS = Number(process.env.STREAMS ?? 1000);
const WRITES = Number(process.env.WRITES ?? 20);
const LIST_REQUESTS = 200;
const STREAM_AUTH = process.env.STREAM_AUTH ?? "jwt";
const IDLE_MS = 20_000;
if (STREAM_AUTH === "keys" && !process.env.BENCH_DATABASE_URL)
  throw new Error("STREAM_AUTH=keys needs BENCH_DATABASE_URL");

const port = await freePort();
const metricsPort = await freePort();
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "tasklane-live-bench-"));
const scratch = process.env.BENCH_DATABASE_URL
  ? await createScratchDatabase(process.env.BENCH_DATABASE_URL, "tasklane_live_bench")
  : null;
const server = spawn(process.execPath, ["server.js"], {
  env: {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    PORT: String(port),
    BETTER_AUTH_URL: base,
    BETTER_AUTH_SECRET: "live-bench-secret-live-bench-secret-live",
    LOG_LEVEL: "warn",
    API_RATE_LIMIT: "100000000",
    METRICS_PORT: String(metricsPort),
    ...(scratch ? { DATABASE_URL: scratch.url, DATABASE_POOLER: "none" } : { DATA_DIR: dataDir }),
  },
  stdio: ["ignore", "inherit", "inherit"],
});
/** The server process's CPU time so far (user + system), in ms. */
const cpuMs = () => {
  const fields = readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))[1]);
/** The server's V8 heap in use (prom-client's gauge), in KB. */
const heapKb = async () => {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  return Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)[1]) / 1024;
};

async function ready() {
  for (;;) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

try {
  await ready();
  const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ name: "Bench", email: "live-bench@example.com", password: "Str0ng!Passw0rd" }),
  });
  const session = signUp.headers.get("set-auth-token");
  const { user: benchUser } = await signUp.clone().json();
  const { token } = await (
    await fetch(`${base}/api/auth/token`, { headers: { authorization: `Bearer ${session}` } })
  ).json();
  const auth = { authorization: `Bearer ${token}` };
  const createTask = (title) =>
    fetch(`${base}/api/tasks`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ title }),
    }).then(async (response) => (await response.json()).id);
  for (let i = 0; i < 100; i++) await createTask(`Seed ${i}`);

  async function listMedianMs() {
    const times = [];
    for (let i = 0; i < LIST_REQUESTS; i++) {
      const started = performance.now();
      await (await fetch(`${base}/api/tasks?limit=50`, { headers: auth })).arrayBuffer();
      times.push(performance.now() - started);
    }
    return percentile(times, 50);
  }

  const listBefore = await listMedianMs();
  await sleep(11_000); // the server's quiet-spell collection (decision 052) before the baseline
  const rssBefore = rssKb();
  const heapBefore = await heapKb();

  // Each stream: its own connection. Arrivals are kept by task id (a delivery may beat the
  // write's own answer) and matched with the moment the write was sent afterwards.
  let streamAuth = () => auth;
  let checkQueryMs = null;
  if (STREAM_AUTH === "keys") {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const keys = [];
    for (let i = 0; i < STREAMS; i++) keys.push(`tl_${randomBytes(32).toString("base64url")}`);
    const inserted = await client.query(
      `insert into api_key (user_id, name, scope, start, key_hash, expires_at)
       select $1, 'bench ' || n, 'read', left(k, 9), h, now() + interval '30 days'
       from unnest($2::text[], $3::text[]) with ordinality as t(k, h, n) returning id`,
      [benchUser.id, keys, keys.map((key) => createHash("sha256").update(key).digest("base64url"))],
    );
    streamAuth = (i) => ({ authorization: `Bearer ${keys[i]}` });
    // The check's lookup as the app sends it (one parameter per key), timed on its own.
    const ids = inserted.rows.map((row) => row.id);
    const sql = `select id from api_key where id in (${ids.map((_, i) => `$${i + 1}`).join(", ")}) and expires_at > now()`;
    const times = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      await client.query(sql, ids);
      times.push(performance.now() - started);
    }
    checkQueryMs = Math.round(percentile(times, 50) * 100) / 100;
    await client.end();
  }
  const arrivals = new Map();
  let onReceived = () => {};
  const streams = [];
  for (let i = 0; i < STREAMS; i++) {
    await new Promise((resolve, reject) => {
      const request = http.get(`${base}/api/events`, { headers: streamAuth(i), agent: false }, (response) => {
        if (response.statusCode !== 200) reject(new Error(`stream ${i}: ${response.statusCode}`));
        response.setEncoding("utf8");
        let buffered = "";
        response.on("data", (chunk) => {
          buffered += chunk;
          let end;
          while ((end = buffered.indexOf("\n\n")) >= 0) {
            const block = buffered.slice(0, end);
            buffered = buffered.slice(end + 2);
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (!data) continue;
            const { entityId } = JSON.parse(data);
            const times = arrivals.get(entityId) ?? [];
            times.push(performance.now());
            arrivals.set(entityId, times);
            onReceived(entityId);
          }
        });
        resolve();
      });
      request.on("error", reject);
      streams.push(request);
    });
  }
  // As before the baseline: what the open streams hold once the quiet-spell collection has run.
  await sleep(11_000);
  const rssOpen = rssKb();
  const heapOpen = await heapKb();
  // Open and idle: what the heartbeats and the credential checks cost the process.
  const cpuBefore = cpuMs();
  await sleep(IDLE_MS);
  const idleCpuMsPerSecond = Math.round(((cpuMs() - cpuBefore) / (IDLE_MS / 1000)) * 10) / 10;

  const listWhileOpen = await listMedianMs();
  const latencies = [];
  for (let i = 0; i < WRITES; i++) {
    let taskId;
    const all = new Promise((resolve) => {
      onReceived = () => taskId && (arrivals.get(taskId)?.length ?? 0) >= STREAMS && resolve();
    });
    const sent = performance.now();
    taskId = await createTask(`Fan out ${i}`);
    onReceived();
    await Promise.race([all, sleep(30_000)]);
    for (const at of arrivals.get(taskId) ?? []) latencies.push(at - sent);
  }
  for (const request of streams) request.destroy();

  const perStreamKb = (rssOpen - rssBefore) / STREAMS;
  const result = {
    database: scratch ? "postgres" : "pglite",
    streamAuth: STREAM_AUTH,
    streams: STREAMS,
    writes: WRITES,
    deliveries: latencies.length,
    expected: STREAMS * WRITES,
    memoryPerStreamKb: {
      rss: Math.round(perStreamKb * 10) / 10,
      heap: Math.round(((heapOpen - heapBefore) / STREAMS) * 10) / 10,
      rssWithStreamsMb: Math.round(rssOpen / 1024),
    },
    deliveryMs: {
      p50: Math.round(percentile(latencies, 50)),
      p95: Math.round(percentile(latencies, 95)),
      max: Math.round(Math.max(...latencies)),
    },
    idleCpuMsPerSecond,
    ...(checkQueryMs !== null && { checkLookupMs: checkQueryMs }),
    listMedianMs: { before: Math.round(listBefore * 100) / 100, whileOpen: Math.round(listWhileOpen * 100) / 100 },
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  rmSync(dataDir, { recursive: true, force: true });
  await scratch?.drop();
}
