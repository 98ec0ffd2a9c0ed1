// 1w. Scenario 1 served by two worker processes (WEB_CONCURRENCY=2, decision 051) beside the
// one-process app, on the same database, in alternating rounds. Information only: what a
// second worker buys depends on the cores the machine has to spare. PostgreSQL only (PGlite
// is one process).
import { cpus } from "node:os";
import { jwtFor, log, signIn, startApp, stop } from "../harness/app.js";
import { alternate } from "../harness/rounds.js";

export const id = "1w";
export const needsPostgres = true;

export async function run(bench) {
  const { app, auth } = bench;
  log("scenario 1w: GET /api/tasks with 2 workers");
  const workers = await startApp({ ...bench.dbEnv, WEB_CONCURRENCY: "2" }, `${bench.database}, 2 workers`);
  // Its own token: a JWT's issuer and audience are the app's URL, which differs by port here.
  const workersAuth = { authorization: `Bearer ${await jwtFor(workers.url, (await signIn(workers.url, 0)).cookie)}` };
  const processes = await alternate(
    {
      two: { url: `${workers.url}/api/tasks?limit=50`, headers: workersAuth, connections: 64 },
      one: { url: `${app.url}/api/tasks?limit=50`, headers: auth, connections: 64 },
    },
    { warmUp: 3 },
  );
  await stop(workers.child);
  bench.row("1w. GET /api/tasks, 1 process (64 conn)", processes.means.one);
  bench.row("1x. GET /api/tasks, 2 workers (64 conn)", processes.means.two);
  bench.report(
    `1x. 2 workers vs 1 process, throughput (information on ${cpus().length} cores)`,
    processes.ratio("two", "one"),
  );
  bench.report(
    `1x. 2 workers vs 1 process, p95 (information on ${cpus().length} cores)`,
    processes.ratio("two", "one", "p95"),
  );
}
