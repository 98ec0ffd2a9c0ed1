// A production server (node server.js) on a fresh embedded database, and a client that talks
// to it as a browser or a program would: for the attack suite's rules that only hold on the
// real request path (React Router's origin check, server.js's body limits and headers).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, type ServerProcess, startServer, waitForStatus } from "./server-process";

export const PASSWORD = "Str0ng!password";
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

/** "name=value" pairs of the Set-Cookie headers, for a Cookie header. */
export function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .join("; ");
}

export function sessionTokenOf(cookie: string): string | undefined {
  return /better-auth\.session_token=([^;]+)/.exec(cookie)?.[1];
}

interface PostOptions {
  cookie?: string;
  origin?: string | null;
  headers?: Record<string, string>;
}

/** A form post as a browser sends it (urlencoded, Origin), redirects not followed. */
export function postForm(
  server: SecurityServer,
  pathname: string,
  fields: Record<string, string> | string,
  { cookie, origin = server.base, headers = {} }: PostOptions = {},
): Promise<Response> {
  return fetch(`${server.base}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(origin ? { origin } : {}),
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    body: typeof fields === "string" ? fields : new URLSearchParams(fields).toString(),
  });
}

/** A JSON post to Better Auth's endpoints (/api/auth/…). */
export function postAuthJson(
  server: SecurityServer,
  pathname: string,
  body: unknown,
  { cookie, origin = server.base, headers = {} }: PostOptions = {},
): Promise<Response> {
  return fetch(`${server.base}/api/auth${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/json", ...(origin ? { origin } : {}), ...(cookie ? { cookie } : {}), ...headers },
    body: JSON.stringify(body),
  });
}

export function get(server: SecurityServer, pathname: string, { cookie, headers = {} }: PostOptions = {}) {
  return fetch(`${server.base}${pathname}`, { redirect: "manual", headers: { ...(cookie ? { cookie } : {}), ...headers } });
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
export async function createTask(server: SecurityServer, token: string, fields: Record<string, unknown>): Promise<string> {
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
