// Two server processes on one PostgreSQL: a token from one verifies on the other, and the
// per-user rate limit is one budget across both.
import { afterAll, expect, it } from "vitest";
import {
  createTestDatabase,
  freePort,
  type ServerProcess,
  startServer,
  testSecret,
  waitForStatus,
} from "../support/server-process";

const adminUrl = process.env.TEST_DATABASE_URL;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it.runIf(adminUrl)("shares keys and the rate limit between instances", async () => {
  const database = await createTestDatabase(adminUrl!);
  cleanups.push(database.drop);
  const origin = "http://localhost:3000";
  const env = {
    DATABASE_URL: database.url,
    BETTER_AUTH_SECRET: testSecret(),
    // Both instances serve one public origin, as behind a load balancer.
    BETTER_AUTH_URL: origin,
    API_RATE_LIMIT: "4",
    DATABASE_POOL_MAX: "2",
  };
  const servers: ServerProcess[] = [];
  for (const port of [await freePort(), await freePort()]) servers.push(startServer(env, port));
  cleanups.push(() => Promise.all(servers.map((server) => server.stop())));
  // One at a time: the first migrates, the second then finds the database ready.
  for (const server of servers) await waitForStatus(`${server.url}/readyz`);
  const [first, second] = servers as [ServerProcess, ServerProcess];

  const signUp = await fetch(`${first.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin },
    body: JSON.stringify({ name: "Ada", email: "ada@example.com", password: "Str0ng!Passw0rd" }),
  });
  const session = signUp.headers.get("set-auth-token")!;
  const { token } = (await (
    await fetch(`${first.url}/api/auth/token`, { headers: { Authorization: `Bearer ${session}` } })
  ).json()) as {
    token: string;
  };

  const statuses = [];
  for (const server of [first, second, first, second, second]) {
    statuses.push((await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } })).status);
  }
  expect(statuses).toEqual([200, 200, 200, 200, 429]);
});
