// 1. The JSON list with a JWT against the baseline server. Always runs: the others read their
// figures against its list (2, 7).
import { log } from "../harness/app.js";
import { alternate } from "../harness/rounds.js";

export const id = "1";
export const alwaysRuns = true;

export async function run(bench) {
  const { app, auth, baselineUrl } = bench;
  log("scenario 1: GET /api/tasks");
  const first = await alternate(
    {
      list: { url: `${app.url}/api/tasks?limit=50`, headers: auth, connections: 64 },
      base: { url: `${baselineUrl}/`, headers: auth, connections: 64 },
    },
    { warmUp: 3 },
  );
  const { list, base: listBase } = first.means;
  bench.row("1. GET /api/tasks?limit=50 (64 conn)", list);
  bench.row("1b. baseline: node:http + jose + pg", listBase);
  bench.checkRatio("1. throughput vs baseline", first, ["list", "base"], ">= 0.65");
  bench.checkRatio("1. p95 vs baseline", first, ["list", "base", "p95"], "< 2");
  // The baseline is only a fair yardstick if it does the same work: the same JSON, labels included.
  const [appPage, basePage] = await Promise.all(
    [`${app.url}/api/tasks?limit=50`, `${baselineUrl}/`].map(async (url) =>
      (await fetch(url, { headers: auth })).json(),
    ),
  );
  const sameJson =
    JSON.stringify(appPage.tasks) === JSON.stringify(basePage.tasks) &&
    appPage.tasks.some((task) => task.labels.length > 0);
  bench.check("1. baseline answers the app's JSON, labels included", Number(sameJson), "= 1", sameJson);
  return { list };
}
