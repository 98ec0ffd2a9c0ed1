// 7. Scenario 1 on PGlite, against the same list on PostgreSQL. Runs last: it stops the app
// the other scenarios measure and seeds an embedded database of its own.
import { jwtFor, log, seededDatabase, signIn, startApp } from "../harness/app.js";
import { load } from "../harness/rounds.js";

export const id = "7";
export const needsPostgres = true;

export async function run(bench) {
  const { list } = bench.measured["1"];
  log("scenario 7: GET /api/tasks on PGlite");
  await bench.stopApp();
  const liteEnv = await seededDatabase("pglite");
  const lite = await startApp(liteEnv, "pglite");
  const liteCookie = (await signIn(lite.url, 0)).cookie;
  const liteToken = await jwtFor(lite.url, liteCookie);
  const liteAuth = { authorization: `Bearer ${liteToken}` };
  await load({ url: `${lite.url}/api/tasks?limit=50`, headers: liteAuth, connections: 64, duration: 3 });
  const liteList = await load({ url: `${lite.url}/api/tasks?limit=50`, headers: liteAuth, connections: 64 });
  bench.row("7. GET /api/tasks on PGlite (64 conn)", liteList);
  bench.report("7. PGlite vs PostgreSQL throughput (report only)", liteList.rps / list.rps);
}
