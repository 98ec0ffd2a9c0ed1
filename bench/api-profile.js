// The JSON API's cost per request against the baseline's, as CPU time rather than throughput:
// seeds a PostgreSQL database (bench/seed.ts), starts the production build (optionally under
// --cpu-prof) and bench/baseline-server.js, then sends GET /api/tasks?limit=50 to each in
// alternating batches from a separate load process (bench/load.js), reading each server's
// CPU time from /proc around every batch. Outside load slows both servers' wall time but
// hardly their CPU per request, so the ratio holds on a busy machine where req/s does not.
//   BENCH_DATABASE_URL=postgres://… node bench/api-profile.js [rounds, default 6] [--profile] [--allocations]
// API_PROFILE_SERVER=<dir>/server.js measures another build (a copy of server.js and build/ in a
// folder inside the checkout, so that its packages resolve);
// API_PROFILE_QUERY='&label=Work' another list of the app's (appended to ?limit=50).
// Prints µs of server CPU per request for each, the ratio (baseline ÷ app: the throughput
// ratio the two would have if CPU were all that bound them), the µs of PostgreSQL's CPU per
// request behind each (every postgres process on the machine: run it quiet), with --profile the app's self
// time per request by function, and with --allocations the app's bytes allocated per request
// by function (V8's sampling heap profiler through the inspector, collected objects included).
import { execFileSync, fork, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createScratchDatabase } from "../tests/support/scratch-database.js";
import { BENCH_PASSWORD, benchEmail } from "./users.js";
import { freePort } from "../tests/support/free-port.js";

const ROUNDS = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 6);
const PROFILE = process.argv.includes("--profile");
const ALLOCATIONS = process.argv.includes("--allocations");
const BATCH = 3000;
const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl)
  throw new Error(
    "usage: BENCH_DATABASE_URL=postgres://… node bench/api-profile.js [rounds] [--profile] [--allocations]",
  );
const work = mkdtempSync(path.join(tmpdir(), "tasklane-api-profile-"));
const secret = randomBytes(32).toString("base64url");
const children = [];

async function waitFor(url) {
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      if (tries > 300) throw new Error(`${url} did not become ready`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** User + system CPU time of a process so far, in µs (Linux). */
function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100;
}

/** The same summed over every PostgreSQL process on the machine (its backends do the statements' work). */
function postgresMicros() {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (stat.includes("(postgres)")) total += cpuMicros(pid);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

async function load(options) {
  const child = fork("bench/load.js", [JSON.stringify(options)], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  await once(child, "exit");
  return JSON.parse(out.trim().split("\n").at(-1));
}

/** Self time per request by function, from the app's profile (the busiest thread's file). */
function topFunctions(profileDir, requests, from, count = 30) {
  const files = readdirSync(profileDir).map((name) => path.join(profileDir, name));
  const file = files.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let total = 0;
  // Sample times are CLOCK_MONOTONIC µs, as process.hrtime: only the measured rounds count.
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    if (functionName === "(idle)" || at < from) return;
    const where = `${functionName || "(anonymous)"} ${url.replace(/.*node_modules\//, "").replace(/^.*\/(build|server\.js)/, "$1")}:${lineNumber + 1}`;
    const micros = profile.timeDeltas[index] ?? 0;
    total += micros;
    self.set(where, (self.get(where) ?? 0) + micros);
  });
  return {
    sampledMicrosPerRequest: Math.round(total / requests),
    top: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([where, micros]) => `${(micros / requests).toFixed(1).padStart(6)} µs  ${where}`),
  };
}

/** Samples what the process behind the inspector at `port` allocates, until `stop`. */
async function heapSampler(port) {
  const [target] = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await once(socket, "open");
  let lastId = 0;
  const answers = new Map();
  socket.addEventListener("message", ({ data }) => {
    const message = JSON.parse(data);
    answers.get(message.id)?.(message.result);
  });
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      answers.set(++lastId, resolve);
      socket.send(JSON.stringify({ id: lastId, method, params }));
    });
  await send("HeapProfiler.enable");
  await send("HeapProfiler.startSampling", {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return {
    async stop(requests, count = 20) {
      const { profile } = await send("HeapProfiler.stopSampling");
      socket.close();
      const self = new Map();
      let total = 0;
      (function walk(node) {
        const { functionName, url, lineNumber } = node.callFrame;
        const where = `${functionName || "(anonymous)"} ${url.replace(/.*node_modules\//, "").replace(/^.*\/(build|server\.js)/, "$1")}:${lineNumber + 1}`;
        self.set(where, (self.get(where) ?? 0) + node.selfSize);
        total += node.selfSize;
        for (const child of node.children) walk(child);
      })(profile.head);
      return {
        kilobytesPerRequest: Math.round(total / requests / 1024),
        top: [...self]
          .sort((a, b) => b[1] - a[1])
          .slice(0, count)
          .map(([where, bytes]) => `${(bytes / requests / 1024).toFixed(1).padStart(6)} KB  ${where}`),
      };
    },
  };
}

const database = await createScratchDatabase(adminUrl, "tasklane_api_profile");
const DATABASE_URL = database.url;
try {
  execFileSync(process.execPath, ["--import", "tsx", "bench/seed.ts"], {
    env: { ...process.env, DATABASE_URL, BENCH_USERS: "1", BETTER_AUTH_SECRET: secret, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  // API_PROFILE_DIR keeps the .cpuprofile files for a closer look (Chrome DevTools, speedscope).
  const profileDir = process.env.API_PROFILE_DIR ?? path.join(work, "profile");
  const baselineProfileDir = path.join(work, "baseline-profile");
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const inspectPort = await freePort();
  const app = spawn(
    process.execPath,
    [
      ...(PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
      ...(ALLOCATIONS ? [`--inspect=127.0.0.1:${inspectPort}`] : []),
      process.env.API_PROFILE_SERVER ?? "server.js",
    ],
    {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL,
        // A direct connection, as the bench runs it (bench/harness/app.js, decision 064).
        DATABASE_POOLER: "none",
        PORT: String(port),
        HOST: "127.0.0.1",
        BETTER_AUTH_URL: appUrl,
        BETTER_AUTH_SECRET: secret,
        LOG_LEVEL: "warn",
        API_RATE_LIMIT: "100000000",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  children.push(app);
  await waitFor(`${appUrl}/readyz`);
  const baselinePort = await freePort();
  const baseline = fork("bench/baseline-server.js", [], {
    execArgv: PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${baselineProfileDir}`] : [],
    env: { ...process.env, DATABASE_URL, PORT: String(baselinePort), APP_URL: appUrl },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  children.push(baseline);
  await once(baseline, "message");

  const signIn = await fetch(`${appUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: appUrl },
    body: JSON.stringify({ email: benchEmail(0), password: BENCH_PASSWORD }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  const { token } = await (await fetch(`${appUrl}/api/auth/token`, { headers: { cookie } })).json();
  const headers = { authorization: `Bearer ${token}` };
  const targets = {
    app: { url: `${appUrl}/api/tasks?limit=50${process.env.API_PROFILE_QUERY ?? ""}`, pid: app.pid },
    baseline: { url: `http://127.0.0.1:${baselinePort}/`, pid: baseline.pid },
  };

  const perRequest = { app: [], baseline: [] };
  const postgresPerRequest = { app: [], baseline: [] };
  let appRequests = 0;
  let measuredFrom = Infinity;
  let sampler;
  for (let round = -1; round < ROUNDS; round++) {
    if (round === 0) measuredFrom = Number(process.hrtime.bigint() / 1000n);
    if (round === 0 && ALLOCATIONS) sampler = await heapSampler(inspectPort);
    for (const [side, { url: target, pid }] of Object.entries(targets)) {
      const before = cpuMicros(pid);
      const postgresBefore = postgresMicros();
      const result = await load({ url: target, headers, connections: 16, amount: BATCH, duration: 60 });
      if (result.errors) throw new Error(`${side}: ${result.errors} errors`);
      // Round -1 warms both up (JIT, prepared statements, pools) and is not counted.
      if (round < 0) continue;
      perRequest[side].push((cpuMicros(pid) - before) / BATCH);
      postgresPerRequest[side].push((postgresMicros() - postgresBefore) / BATCH);
      if (side === "app") appRequests += BATCH;
    }
  }
  const allocations = await sampler?.stop(appRequests);
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const appMicros = median(perRequest.app);
  const baselineMicros = median(perRequest.baseline);
  for (const child of [app, baseline]) {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
  console.log(
    JSON.stringify(
      {
        rounds: ROUNDS,
        batch: BATCH,
        appMicrosPerRequest: Math.round(appMicros),
        baselineMicrosPerRequest: Math.round(baselineMicros),
        ratio: Number((baselineMicros / appMicros).toFixed(3)),
        postgresMicrosPerRequest: {
          app: Math.round(median(postgresPerRequest.app)),
          baseline: Math.round(median(postgresPerRequest.baseline)),
        },
        ...(allocations && { allocations }),
        ...(PROFILE && {
          profile: topFunctions(profileDir, appRequests, measuredFrom),
          baselineProfile: topFunctions(baselineProfileDir, appRequests, measuredFrom, 12),
        }),
      },
      null,
      2,
    ),
  );
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.filter((child) => child.exitCode === null).map((child) => once(child, "exit")));
  await database.drop();
  rmSync(work, { recursive: true, force: true });
}
