// The README's API walk-through, call for call, against the built server: what a new
// client developer types is what works. Then a second service verifies the token from
// the published keys, as the README's PyJWT example does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, type ServerProcess, startServer, waitForStatus } from "../support/server-process";

const dataDir = mkdtempSync(path.join(tmpdir(), "tasklane-api-"));
let server: ServerProcess;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = startServer({ DATA_DIR: dataDir, BETTER_AUTH_URL: base }, port);
  await waitForStatus(`${base}/readyz`);
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const json = { "Content-Type": "application/json" };
// Better Auth refuses credential posts without a trusted Origin (its CSRF check); so does the README.
const signInHeaders = () => ({ ...json, Origin: base });

it("runs the README walk-through", async () => {
  // 1. Sign up; the session token is in set-auth-token.
  const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
    method: "POST",
    headers: signInHeaders(),
    body: JSON.stringify({ name: "Ada", email: "ada@example.com", password: "Str0ng!Passw0rd" }),
  });
  expect(signUp.status).toBe(200);
  expect(signUp.headers.get("set-auth-token")).toBeTruthy();

  // Later sessions: sign in the same way.
  const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: signInHeaders(),
    body: JSON.stringify({ email: "ada@example.com", password: "Str0ng!Passw0rd" }),
  });
  expect(signIn.status).toBe(200);
  const session = signIn.headers.get("set-auth-token")!;

  // 2. Exchange it for a JWT.
  const tokenResponse = await fetch(`${base}/api/auth/token`, { headers: { Authorization: `Bearer ${session}` } });
  expect(tokenResponse.status).toBe(200);
  const { token } = (await tokenResponse.json()) as { token: string };
  const bearer = { Authorization: `Bearer ${token}` };

  // 3. Create a task.
  const created = await fetch(`${base}/api/tasks`, {
    method: "POST",
    headers: { ...bearer, ...json },
    body: JSON.stringify({ title: "Buy milk", priority: "high", dueDate: "2026-12-01" }),
  });
  expect(created.status).toBe(201);
  const task = (await created.json()) as { id: string; completed: boolean };
  expect(created.headers.get("location")).toBe(`/api/tasks/${task.id}`);

  // 4. List pending tasks, soonest first.
  const list = await fetch(`${base}/api/tasks?status=pending&sort=due_date`, { headers: bearer });
  expect(list.status).toBe(200);
  expect(list.headers.get("cache-control")).toBe("no-store");
  expect(list.headers.get("x-content-type-options")).toBe("nosniff");
  expect(await list.json()).toEqual({
    tasks: [expect.objectContaining({ id: task.id, title: "Buy milk" })],
    nextCursor: null,
  });

  // 5. Toggle it done.
  const toggled = await fetch(`${base}/api/tasks/${task.id}/complete`, { method: "PATCH", headers: bearer });
  expect(toggled.status).toBe(200);
  expect(await toggled.json()).toMatchObject({ id: task.id, completed: true });

  // 6. Delete it.
  const deleted = await fetch(`${base}/api/tasks/${task.id}`, { method: "DELETE", headers: bearer });
  expect(deleted.status).toBe(204);
  const gone = await fetch(`${base}/api/tasks/${task.id}`, { headers: bearer });
  expect(gone.status).toBe(404);

  // Another service verifies the token from the published key set alone.
  const jwks = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(token, jwks, { algorithms: ["RS256"], issuer: base, audience: base });
  expect(payload).toMatchObject({ email: "ada@example.com" });
});

it("answers methods and preflights through React Router as the route modules do in-process", async () => {
  const wrongMethod = await fetch(`${base}/api/tasks`, { method: "PUT" });
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
  expect(wrongMethod.headers.get("content-type")).toBe("application/problem+json");

  const options = await fetch(`${base}/api/tasks`, { method: "OPTIONS" });
  expect(options.status).toBe(204);
  expect(options.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");

  const head = await fetch(`${base}/api/openapi.json`, { method: "HEAD" });
  expect(head.status).toBe(200);
});
