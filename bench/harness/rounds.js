// Load generation: autocannon in a process of its own (bench/load.js), and the alternating
// rounds every ratio target is read from (decision 054).
import { fork } from "node:child_process";
import { once } from "node:events";

/** Seconds per scenario (BENCH_DURATION, default 10). */
export const DURATION = Number(process.env.BENCH_DURATION ?? 10);

// Rounds of a comparison: each load is measured once per round, for DURATION / ROUNDS seconds.
// On a shared machine one window in several runs 20-30 % slow (docs/benchmarks.md, "Reading a
// ratio on a noisy machine"); five short rounds put such a window in one round of five.
const ROUNDS = 5;

/** Runs autocannon in its own process (the load generator must not share the measured loop). */
export async function load(options) {
  const child = fork("bench/load.js", [JSON.stringify({ duration: DURATION, ...options })], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  await once(child, "exit");
  return JSON.parse(out.trim().split("\n").at(-1));
}

/**
 * Measures several loads in alternating rounds, each round in the reverse order of the one
 * before (A B C, C B A, A B C…), so a slow moment or a drift over the scenario lands on every
 * side. `means`: each load's figures, the rounds' means. `ratio(a, b)`: the median over the
 * rounds of a's figure over b's in the same round, so one slowed window cannot decide a target.
 */
export async function alternate(loads, { warmUp = 2 } = {}) {
  const names = Object.keys(loads);
  const seconds = Math.max(1, Math.round(DURATION / ROUNDS));
  if (warmUp > 0) for (const name of names) await load({ ...loads[name], duration: warmUp });
  const measured = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 === 0 ? names : names.toReversed())
      measured[name].push(await load({ ...loads[name], duration: seconds }));
  }
  const rounds = (a, b, key = "rps") =>
    measured[a].map((result, round) => result[key] / Math.max(measured[b][round][key], 1));
  return {
    means: Object.fromEntries(names.map((name) => [name, mean(measured[name])])),
    ratio: (a, b, key) => median(rounds(a, b, key)),
    rounds,
  };
}

function median(values) {
  const sorted = values.toSorted((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function mean(results) {
  const average = (key) => results.reduce((sum, result) => sum + result[key], 0) / results.length;
  const total = (key) => results.reduce((sum, result) => sum + result[key], 0);
  return {
    requests: total("requests"),
    rps: average("rps"),
    p50: average("p50"),
    p95: average("p95"),
    p99: average("p99"),
    errors: total("errors"),
  };
}
