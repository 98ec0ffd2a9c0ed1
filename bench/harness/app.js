// The processes a bench run measures: a seeded database, the production build started as its
// own process, the baseline server, sign-ins for them, and stopping all of it at the end.
import { execFileSync, fork, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createScratchDatabase } from "../../tests/support/scratch-database.js";
import { BENCH_PASSWORD, benchEmail } from "../users.js";
import { freePort } from "../../tests/support/free-port.js";

/** A PostgreSQL the bench may create databases on; without it, the embedded database. */
export const adminUrl = process.env.BENCH_DATABASE_URL;
export const work = mkdtempSync(path.join(tmpdir(), "tasklane-bench-"));
export const secret = randomBytes(32).toString("base64url");
export const log = (message) => process.stderr.write(`${message}\n`);
const children = [];
const cleanups = [];

async function waitFor(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become ready`);
}

/** A database of the given kind, seeded through the app's data module. */
export async function seededDatabase(kind) {
  let env;
  if (kind === "postgres") {
    const database = await createScratchDatabase(adminUrl, "tasklane_bench");
    // A direct connection: the fast path an operator sets there (README, decision 064).
    env = { DATABASE_URL: database.url, DATABASE_POOLER: "none" };
    cleanups.push(database.drop);
  } else {
    env = { DATA_DIR: path.join(work, `data-${kind}`) };
  }
  log(`seeding ${kind}…`);
  execFileSync(process.execPath, ["--import", "tsx", "bench/seed.ts"], {
    env: { ...process.env, ...env, BETTER_AUTH_SECRET: secret, LOG_LEVEL: "warn", AUTH_RATE_LIMIT: "1000000" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return env;
}

/** A copy of an embedded database's folder, for a second process (PGlite allows one per folder). */
export function copyOfDataDir(dbEnv, from, name) {
  const copy = path.join(work, name);
  cpSync(path.join(dbEnv.DATA_DIR, from), copy, { recursive: true });
  return copy;
}

const dockerfile = readFileSync("Dockerfile", "utf8");
const mallocMmapThreshold = dockerfile.match(/MALLOC_MMAP_THRESHOLD_=(\d+)/)[1];
// Production's node flags (the young generation's bound, decision 128; the old generation's
// growing factor, decision 133), from the Dockerfile's CMD.
const productionNodeFlags = JSON.parse(dockerfile.match(/^CMD (\[.*\])$/m)[1]).slice(1, -1);

/** The production build (server.js) on a free port, ready: `{ url, child }`. */
export async function startApp(env, label) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load; a
  // flag given there again overrides production's (the last one counts).
  const nodeArgs = [...productionNodeFlags, ...(process.env.BENCH_NODE_OPTIONS ?? "").split(" ").filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, "server.js"], {
    env: {
      PATH: process.env.PATH,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      BETTER_AUTH_URL: url,
      BETTER_AUTH_SECRET: secret,
      LOG_LEVEL: "warn",
      // Raised for the benchmark only: the storm signs in 100 users from one address.
      AUTH_RATE_LIMIT: "1000000",
      API_RATE_LIMIT: "100000000",
      // Production's allocator setting, read from the Dockerfile so the two cannot drift.
      MALLOC_MMAP_THRESHOLD_: mallocMmapThreshold,
      // METRICS_PORT=0 npm run bench: the same run with the metrics on (each app on a free port).
      ...(process.env.METRICS_PORT ? { METRICS_PORT: process.env.METRICS_PORT } : {}),
      // REMINDER_POLL_SECONDS=1 npm run bench: the reminder scheduler looking 15 times as often.
      ...(process.env.REMINDER_POLL_SECONDS ? { REMINDER_POLL_SECONDS: process.env.REMINDER_POLL_SECONDS } : {}),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  await waitFor(`${url}/readyz`);
  log(`${label} app on ${url} (pid ${child.pid})`);
  return { url, child };
}

/** Stops a process this module started and waits for it to exit. */
export async function stop(child) {
  child.kill("SIGTERM");
  await once(child, "exit");
}

/** Baseline server (bench/baseline-server.js): same verification, same SQL, JSON.stringify. Returns its URL. */
export async function startBaseline(dbEnv, appUrl) {
  const port = await freePort();
  const env = { ...process.env, ...dbEnv, PORT: String(port), APP_URL: appUrl };
  // PGlite allows one process per data folder: the baseline reads a copy.
  if (!dbEnv.DATABASE_URL) env.DATA_DIR = copyOfDataDir(dbEnv, "pglite", "baseline-data");
  const baseline = fork("bench/baseline-server.js", [], { env, stdio: ["ignore", "ignore", "inherit", "ipc"] });
  children.push(baseline);
  await once(baseline, "message");
  return `http://127.0.0.1:${port}`;
}

/** Signs in bench user `index` through Better Auth's endpoint: its session cookie and token. */
export async function signIn(url, index) {
  const response = await fetch(`${url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email: benchEmail(index), password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in ${index} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  return { cookie, sessionToken: response.headers.get("set-auth-token") };
}

export async function jwtFor(url, cookie) {
  const response = await fetch(`${url}/api/auth/token`, { headers: { cookie } });
  if (!response.ok) throw new Error(`token failed: ${response.status}`);
  return (await response.json()).token;
}

export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmRSS:\s+(\d+)/)[1]) / 1024;
}

/** The highest resident size of a process, sampled twice a second until `stop()`, which returns it. */
export function watchPeakRss(pid) {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 500);
  return {
    stop() {
      clearInterval(sampler);
      return peak;
    },
  };
}

/** Stops every process started here, drops the scratch databases and removes the work folder. */
export async function cleanUp() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.filter((child) => child.exitCode === null).map((child) => once(child, "exit")));
  for (const cleanup of cleanups) await cleanup().catch(() => {});
  rmSync(work, { recursive: true, force: true });
}
