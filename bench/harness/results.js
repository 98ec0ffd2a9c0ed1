// What a bench run found: the table's rows and the checks against the targets, printed as one
// table and written to bench/results/latest.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";

/**
 * The checks issue 41 is decided by, by name prefix, in the order the summary prints them:
 * the FastAPI peer (scenario 1f, skipped without Python's packages), the filters against the
 * list, the list through the pooler (1s), the peak memory, and one person's depth (scenario 8).
 */
const ISSUE_41 = [
  ["1f. throughput", "throughput vs the FastAPI peer (1f)"],
  ["1f. p99", "p99 vs the peer's (1f)"],
  ["1f. app p99 / its own p50", "the app's p99 / its p50 (1f)"],
  ["1g.", "the peer's own tail (1g)"],
  ["1f. ms:", "p99 and p50 in ms (1f)"],
  ["1d.", "label filter vs the list (1d)"],
  ["1e.", "search vs the list (1e)"],
  ["1s.", "the list through PgBouncer keeping statements vs direct (1s)"],
  ["6. server RSS peak", "peak RSS under load (6)"],
  ["8.", "depth: 100,000 tasks vs 200 (8)"],
];

export function createResults() {
  const rows = [];
  const checks = [];
  const row = (scenario, result) => rows.push({ scenario, ...result });
  // `rounds`: a ratio's per-round values (alternate()), printed beside the median it is read by.
  const check = (name, value, target, pass, rounds) =>
    checks.push({
      name,
      value: Number(value.toFixed(3)),
      target,
      pass,
      ...(rounds && { rounds: rounds.map((ratio) => Number(ratio.toFixed(3))) }),
    });

  /** A target on a ratio from alternate(), e.g. ">= 0.8": read by its median, its rounds printed beside it. */
  function checkRatio(name, comparison, [a, b, key], target) {
    const [operator, bound] = target.split(" ");
    const value = comparison.ratio(a, b, key);
    const pass = { ">=": value >= Number(bound), "<": value < Number(bound) }[operator];
    if (pass === undefined) throw new Error(`checkRatio: no operator in "${target}"`);
    check(name, value, target, pass, comparison.rounds(a, b, key));
  }

  // A figure printed beside the checks to read them by, with no target of its own (pass: null);
  // `rounds` as in check().
  const report = (name, value, rounds) =>
    checks.push({
      name,
      value: Number(value.toFixed(3)),
      target: "none",
      pass: null,
      ...(rounds && { rounds: rounds.map((ratio) => Number(ratio.toFixed(3))) }),
    });

  /** Prints the table and the checks, writes bench/results/latest.json; true when no target was missed. */
  function publish({ database, durationSeconds }) {
    const fmt = (value, digits = 1) => (value === null || value === undefined ? "-" : Number(value).toFixed(digits));
    const table = [
      ["scenario", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"],
      ...rows.map((r) => [r.scenario, fmt(r.rps), fmt(r.p50, 0), fmt(r.p95, 0), fmt(r.p99, 0), String(r.errors)]),
    ];
    const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
    const print = (line) =>
      console.log(
        line
          .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
          .join("  "),
      );
    console.log(
      `\nTasklane benchmark: ${cpus().length} cores, ${database}, ${durationSeconds}s per scenario, node ${process.version}\n`,
    );
    print(table[0]);
    table.slice(1).forEach(print);
    console.log("");
    for (const c of checks) {
      const rounds = c.rounds ? `, rounds ${Math.min(...c.rounds)}–${Math.max(...c.rounds)}` : "";
      console.log(
        `${c.pass === null ? "INFO" : c.pass ? "PASS" : "MISS"}  ${c.name}: ${c.value} (target ${c.target}${rounds})`,
      );
    }

    // Issue 41's figures in one block, for the quiet runs that decide its targets.
    const summary = ISSUE_41.map(([prefix, what]) => {
      const found = checks.filter((c) => c.name.startsWith(prefix));
      return { what, checks: found };
    });
    console.log("\nIssue 41 (the peer, the tail, memory and depth; ratios by the rounds' median):");
    for (const { what, checks: found } of summary) {
      if (found.length === 0) console.log(`  ${what}: not measured in this run`);
      for (const c of found)
        console.log(
          `  ${c.pass === null ? "INFO" : c.pass ? "PASS" : "MISS"}  ${c.name}: ${c.value} (target ${c.target})`,
        );
    }

    mkdirSync("bench/results", { recursive: true });
    writeFileSync(
      "bench/results/latest.json",
      JSON.stringify(
        {
          date: new Date().toISOString(),
          cores: cpus().length,
          database,
          durationSeconds,
          rows,
          checks,
          issue41: summary.map(({ what, checks: found }) => ({ what, checks: found.map((c) => c.name) })),
        },
        null,
        2,
      ) + "\n",
    );
    return checks.every((c) => c.pass !== false);
  }

  return { row, check, checkRatio, report, publish };
}
