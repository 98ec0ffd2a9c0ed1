// The list page's cost per row in two builds, measured in one process (bench/harness/two-builds.js):
// creates one person with 50 tasks (half labelled), then requests /tasks (50 rows) and
// /tasks?q=no-such-task (none) from each build in short alternating batches, reading this
// process's CPU time per batch.
//   COMPARE_DATABASE_URL=postgres://… node bench/compare-builds.js <dir A> <dir B> [rounds]
// Prints, per build, CPU ms per request with and without rows, µs per row, and CPU ms per
// GET /api/tasks?limit=50 (50 tasks as JSON, bearer JWT).
import { alternateBuilds, median, signUpOn, startTwoBuilds } from "./harness/two-builds.js";

const BATCH = 10;
const builds = await startTwoBuilds("compare-builds", 30);
const { b } = builds;
const { cookie, token } = await signUpOn(b.base, "Rows");
// Form posts come from the page's own origin (React Router compares it with Host).
const form = (fields) => ({
  method: "POST",
  redirect: "manual",
  headers: { cookie, origin: b.base, "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields),
});
await fetch(`${b.base}/labels`, form({ name: "Work", color: "blue" }));
for (let index = 0; index < 50; index++) {
  const fields = [
    ["intent", "create"],
    ["title", `Task ${index} with a title of ordinary length`],
    ["description", "Some notes"],
    ["priority", "high"],
  ];
  if (index % 2 === 0) fields.push(["labels", "Work"]);
  const response = await fetch(`${b.base}/tasks`, form(fields));
  if (response.status !== 302) throw new Error(`create: ${response.status}`);
}

// The JSON list too (issue #20): the same 50 tasks as JSON, with a JWT from the session.
const credentials = (pathname) => (pathname.startsWith("/api/") ? { authorization: `Bearer ${token}` } : { cookie });

async function batch(base, pathname) {
  const start = process.cpuUsage();
  for (let index = 0; index < BATCH; index++) {
    const response = await fetch(`${base}${pathname}`, { headers: credentials(pathname) });
    if (response.status !== 200) throw new Error(`${pathname}: ${response.status}`);
    await response.arrayBuffer();
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / BATCH;
}

const pages = { rows: "/tasks", none: "/tasks?q=no-such-task", api: "/api/tasks?limit=50" };
const samples = await alternateBuilds(builds, async ({ base }) => {
  const sample = {};
  for (const [page, pathname] of Object.entries(pages)) sample[page] = await batch(base, pathname);
  return sample;
});

const result = {};
for (const [name, build] of Object.entries({ A: builds.a, B: builds.b })) {
  const of = (page) => median(samples[name].map((sample) => sample[page]));
  const [rows, none, api] = [of("rows"), of("none"), of("api")];
  result[name] = {
    dir: build.dir,
    cpuMsWithRows: +rows.toFixed(2),
    cpuMsWithoutRows: +none.toFixed(2),
    microsPerRow: +(((rows - none) * 1000) / 50).toFixed(1),
    ratio: +(none / rows).toFixed(3),
    // Server and client in one process: the client's share is the same for both builds.
    cpuMsApiList: +api.toFixed(3),
  };
}
console.log(JSON.stringify({ rounds: builds.rounds, batch: BATCH, ...result }, null, 2));
await builds.close();
process.exit(0);
