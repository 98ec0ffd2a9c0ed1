import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import net from "node:net";
import pg from "pg";
import { expect } from "vitest";
import { createScratchDatabase } from "./scratch-database.js";
import type { SmtpSink } from "./smtp-sink";

export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Starts the production build (`node server.js`) with the given environment. */
export function startServer(env: Record<string, string>, port?: number): ServerProcess {
  const child = spawn(process.execPath, ["server.js"], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", ...env, ...(port ? { PORT: String(port) } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk) => (out += chunk));
  child.stderr!.on("data", (chunk) => (err += chunk));
  const exit = once(child, "exit").then(([code]) => code as number | null);
  return {
    url: `http://127.0.0.1:${port ?? env.PORT}`,
    child,
    output: () => out,
    stderr: () => err,
    exit,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exit;
    },
  };
}

/** Polls `path` until it answers 200, or fails after `timeoutMs`. */
export async function waitForStatus(url: string, status = 200, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === status) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}

/** A PostgreSQL database of its own for one test (empty, or a copy of `template`), dropped by `drop()`. */
export const createTestDatabase = (adminUrl: string, template?: string) =>
  createScratchDatabase(adminUrl, "tasklane_test", template);

export const testSecret = () => randomBytes(32).toString("base64url");

/** The public origin instances started by startInstancesOnOneDatabase serve, as behind a load balancer. */
export const INSTANCES_ORIGIN = "http://localhost:3000";

/**
 * `count` server processes on one new PostgreSQL database, one secret and one public origin (as
 * behind a load balancer), each ready; `cleanups` gets their stop and the database's drop, to
 * run in reverse order after the test. Started one at a time: the first migrates, the next
 * ones find the database ready.
 */
export async function startInstancesOnOneDatabase(
  adminUrl: string,
  env: Record<string, string>,
  cleanups: (() => Promise<unknown>)[],
  count = 2,
): Promise<{ databaseUrl: string; servers: ServerProcess[] }> {
  const database = await createTestDatabase(adminUrl);
  cleanups.push(database.drop);
  const shared = {
    DATABASE_URL: database.url,
    BETTER_AUTH_SECRET: testSecret(),
    BETTER_AUTH_URL: INSTANCES_ORIGIN,
    ...env,
  };
  const servers: ServerProcess[] = [];
  for (let index = 0; index < count; index++) servers.push(startServer(shared, await freePort()));
  cleanups.push(() => Promise.all(servers.map((server) => server.stop())));
  for (const server of servers) await waitForStatus(`${server.url}/readyz`);
  return { databaseUrl: database.url, servers };
}

export interface HttpAccount {
  email: string;
  password: string;
  /** The session cookie, for pages. */
  cookie: string;
  /** The session token (Better Auth's bearer plugin), for /api/auth/*. */
  session: string;
  /** An API JWT. */
  token: string;
}

/** Signs a new person up through Better Auth's HTTP endpoint of a running server and gets a JWT. */
export async function signUpOver(
  base: string,
  email = `user-${randomBytes(4).toString("hex")}@example.com`,
): Promise<HttpAccount> {
  const password = "Str0ng!Passw0rd";
  const response = await fetch(`${base}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ name: "Test", email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const session = response.headers.get("set-auth-token")!;
  const tokenResponse = await fetch(`${base}/api/auth/token`, { headers: { Authorization: `Bearer ${session}` } });
  const { token } = (await tokenResponse.json()) as { token: string };
  return { email, password, cookie, session, token };
}

/**
 * Queues one message per recipient straight into the outbox (no server process inserted them,
 * so only their polling senders, racing for the rows, send them), then waits until every one
 * has arrived, the outbox is empty, and a moment more in which a duplicate would arrive.
 */
export async function queueMailBehindTheServers(
  databaseUrl: string,
  smtp: SmtpSink,
  recipients: string[],
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `insert into mail_outbox (recipient, subject, text_body, html_body, give_up_at)
       select r, 'Queued', 'text', '<p>html</p>', now() + interval '1 hour' from unnest($1::text[]) as r`,
      [recipients],
    );
    await Promise.all(recipients.map((to) => smtp.waitFor(to, /Queued/, 30_000)));
    await expect.poll(async () => (await client.query("select count(*)::int as n from mail_outbox")).rows[0].n).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    await client.end();
  }
}
