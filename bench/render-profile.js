// The cost of /tasks's rows: starts the production build (embedded database) under
// --cpu-prof, signs up one person with 50 labelled tasks through the API, then requests the
// page one at a time, once with 50 rows and once with none (a search that matches nothing),
// each phase in a server of its own so each profile holds one kind of request. Prints the
// server's CPU per request by where it went, and the difference per row.
// node bench/render-profile.js [requests per phase, default 400]
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../tests/support/free-port.js";

const REQUESTS = Number(process.argv[2] ?? 400);
const work = mkdtempSync(path.join(tmpdir(), "tasklane-render-"));
const secret = "render-profile-secret-render-profile-secret";

async function startServer(profileDir) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), "server.js"],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: path.join(work, "data"),
        BETTER_AUTH_URL: url,
        BETTER_AUTH_SECRET: secret,
        LOG_LEVEL: "warn",
        AUTH_RATE_LIMIT: "100000",
        API_RATE_LIMIT: "100000000",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      if (tries > 300) throw new Error("server did not start");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid, stop: async () => (child.kill("SIGTERM"), await once(child, "exit")) };
}

async function seed(url) {
  const signUp = await fetch(`${url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ name: "Render", email: "render@example.test", password: "Render!Passw0rd" }),
  });
  const cookie = signUp.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  const token = (await (await fetch(`${url}/api/auth/token`, { headers: { cookie } })).json()).token;
  const api = (pathname, json) =>
    fetch(`${url}${pathname}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(json),
    });
  // Labels where the build has them (the "after" tree); the "before" tree answers 404.
  const labelled = (await api("/api/labels", { name: "Work", color: "blue" })).status === 201;
  if (labelled) await api("/api/labels", { name: "Urgent", color: "red" });
  for (let n = 0; n < 50; n++) {
    const labels = !labelled ? undefined : n % 6 === 0 ? ["Work", "Urgent"] : n % 2 === 0 ? ["Work"] : [];
    const response = await api("/api/tasks", {
      title: `Task ${n} with a title of a usual length`,
      description: n % 3 === 0 ? "Some notes about this task, long enough to look like real text." : "",
      priority: ["low", "medium", "high"][n % 3],
      category: ["Work", "Home", null][n % 3],
      dueDate: n % 4 === 0 ? null : `2027-0${(n % 9) + 1}-1${n % 10}`,
      ...(labels && { labels }),
    });
    if (response.status !== 201) throw new Error(`task ${n}: ${response.status} ${await response.text()}`);
  }
  return { cookie, labelled };
}

/** User + system CPU time of a process so far, in ms (Linux). */
function cpuMillis(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Self time by where the code lives, in µs per request (sampled: noisy on a busy machine). */
function categorise(profileDir, requests) {
  const file = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
  const profile = JSON.parse(readFileSync(path.join(profileDir, file), "utf8"));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const totals = {};
  for (const [id, micros] of self) {
    const { url, functionName } = byId.get(id).callFrame;
    const where = /react-dom/.test(url)
      ? "react-dom (render)"
      : /build\/server/.test(url)
        ? "app (routes, components)"
        : /react-router/.test(url)
          ? "react-router"
          : /pglite|drizzle|node_modules\/pg|^wasm:/.test(url)
            ? "database (pglite, drizzle)"
            : functionName === "(idle)" || functionName === "(program)" || functionName === "(garbage collector)"
              ? functionName
              : "other (node, libraries)";
    totals[where] = (totals[where] ?? 0) + micros;
  }
  delete totals["(idle)"];
  return Object.fromEntries(Object.entries(totals).map(([key, micros]) => [key, Math.round(micros / requests)]));
}

async function phase(name, pathname, cookie) {
  const profileDir = path.join(work, `profile-${name}`);
  const server = await startServer(profileDir);
  const get = async () => {
    const response = await fetch(`${server.url}${pathname}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`${pathname}: ${response.status}`);
    await response.text();
  };
  for (let i = 0; i < 50; i++) await get();
  const started = performance.now();
  const cpuBefore = cpuMillis(server.pid);
  for (let i = 0; i < REQUESTS; i++) await get();
  // The server's own CPU time (from /proc), which a busy shared machine does not inflate as it does wall time.
  const cpuMsPerRequest = (cpuMillis(server.pid) - cpuBefore) / REQUESTS;
  const msPerRequest = (performance.now() - started) / REQUESTS;
  await server.stop();
  return {
    msPerRequest: Number(msPerRequest.toFixed(2)),
    cpuMsPerRequest: Number(cpuMsPerRequest.toFixed(2)),
    cpuMicrosPerRequest: categorise(profileDir, REQUESTS + 50),
  };
}

try {
  const seeding = await startServer();
  const { cookie, labelled } = await seed(seeding.url);
  await seeding.stop();
  const rows = await phase("rows", "/tasks", cookie);
  const none = await phase("none", "/tasks?q=no-such-task", cookie);
  const perRow = {};
  for (const key of new Set([...Object.keys(rows.cpuMicrosPerRequest), ...Object.keys(none.cpuMicrosPerRequest)])) {
    perRow[key] = Number(
      (((rows.cpuMicrosPerRequest[key] ?? 0) - (none.cpuMicrosPerRequest[key] ?? 0)) / 50).toFixed(1),
    );
  }
  const total = (costs) =>
    Object.entries(costs)
      .filter(([key]) => !key.startsWith("("))
      .reduce((sum, [, micros]) => sum + micros, 0);
  console.log(
    JSON.stringify(
      {
        labelled,
        requests: REQUESTS,
        rows,
        none,
        cpuMicrosPerRowMeasured: Number((((rows.cpuMsPerRequest - none.cpuMsPerRequest) * 1000) / 50).toFixed(1)),
        cpuMicrosPerRowSampled: perRow,
        totalSampledMicrosPerRow: Number(
          ((total(rows.cpuMicrosPerRequest) - total(none.cpuMicrosPerRequest)) / 50).toFixed(1),
        ),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
