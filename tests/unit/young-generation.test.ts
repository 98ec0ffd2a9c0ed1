import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";

// Decision 128: production starts node with a bounded young generation (decision 133: and a
// fixed old-generation growing factor); the Dockerfile's CMD holds the flags, npm start repeats
// them, and cluster workers inherit them.
const cmd: string[] = JSON.parse(readFileSync("Dockerfile", "utf8").match(/^CMD (\[.*\])$/m)![1]!);
const flags = cmd.slice(1, -1);
const work = mkdtempSync(path.join(tmpdir(), "tasklane-young-generation-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("npm start and the image start node with the same flags, a bounded young generation among them", () => {
  expect(cmd[0]).toBe("node");
  expect(cmd.at(-1)).toBe("server.js");
  expect(flags).toContain("--max-semi-space-size=16");
  expect(flags).toContain("--heap-growing-percent=50");
  const start: string = JSON.parse(readFileSync("package.json", "utf8")).scripts.start;
  expect(start).toMatch(new RegExp(`(^|&& )node ${flags.join(" ")} server\\.js$`));
});

test("a cluster worker of a process started so keeps its young generation within the bound", () => {
  // Churns through short-lived objects, as a burst of requests does, then reports the new space.
  const script = path.join(work, "worker.cjs");
  writeFileSync(
    script,
    `const cluster = require("node:cluster");
const v8 = require("node:v8");
if (cluster.isPrimary) {
  cluster.fork().on("message", (megabytes) => { console.log(megabytes); process.exit(0); });
} else {
  let kept = [];
  for (let i = 0; i < 2e6; i++) { kept.push({ i, text: "row " + i }); if (kept.length > 100000) kept = []; }
  const space = v8.getHeapSpaceStatistics().find(({ space_name }) => space_name === "new_space");
  process.send(space.space_size / 2 ** 20);
}
`,
  );
  const bounded = Number(execFileSync(process.execPath, [...flags, script], { encoding: "utf8" }));
  // Two semi-spaces of 16 MB; V8's own default on a machine with a few GiB or more is 64 MB each.
  expect(bounded).toBeLessThanOrEqual(32);
  expect(bounded).toBeGreaterThan(0);
});
