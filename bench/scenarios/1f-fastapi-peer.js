// 1f. The plans' FastAPI service (bench/peers/fastapi_peer.py) beside the app: the same list of 50
// rows, the same database, the same RS256 token, 64 connections, one process each, in
// alternating rounds (decision 054). Issue 41's targets: throughput at least 1.10 × the peer's,
// the app's p99 at most the peer's and within 4 × its own p50. PostgreSQL only; skipped with
// one line where no Python with FastAPI, uvicorn, uvloop, httptools, asyncpg and PyJWT is found.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { log } from "../harness/app.js";
import { alternate } from "../harness/rounds.js";
import { freePort } from "../../tests/support/free-port.js";

export const id = "1f";
export const needsPostgres = true;

const MODULES = "import fastapi, uvicorn, uvloop, httptools, asyncpg, jwt";

/** The first Python that imports every module the peer needs (Debian's packages live under /usr/bin/python3). */
function findPython() {
  for (const python of [process.env.BENCH_PYTHON, "/usr/bin/python3", "python3"].filter(Boolean)) {
    try {
      execFileSync(python, ["-c", MODULES], { stdio: "ignore" });
      return python;
    } catch {
      /* not this one */
    }
  }
  return null;
}

/** The user id a JWT names (its `sub`), read without verifying: the peer's URL carries it. */
const subjectOf = (token) => JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")).sub;

export async function run(bench) {
  const python = findPython();
  if (!python) {
    log("scenario 1f: skipped, no python3 imports fastapi, uvicorn, uvloop, httptools, asyncpg and jwt");
    return;
  }
  log(`scenario 1f: the FastAPI peer (${python}) beside GET /api/tasks`);
  const port = await freePort();
  const peer = spawn(python, ["bench/peers/fastapi_peer.py"], {
    env: { PATH: process.env.PATH, DATABASE_URL: bench.dbEnv.DATABASE_URL, APP_URL: bench.app.url, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    // "ready" once its pool is open; uvicorn listens right after.
    await new Promise((resolve, reject) => {
      peer.stdout.on("data", (chunk) => String(chunk).includes("ready") && setTimeout(resolve, 300));
      peer.on("exit", (code) => reject(new Error(`the FastAPI peer exited (${code})`)));
    });
    const peerUrl = `http://127.0.0.1:${port}/api/${subjectOf(bench.token)}/tasks`;
    const rows = await (await fetch(peerUrl, { headers: bench.auth })).json();
    if (!Array.isArray(rows) || rows.length !== 50) throw new Error(`the peer answered ${JSON.stringify(rows)}`);
    const lists = await alternate(
      {
        app: { url: `${bench.app.url}/api/tasks?limit=50`, headers: bench.auth, connections: 64 },
        peer: { url: peerUrl, headers: bench.auth, connections: 64 },
      },
      { warmUp: 3 },
    );
    bench.row("1f. GET /api/tasks?limit=50 (64 conn)", lists.means.app);
    bench.row("1g. FastAPI peer GET /api/{userId}/tasks (64 conn)", lists.means.peer);
    bench.checkRatio("1f. throughput vs the FastAPI peer", lists, ["app", "peer"], ">= 1.1");
    // p99 over p99 read by the rounds' median like every ratio; "< 1.001": at most the peer's.
    bench.checkRatio("1f. p99 vs the FastAPI peer's p99", lists, ["app", "peer", "p99"], "< 1.001");
    const tail = lists.means.app.p99 / Math.max(lists.means.app.p50, 1);
    bench.check("1f. app p99 / its own p50", tail, "< 4", tail < 4);
    bench.report("1g. peer p99 / its own p50", lists.means.peer.p99 / Math.max(lists.means.peer.p50, 1));
    for (const side of ["app", "peer"])
      for (const key of ["p99", "p50"]) bench.report(`1f. ms: ${side} ${key}`, lists.means[side][key]);
    return { lists: lists.means };
  } finally {
    if (peer.exitCode === null) {
      peer.kill("SIGTERM");
      await once(peer, "exit");
    }
  }
}
