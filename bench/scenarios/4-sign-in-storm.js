// 4. A sign-in storm (100 people at once) while other clients read, against raw scrypt and
// the readers' idle latency.
import { randomBytes, scrypt } from "node:crypto";
import { promisify } from "node:util";
import { log, signIn } from "../harness/app.js";
import { load } from "../harness/rounds.js";
import { BENCH_PASSWORD } from "../users.js";

export const id = "4";

/** `count` scrypt hashes at once with Better Auth's parameters, straight on node:crypto: ms. */
async function scryptBaseline(count) {
  const scryptAsync = promisify(scrypt);
  const N = 16384,
    r = 16,
    p = 1;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, () =>
      scryptAsync(BENCH_PASSWORD, randomBytes(16).toString("hex"), 64, { N, r, p, maxmem: 128 * N * r * 2 }),
    ),
  );
  return performance.now() - started;
}

export async function run(bench) {
  const { app, auth } = bench;
  log("scenario 4: 100 sign-ins at once");
  const idle = await load({ url: `${app.url}/api/tasks?limit=50`, headers: auth, connections: 4, duration: 5 });
  const scryptMs = await scryptBaseline(100);
  const during = load({ url: `${app.url}/api/tasks?limit=50`, headers: auth, connections: 4, duration: 5 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const stormStart = performance.now();
  const results = await Promise.allSettled(Array.from({ length: 100 }, (_, index) => signIn(app.url, index)));
  const stormMs = performance.now() - stormStart;
  const busy = await during;
  const failed = results.filter((result) => result.status === "rejected").length;
  bench.row("4. 100 sign-ins at once", {
    requests: 100,
    rps: 100 / (stormMs / 1000),
    p50: null,
    p95: null,
    p99: null,
    errors: failed,
  });
  bench.row("4b. GET /api/tasks idle (4 conn)", idle);
  bench.row("4c. GET /api/tasks during the storm", busy);
  bench.check("4. all sign-ins succeed", 100 - failed, "= 100", failed === 0);
  // The readers come first (issue 20): their p95 within 3× idle, the storm within 2× raw scrypt.
  bench.check("4. storm wall time vs 100 scrypt", stormMs / scryptMs, "<= 2.0", stormMs / scryptMs <= 2.0);
  bench.check(
    "4. reader p95 during storm vs idle",
    busy.p95 / Math.max(idle.p95, 1),
    "<= 3",
    busy.p95 / Math.max(idle.p95, 1) <= 3,
  );
}
