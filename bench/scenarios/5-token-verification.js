// 5. Token verification alone: the app's own verifier in a process of its own
// (bench/verify-micro.ts), memory off, on one core.
import { execFileSync } from "node:child_process";
import { log, secret } from "../harness/app.js";

export const id = "5";

function hasTaskset() {
  try {
    execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export async function run(bench) {
  log("scenario 5: token verification micro-benchmark");
  // "On one core": pinned with taskset where there is one (util-linux), so the process and
  // the thread WebCrypto hands each check to share a core, as the target assumes.
  const pinned = hasTaskset() ? ["taskset", ["-c", "0", process.execPath]] : [process.execPath, []];
  const micro = JSON.parse(
    execFileSync(pinned[0], [...pinned[1], "--import", "tsx", "bench/verify-micro.ts"], {
      // An in-memory database for the imports: the app holds the real one.
      env: {
        ...process.env,
        DATABASE_URL: "",
        DATA_DIR: "memory://",
        BETTER_AUTH_SECRET: secret,
        BETTER_AUTH_URL: bench.app.url,
        LOG_LEVEL: "silent",
        BENCH_TOKEN: bench.token,
      },
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .at(-1),
  );
  bench.row("5. token verifications / s (one core)", {
    requests: micro.count,
    rps: micro.perSecond,
    p50: null,
    p95: null,
    p99: null,
    errors: 0,
  });
  bench.row("5b. reused token, remembered (one core)", {
    requests: null,
    rps: micro.rememberedPerSecond,
    p50: null,
    p95: null,
    p99: null,
    errors: 0,
  });
  bench.check("5. verifications per second", micro.perSecond, ">= 10000", micro.perSecond >= 10_000);
}
