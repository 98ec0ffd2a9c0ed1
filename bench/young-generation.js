// The production build with V8's young generation at its default and bounded
// (--max-semi-space-size), side by side on one seeded PostgreSQL database: alternating rounds of
// GET /api/tasks?limit=50 at 64 connections (bench/load.js), each process's throughput, p50/p99,
// server CPU per request (from /proc) and peak RSS (VmHWM), medians over the rounds (decision 129).
//   BENCH_DATABASE_URL=postgres://… node bench/young-generation.js [rounds, default 4] [MB …, default 16 32]
import { execFileSync, fork, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createScratchDatabase } from "../tests/support/scratch-database.js";
import { freePort } from "../tests/support/free-port.js";
import { BENCH_PASSWORD, benchEmail } from "./users.js";

const [rounds = "4", ...sizes] = process.argv.slice(2);
const variants = [null, ...(sizes.length ? sizes : ["16", "32"]).map(Number)];
const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) throw new Error("usage: BENCH_DATABASE_URL=postgres://… node bench/young-generation.js [rounds] [MB …]");
const secret = randomBytes(32).toString("base64url");
const mallocMmapThreshold = readFileSync("Dockerfile", "utf8").match(/MALLOC_MMAP_THRESHOLD_=(\d+)/)[1];
const children = [];

const cpuMicros = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100;
};
const peakRssMb = (pid) => Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+)/)[1]) / 1024;

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

async function load(options) {
  const child = fork("bench/load.js", [JSON.stringify(options)], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  await once(child, "exit");
  return JSON.parse(out.trim().split("\n").at(-1));
}

const database = await createScratchDatabase(adminUrl, "tasklane_young_generation");
try {
  execFileSync(process.execPath, ["--import", "tsx", "bench/seed.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      BENCH_USERS: "1",
      BETTER_AUTH_SECRET: secret,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const servers = [];
  for (const megabytes of variants) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const flags = megabytes === null ? [] : [`--max-semi-space-size=${megabytes}`];
    const child = spawn(process.execPath, [...flags, "server.js"], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        BETTER_AUTH_URL: url,
        BETTER_AUTH_SECRET: secret,
        LOG_LEVEL: "warn",
        API_RATE_LIMIT: "100000000",
        MALLOC_MMAP_THRESHOLD_: mallocMmapThreshold,
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(child);
    await waitFor(`${url}/readyz`);
    servers.push({ label: megabytes === null ? "default" : `${megabytes} MB`, url, child, rounds: [] });
  }
  // Each process issues its own tokens (its own URL is their issuer and audience).
  for (const server of servers) {
    const signIn = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: benchEmail(0), password: BENCH_PASSWORD }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const { token } = await (await fetch(`${server.url}/api/auth/token`, { headers: { cookie } })).json();
    server.headers = { authorization: `Bearer ${token}` };
  }
  // Round -1 warms every process up (JIT, pools) and is not counted.
  for (let round = -1; round < Number(rounds); round++) {
    const order = round % 2 ? servers : [...servers].reverse();
    for (const server of order) {
      const before = cpuMicros(server.child.pid);
      const result = await load({
        url: `${server.url}/api/tasks?limit=50`,
        headers: server.headers,
        connections: 64,
        duration: 5,
      });
      if (result.errors) throw new Error(`${server.label}: ${result.errors} errors`);
      if (round < 0) continue;
      server.rounds.push({ ...result, cpuPerRequest: (cpuMicros(server.child.pid) - before) / result.requests });
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const report = servers.map(({ label, child, rounds: measured }) => ({
    youngGeneration: label,
    rps: Math.round(median(measured.map((r) => r.rps))),
    p50: median(measured.map((r) => r.p50)),
    p99: median(measured.map((r) => r.p99)),
    cpuMicrosPerRequest: Math.round(median(measured.map((r) => r.cpuPerRequest))),
    peakRssMb: Math.round(peakRssMb(child.pid)),
  }));
  console.log(JSON.stringify({ rounds: Number(rounds), connections: 64, report }, null, 2));
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.filter((child) => child.exitCode === null).map((child) => once(child, "exit")));
  await database.drop();
}
