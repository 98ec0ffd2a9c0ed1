// A production server (node server.js) on a fresh embedded database, and a client that talks
// to it as a browser or a program would: for the attack suite's rules that only hold on the
// real request path (React Router's origin check, server.js's body limits and headers).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cookiesOf } from "./cookies";
import { get, postForm } from "./http-client";
import { PASSWORD } from "./passwords";
import { freePort, type ServerProcess, startServer, waitForStatus } from "./server-process";

// The client that talks to it, for the suite's files that import everything from here.
export { cookiesOf } from "./cookies";
export { get, postAuthJson, postForm } from "./http-client";

// The password signUpWithForm signs people up with.
export { PASSWORD };
export const FOREIGN_ORIGIN = "https://evil.example";

export interface SecurityServer {
  /** http://localhost:PORT: both the address we call and the app's origin (BETTER_AUTH_URL). */
  base: string;
  process: ServerProcess;
  stop: () => Promise<void>;
}

export async function startSecurityServer(env: Record<string, string> = {}): Promise<SecurityServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "tasklane-security-"));
  const base = `http://localhost:${port}`;
  const process = startServer(
    { DATA_DIR: dataDir, BETTER_AUTH_URL: base, AUTH_RATE_LIMIT: "10000", LOG_LEVEL: "warn", ...env },
    port,
  );
  try {
    await waitForStatus(`${base}/readyz`, 200, 90_000);
  } catch (error) {
    await process.stop();
    throw new Error(`${String(error)}\n${process.output()}${process.stderr()}`, { cause: error });
  }
  return {
    base,
    process,
    async stop() {
      await process.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const uniqueEmail = (label = "user") => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;

export function sessionTokenOf(cookie: string): string | undefined {
  return /better-auth\.session_token=([^;]+)/.exec(cookie)?.[1];
}

export interface SignedInUser {
  email: string;
  userId: string;
  cookie: string;
}

/** Signs up through the page's form (so the cookie is the browser's) and returns the session cookie. */
export async function signUpWithForm(server: SecurityServer, name = "Test User"): Promise<SignedInUser> {
  const email = uniqueEmail();
  const response = await postForm(server, "/sign-up", { name, email, password: PASSWORD });
  if (response.status !== 302) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const cookie = cookiesOf(response);
  const session = (await (await get(server, "/api/auth/get-session", { cookie })).json()) as { user: { id: string } };
  return { email, userId: session.user.id, cookie };
}

/** A JWT for the JSON API, from the session cookie. */
export async function apiTokenFor(server: SecurityServer, user: SignedInUser): Promise<string> {
  const response = await get(server, "/api/auth/token", { cookie: user.cookie });
  if (!response.ok) throw new Error(`token failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Creates a task through the JSON API and returns its id. */
export async function createTask(
  server: SecurityServer,
  token: string,
  fields: Record<string, unknown>,
): Promise<string> {
  const response = await fetch(`${server.base}/api/tasks`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(fields),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

export async function getTask(server: SecurityServer, token: string, id: string) {
  const response = await fetch(`${server.base}/api/tasks/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, task: response.ok ? ((await response.json()) as Record<string, unknown>) : null };
}
