// 10. Import and export of 10,000 tasks (issue 33): a generated Tasklane CSV of 10,000 tasks
// (steps, labels, due times, repeats) imported into a new account, that account exported as
// JSON, and the JSON imported into another new account: each one request, timed, with the
// server's resident memory sampled every 100 ms. Targets: under 10 s, and under 200 MB above
// the resident size before the request.
import { log, rssMb } from "../harness/app.js";

export const id = "10";

const TASKS = 10_000;

function csvOfTasks() {
  const header =
    "project,title,description,completed,priority,category,due_date,due_time,time_zone,repeat_rule,repeat_mode,labels,steps,created_at\n";
  const rows = [];
  for (let index = 0; index < TASKS; index++) {
    const due = index % 3 === 0 ? `2027-0${1 + (index % 9)}-1${index % 10},09:30,Europe/Berlin` : ",,";
    const repeat = index % 30 === 0 && due !== ",," ? "FREQ=WEEKLY;BYDAY=MO,due" : ",";
    const labels = index % 4 === 0 ? `"errands\nhome"` : "";
    const steps = index % 5 === 0 ? `"[x] first\n[ ] second"` : "";
    rows.push(
      `Project ${index % 5},Task ${index},${index % 2 ? "Some words" : ""},${index % 7 === 0},medium,,${due},${repeat},${labels},${steps},\n`,
    );
  }
  return header + rows.join("");
}

async function signUpFresh(url, label) {
  const email = `bench-transfer-${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const response = await fetch(`${url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email, password: "Bench-transfer-1!", name: label }),
  });
  if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const token = await fetch(`${url}/api/auth/token`, {
    headers: { authorization: `Bearer ${response.headers.get("set-auth-token")}` },
  });
  return { authorization: `Bearer ${(await token.json()).token}` };
}

/** Runs `request`, timing it and sampling the server's RSS; the body is read whole. */
async function measured(pid, request) {
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  const start = performance.now();
  try {
    const response = await request();
    const body = await response.text();
    const seconds = (performance.now() - start) / 1000;
    if (!response.ok) throw new Error(`${response.status}: ${body.slice(0, 500)}`);
    return { seconds, growthMb: Math.max(peak, rssMb(pid)) - before, peakMb: peak, body };
  } finally {
    clearInterval(sampler);
  }
}

export async function run(bench) {
  log("scenario 10: import and export of 10,000 tasks");
  const pid = bench.app.child.pid;
  const url = bench.app.url;
  const first = await signUpFresh(url, "first");
  const csv = csvOfTasks();
  const csvIn = await measured(pid, () =>
    fetch(`${url}/api/import`, { method: "POST", headers: { ...first, "content-type": "text/csv" }, body: csv }),
  );
  const jsonOut = await measured(pid, () => fetch(`${url}/api/export`, { headers: first }));
  const second = await signUpFresh(url, "second");
  const jsonIn = await measured(pid, () =>
    fetch(`${url}/api/import`, {
      method: "POST",
      headers: { ...second, "content-type": "application/json" },
      body: jsonOut.body,
    }),
  );
  const csvOut = await measured(pid, () => fetch(`${url}/api/export?format=csv`, { headers: second }));
  const imported = JSON.parse(jsonIn.body).tasks;
  if (imported !== TASKS) throw new Error(`scenario 10: ${imported} tasks imported, not ${TASKS}`);
  bench.report("10. export JSON size for 10,000 tasks (MB)", jsonOut.body.length / 1024 / 1024);
  for (const [name, result] of [
    ["import CSV", csvIn],
    ["export JSON", jsonOut],
    ["import JSON", jsonIn],
    ["export CSV", csvOut],
  ]) {
    bench.check(`10. ${name}, 10,000 tasks (s)`, result.seconds, "< 10", result.seconds < 10);
    bench.check(`10. ${name}: server RSS growth (MB)`, result.growthMb, "< 200", result.growthMb < 200);
    bench.report(`10. ${name}: server RSS peak (MB)`, result.peakMb);
  }
}
