// One process per embedded database: a second one on the same DATA_DIR refuses to start, and
// a holder killed with SIGKILL neither blocks the next start nor loses what it acknowledged.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort, type ServerProcess, signUpOver, startServer, waitForStatus } from "../support/server-process";

const dataDir = mkdtempSync(path.join(tmpdir(), "tasklane-lock-"));
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop("SIGKILL")));
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<{ server: ServerProcess; base: string }> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const server = startServer({ DATA_DIR: dataDir, BETTER_AUTH_URL: base }, port);
  servers.push(server);
  return { server, base };
}

it("refuses a second process on the same DATA_DIR, and starts after the holder is killed with nothing acknowledged lost", async () => {
  const first = await start();
  await waitForStatus(`${first.base}/readyz`);
  const account = await signUpOver(first.base);
  for (let index = 1; index <= 20; index++) {
    const created = await fetch(`${first.base}/api/tasks`, {
      method: "POST",
      headers: { Authorization: `Bearer ${account.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ title: `Task ${index}` }),
    });
    expect(created.status).toBe(201);
  }

  const second = await start();
  expect(await second.server.exit).toBe(1);
  const lines = second.server.stderr().trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toBe(
    `start-up failed: DATA_DIR ${dataDir} is in use by another Tasklane process (${path.join(dataDir, "tasklane.lock")} is held); stop that process or set another DATA_DIR`,
  );
  // The holder was not disturbed.
  expect((await fetch(`${first.base}/readyz`)).status).toBe(200);

  first.server.child.kill("SIGKILL");
  await first.server.exit;
  // The killed holder's lock goes stale after LOCK_STALE_MS (10 s); a lock that never went
  // stale would time this out. How long start-up takes is the benchmark's business, not this test's.
  const third = await start();
  await waitForStatus(`${third.base}/readyz`, 200, 60_000);

  const signIn = await fetch(`${third.base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: third.base },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  expect(signIn.status).toBe(200);
  const session = signIn.headers.get("set-auth-token")!;
  const { token } = (await (
    await fetch(`${third.base}/api/auth/token`, { headers: { Authorization: `Bearer ${session}` } })
  ).json()) as {
    token: string;
  };
  const list = await fetch(`${third.base}/api/tasks?limit=100`, { headers: { Authorization: `Bearer ${token}` } });
  const { tasks } = (await list.json()) as { tasks: { title: string }[] };
  expect(tasks).toHaveLength(20);
  expect(await third.server.stop()).toBe(0);
});
