// 3. Creating tasks through the API against the baseline server's insert.
import { log } from "../harness/app.js";
import { alternate } from "../harness/rounds.js";

export const id = "3";

export async function run(bench) {
  log("scenario 3: POST /api/tasks");
  const body = JSON.stringify({ title: "Benchmark task", priority: "high" });
  const postHeaders = { ...bench.auth, "content-type": "application/json" };
  const creates = await alternate(
    {
      app: {
        url: `${bench.app.url}/api/tasks`,
        method: "POST",
        headers: postHeaders,
        body,
        connections: 32,
        expectStatus: 201,
      },
      base: {
        url: `${bench.baselineUrl}/`,
        method: "POST",
        headers: postHeaders,
        body,
        connections: 32,
        expectStatus: 201,
      },
    },
    { warmUp: 0 },
  );
  bench.row("3. POST /api/tasks (32 conn)", creates.means.app);
  bench.row("3b. baseline: insert through pg", creates.means.base);
  bench.checkRatio("3. create throughput vs baseline", creates, ["app", "base"], ">= 0.5");
}
