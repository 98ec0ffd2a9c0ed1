// examples/python against the built server, as its README section says to run it: a user
// signs up (the plan's register), creates a key in Settings (the form, as a browser posts
// it), and the Python program does the rest. Skipped when python3 with PyJWT is missing.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, type ServerProcess, startServer, waitForStatus } from "../support/server-process";

/** The first python3 that has PyJWT: $PYTHON, the one on PATH, then Debian's (which .ci/run provisions). */
function pythonWithPyJwt(): string | undefined {
  return [process.env.PYTHON, "python3", "/usr/bin/python3"].find((python) => {
    if (!python) return false;
    try {
      execFileSync(python, ["-c", "import jwt, cryptography"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
}

const python = pythonWithPyJwt();
const available = python !== undefined;
const dataDir = mkdtempSync(path.join(tmpdir(), "tasklane-python-"));
let server: ServerProcess | undefined;
let base: string;

beforeAll(async () => {
  if (!available) return;
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = startServer({ DATA_DIR: dataDir, BETTER_AUTH_URL: base }, port);
  await waitForStatus(`${base}/readyz`);
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it.skipIf(!available)(
  "lists projects, creates one and a task in it (with steps), ticks a step, completes, comments, reads the activity, moves and deletes with an API key, after verifying its JWT; exports and imports",
  async () => {
    const register = await fetch(`${base}/api/auth/register`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: base },
      body: JSON.stringify({ name: "Py", email: "py@example.com", password: "Str0ng!Passw0rd" }),
    });
    expect(register.status).toBe(201);
    const cookie = register.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");

    const form = new URLSearchParams({
      intent: "create-api-key",
      name: "Python example",
      scope: "write",
      lifetimeDays: "30",
    });
    const page = await fetch(`${base}/settings/api-keys`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
    });
    expect(page.status).toBe(201);
    const key = (await page.text()).match(/tl_[A-Za-z0-9_-]{43}/)?.[0];
    expect(key).toBeDefined();

    const run = spawnSync(python!, ["examples/python/tasklane_client.py", base, key!], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/token verified: user .+ \(py@example.com\), scope 'tasks:read tasks:write'/);
    expect(run.stdout).toContain("listed 0 task(s)");
    expect(run.stdout).toContain("projects: Inbox");
    expect(run.stdout).toContain("created project 'From Python' (201)");
    expect(run.stdout).toMatch(/created .+ \(201\) with 2 steps/);
    expect(run.stdout).toContain("account time zone: Europe/Berlin");
    expect(run.stdout).toContain("reminder hour 8, digest True at 7");
    expect(run.stdout).toContain("due 2027-01-15 09:00 Europe/Berlin = 2027-01-15T08:00:00.000Z");
    expect(run.stdout).toContain("reminders at: 2027-01-14T17:00:00.000Z, 2027-01-15T07:00:00.000Z");
    expect(run.stdout).toMatch(
      /quick add: Pay rent, due \d{4}-\d{2}-01, repeat FREQ=MONTHLY;BYMONTHDAY=1 \(due\), priority high/,
    );
    expect(run.stdout).toContain("From Python holds 1 task(s)");
    expect(run.stdout).toContain("next occurrence: Water the plants 2027-01-11");
    expect(run.stdout).toContain("quick add into From Python: Plan the garden at 17:00");
    // Due today or later whatever the date the test runs on: tomorrow's and the next 1st's.
    expect(run.stdout).toMatch(/upcoming: .*Plan the garden/);
    expect(run.stdout).toMatch(/upcoming: .*Pay rent/);
    expect(run.stdout).toContain("steps done: 1/2");
    expect(run.stdout).toContain("completed: True");
    expect(run.stdout).toContain("commented (201) as Py");
    expect(run.stdout).toContain("comments: ['Done, from Python']");
    expect(run.stdout).toContain("activity: task_commented, task_completed, task_edited, task_created");
    expect(run.stdout).toContain("deleted comment (204)");
    expect(run.stdout).toContain("moved to the Inbox: True");
    expect(run.stdout).toContain("deleted (204)");
    expect(run.stdout).toMatch(/invited friend@example.com as editor \(201\), until \d{4}-/);
    expect(run.stdout).toContain("pending invitations: 1");
    expect(run.stdout).toContain("revoked the invitation (204)");
    expect(run.stdout).toContain("deleted project (204)");
    // The project made above was deleted with its tasks: the Inbox and what the program left in it.
    expect(run.stdout).toMatch(/exported tasklane-export v1: 1 project\(s\), [1-9]\d* task\(s\)/);
    expect(run.stdout).toContain(
      "import checked (1 task(s)), then imported (201): From Todoist, labels made: ['post']",
    );
    expect(run.stdout).toContain(
      "refused (422): line 5: DATE is in “de”: only English dates (DATE_LANG en) can be read",
    );
  },
);
