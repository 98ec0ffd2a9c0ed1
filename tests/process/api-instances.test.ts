// Two server processes on one PostgreSQL: a token from one verifies on the other, and the
// per-user rate limit is one budget across both.
import { afterAll, expect, it } from "vitest";
import { INSTANCES_ORIGIN, type ServerProcess, startInstancesOnOneDatabase } from "../support/server-process";

const adminUrl = process.env.TEST_DATABASE_URL;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it.runIf(adminUrl)("shares keys and the rate limit between instances", async () => {
  const { servers } = await startInstancesOnOneDatabase(
    adminUrl!,
    { API_RATE_LIMIT: "4", DATABASE_POOL_MAX: "2" },
    cleanups,
  );
  const [first, second] = servers as [ServerProcess, ServerProcess];

  const signUp = await fetch(`${first.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: INSTANCES_ORIGIN },
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
