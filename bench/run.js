// npm run bench: starts the production build as its own process, seeds it through the data
// module, drives load from a separate process (autocannon) and compares every figure with a
// baseline measured in the same run. Prints one table; writes bench/results/latest.json.
// Each scenario is a module in bench/scenarios/ (listed in run order in its index.js); what
// they share (the app, the database, load, alternating rounds, the table) is in bench/harness/.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import {
  adminUrl,
  cleanUp,
  jwtFor,
  seededDatabase,
  signIn,
  startApp,
  startBaseline,
  stop,
  watchPeakRss,
} from "./harness/app.js";
import { createResults } from "./harness/results.js";
import { DURATION } from "./harness/rounds.js";
import { scenarios } from "./scenarios/index.js";

// BENCH_ONLY=1c,2 runs a subset of the scenarios (profiling); the default runs them all.
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",")) : null;
const selected = (scenario) =>
  (scenario.alwaysRuns || !only || only.has(scenario.id)) && (!scenario.needsPostgres || adminUrl);

async function main() {
  if (!existsSync("build/server/index.js")) execFileSync("npm", ["run", "build"], { stdio: "inherit" });
  const database = adminUrl ? "postgres" : "pglite";
  const dbEnv = await seededDatabase(database);
  const app = await startApp(dbEnv, database);
  // The highest resident size seen while the scenarios run.
  const peakRss = watchPeakRss(app.child.pid);
  const { cookie } = await signIn(app.url, 0);
  const token = await jwtFor(app.url, cookie);
  const results = createResults();

  /** What every scenario gets: the app and its database, bench user 0's credentials, the baseline, the results. */
  const bench = {
    ...results,
    app,
    dbEnv,
    database,
    cookie,
    token,
    auth: { authorization: `Bearer ${token}` },
    baselineUrl: await startBaseline(dbEnv, app.url),
    peakRss,
    /** Stops the app (a scenario that measures something else after it); sampling stops first. */
    stopApp: async () => {
      peakRss.stop();
      await stop(app.child);
    },
    // What each scenario returned, by its id, for a later one to compare with (scenario 1's list).
    measured: {},
  };
  for (const scenario of scenarios.filter(selected)) bench.measured[scenario.id] = await scenario.run(bench);
  peakRss.stop();
  return results.publish({ database, durationSeconds: DURATION });
}

let ok;
try {
  ok = await main();
} finally {
  await cleanUp();
}
process.exit(ok ? 0 : 1);
