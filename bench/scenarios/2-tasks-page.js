// 2. The server-rendered list page with a session cookie, beside what a page costs before its
// rows (2b, 2c) and what a session lookup costs (2d, bench/session-micro.ts).
import { execFileSync } from "node:child_process";
import { copyOfDataDir, log, secret } from "../harness/app.js";
import { alternate } from "../harness/rounds.js";

export const id = "2";

export async function run(bench) {
  const { app, cookie, dbEnv } = bench;
  const { list } = bench.measured["1"];
  log("scenario 2: GET /tasks");
  // Beside it, what a page costs before its rows, to read that ratio against: this page when
  // no task matches, and the lightest page the router renders (no session, no query).
  const pages = await alternate(
    {
      page: { url: `${app.url}/tasks`, headers: { cookie }, connections: 16 },
      noRows: { url: `${app.url}/tasks?q=no-such-task`, headers: { cookie }, connections: 16 },
      lightest: { url: `${app.url}/`, connections: 16 },
    },
    { warmUp: 3 },
  );
  const { page, noRows, lightest } = pages.means;
  bench.row("2. GET /tasks SSR, session cookie (16 conn)", page);
  bench.row("2b. GET / without a session (16 conn)", lightest);
  bench.row("2c. GET /tasks, no task matches (16 conn)", noRows);
  // One process per PGlite folder: the lookups read a copy, as the baseline does.
  const sessionDb = dbEnv.DATABASE_URL ? dbEnv : { ...dbEnv, DATA_DIR: copyOfDataDir(dbEnv, "", "session-data") };
  const session = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "bench/session-micro.ts"], {
      env: {
        ...process.env,
        ...sessionDb,
        BETTER_AUTH_SECRET: secret,
        BETTER_AUTH_URL: app.url,
        LOG_LEVEL: "silent",
        BENCH_COOKIE: cookie,
      },
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .at(-1),
  );
  bench.row("2d. session lookups / s (getSession, 16 at once)", {
    requests: session.count,
    rps: session.perSecond,
    p50: null,
    p95: null,
    p99: null,
    errors: 0,
  });
  // Pages are rendered per request and sessions read per request (decisions 002, 011, 050):
  // how the page compares with the API is information, not a target.
  bench.report("2. SSR throughput vs scenario 1 (report only)", page.rps / list.rps);
  bench.report("2b. lightest page vs scenario 1 (report only)", lightest.rps / list.rps);
  bench.report("2c. /tasks without rows vs scenario 1 (report only)", noRows.rps / list.rps);
  // The target (issue #20, decision 050): 50 rows cost no more than the page's fixed part.
  bench.checkRatio("2. /tasks with 50 rows vs without (2c)", pages, ["page", "noRows"], ">= 0.55");
  // The best any signed-in page could do: the lightest page's time plus what a session
  // lookup costs over the cookie-less check that page already makes.
  const lookupMicros = session.cpuMicros - session.anonymousCpuMicros;
  const ceiling = 1000 / (1000 / lightest.rps + lookupMicros / 1000) / list.rps;
  bench.report(
    `2d. ceiling: lightest page + a ${Math.round(lookupMicros)} µs lookup vs scenario 1 (report only)`,
    ceiling,
  );
}
