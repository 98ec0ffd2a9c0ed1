// 6. Memory. Under load V8 grows its heap (a young generation of up to 128 MB on a machine
// this size) and gives it back when the server collects, 10 s after its last request
// (decision 052); the password threads stop 10 s after their last hash: the target is the
// footprint the process returns to, read after 20 s without requests (reading at 10 s raced
// both). The peak under load has a target of its own (issue 41). Runs after every scenario that loads the app.
import { rssMb } from "../harness/app.js";

export const id = "6";

export async function run(bench) {
  const peakRss = bench.peakRss.stop();
  await new Promise((resolve) => setTimeout(resolve, 20_000));
  const rss = rssMb(bench.app.child.pid);
  bench.row("6. server RSS: peak under load (MB)", {
    requests: null,
    rps: peakRss,
    p50: null,
    p95: null,
    p99: null,
    errors: 0,
  });
  // Issue 41: the peak under the bench's load (every scenario before this one) stays under 400 MB.
  bench.check("6. server RSS peak under load (MB)", peakRss, "< 400", peakRss < 400);
  bench.check("6. server RSS after all scenarios, 20 s idle (MB)", rss, "< 250", rss < 250);
}
