// What recording activity costs a create (decision 112), in two builds measured in one process
// (bench/harness/two-builds.js): one person creates tasks through POST /api/tasks on each build
// in short alternating batches (8 at a time).
//   COMPARE_DATABASE_URL=postgres://… node bench/activity-write-cost.js <dir A> <dir B> [rounds]
// ACTIVITY_WRITE=edit measures PATCH /api/tasks/{id} (a new title each time) instead.
// Prints, per build, the median creates (or edits) per second (wall clock) and CPU ms per create (this
// process: server and client, the client's share the same for both).
import { alternateBuilds, median, signUpOn, startTwoBuilds } from "./harness/two-builds.js";

const BATCH = 200;
const CONCURRENCY = 8;
const builds = await startTwoBuilds("activity-write-cost", 20);
const { token } = await signUpOn(builds.b.base, "Writer");
const init = {
  method: "POST",
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  body: JSON.stringify({ title: "Benchmark task", priority: "high" }),
};

const EDIT = process.env.ACTIVITY_WRITE === "edit";
const targets = {};
for (const { base } of EDIT ? [builds.a, builds.b] : []) {
  const created = await fetch(`${base}/api/tasks`, init);
  targets[base] = (await created.json()).id;
}
let edits = 0;

async function write(base) {
  if (!EDIT) return fetch(`${base}/api/tasks`, init);
  return fetch(`${base}/api/tasks/${targets[base]}`, {
    method: "PATCH",
    headers: init.headers,
    body: JSON.stringify({ title: `Edited ${edits++}` }),
  });
}

async function batch({ base }) {
  let left = BATCH;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) {
        const response = await write(base);
        if (response.status !== (EDIT ? 200 : 201)) throw new Error(`write: ${response.status}`);
        await response.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: BATCH / seconds, cpuMs: (used.user + used.system) / 1000 / BATCH };
}

const samples = await alternateBuilds(builds, batch);
const result = {};
for (const [name, build] of Object.entries({ A: builds.a, B: builds.b })) {
  result[name] = {
    dir: build.dir,
    createsPerSecond: +median(samples[name].map((sample) => sample.perSecond)).toFixed(1),
    cpuMsPerCreate: +median(samples[name].map((sample) => sample.cpuMs)).toFixed(3),
  };
}
result.ratioBtoA = +(result.B.createsPerSecond / result.A.createsPerSecond).toFixed(3);
// Per round, B's rate over A's in the same round: the spread the machine's load leaves.
const ratios = samples.B.map((sample, index) => sample.perSecond / samples.A[index].perSecond).sort((x, y) => x - y);
result.roundRatios = { min: +ratios[0].toFixed(3), median: +median(ratios).toFixed(3), max: +ratios.at(-1).toFixed(3) };
console.log(
  JSON.stringify(
    { write: EDIT ? "edit" : "create", rounds: builds.rounds, batch: BATCH, concurrency: CONCURRENCY, ...result },
    null,
    2,
  ),
);
await builds.close();
process.exit(0);
