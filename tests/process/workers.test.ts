// WEB_CONCURRENCY=2: two worker processes share the port and behave as one app; the primary
// replaces a worker that dies and drains both on SIGTERM (decision 051).
import { once } from "node:events";
import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  freePort,
  queueMailBehindTheServers,
  type ServerProcess,
  signUpOver,
  startServer,
  testSecret,
  waitForStatus,
} from "../support/server-process";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";

const adminUrl = process.env.TEST_DATABASE_URL;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The worker that served it, read from its request log line (each line carries its pid). */
  pid: number;
}

describe.runIf(adminUrl)("two workers on one PostgreSQL (WEB_CONCURRENCY=2)", () => {
  let server: ServerProcess;
  let smtp: SmtpSink;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let port: number;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase(adminUrl!);
    smtp = await startSmtpSink();
    port = await freePort();
    base = `http://localhost:${port}`;
    server = startServer(
      {
        WEB_CONCURRENCY: "2",
        DATABASE_URL: database.url,
        BETTER_AUTH_SECRET: testSecret(),
        BETTER_AUTH_URL: base,
        SMTP_URL: smtp.url,
        AUTH_RATE_LIMIT: "5",
        API_RATE_LIMIT: "4",
      },
      port,
    );
    await waitForStatus(`${server.url}/readyz`);
    for (let waited = 0; !server.output().includes("all workers ready"); waited += 100) {
      if (waited > 30_000) throw new Error(`the workers did not start:\n${server.output()}${server.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    await server?.stop("SIGKILL");
    for (const pid of workerPids()) process.kill(pid, "SIGKILL");
    await smtp?.stop();
    await database?.drop();
  });

  /** The primary's children: its workers (read from /proc, nothing exposed for the test). */
  function workerPids(): number[] {
    try {
      const tasks = readFileSync(`/proc/${server.child.pid}/task/${server.child.pid}/children`, "utf8");
      return tasks.trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }

  async function pidOf(requestId: string): Promise<number> {
    for (let waited = 0; waited < 5_000; waited += 20) {
      const line = server
        .output()
        .split("\n")
        .find((entry) => entry.includes(`"requestId":"${requestId}"`));
      if (line) return (JSON.parse(line) as { pid: number }).pid;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no log line for request ${requestId}`);
  }

  /** One request on a connection of its own: node:cluster hands each new connection to the next worker. */
  async function send(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<Answer> {
    const request = http.request(`${server.url}${path}`, {
      method,
      headers: { origin: base, ...headers },
      agent: false,
      timeout: 10_000,
    });
    request.on("timeout", () => request.destroy(new Error(`${method} ${path} got no answer`)));
    request.end(body);
    const [response] = (await once(request, "response")) as [http.IncomingMessage];
    let text = "";
    for await (const chunk of response) text += chunk;
    return {
      status: response.statusCode!,
      headers: response.headers,
      body: text,
      pid: await pidOf(String(response.headers["x-request-id"])),
    };
  }

  /** The same request until both workers have answered it (at most `tries`); every answer. */
  async function fromBothWorkers(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    tries = 6,
  ): Promise<Answer[]> {
    const answers: Answer[] = [];
    while (answers.length < tries && new Set(answers.map((answer) => answer.pid)).size < 2) {
      answers.push(await send(method, path, headers));
    }
    expect(new Set(answers.map((answer) => answer.pid)).size).toBe(2);
    return answers;
  }

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const formHeaders = (cookie: string) => ({ cookie, "content-type": "application/x-www-form-urlencoded" });

  it("serves requests from two worker processes, both children of the primary", async () => {
    const pids = new Set<number>();
    for (let i = 0; i < 4; i++) pids.add((await send("GET", "/")).pid);
    expect(pids.size).toBe(2);
    expect([...pids].sort()).toEqual(workerPids().sort());
    expect(pids.has(server.child.pid!)).toBe(false);
  });

  it("a session from one worker is valid on the other; a sign-out and a revoked key are refused by both at once", async () => {
    const account = await signUpOver(base);
    for (const answer of await fromBothWorkers("GET", "/tasks", { cookie: account.cookie }))
      expect(answer.status).toBe(200);

    const created = await send(
      "POST",
      "/settings/api-keys",
      formHeaders(account.cookie),
      form({ intent: "create-api-key", name: "Script", scope: "read", lifetimeDays: "30" }),
    );
    expect(created.status).toBe(201);
    const key = created.body.match(/tl_[A-Za-z0-9_-]{43}/)![0];
    const keyId = created.body.match(/name="keyId" value="([^"]+)"/)![1]!;
    for (const answer of await fromBothWorkers("GET", "/api/me", { authorization: `Bearer ${key}` }, 3))
      expect(answer.status).toBe(200);

    const revoked = await send(
      "POST",
      "/settings/api-keys",
      formHeaders(account.cookie),
      form({ intent: "revoke-api-key", keyId }),
    );
    expect(revoked.status).toBe(302);
    for (const answer of await fromBothWorkers("GET", "/api/me", { authorization: `Bearer ${key}` }))
      expect(answer.status).toBe(401);

    const signedOut = await send(
      "POST",
      "/api/auth/sign-out",
      { cookie: account.cookie, "content-type": "application/json" },
      "{}",
    );
    expect(signedOut.status).toBe(200);
    for (const answer of await fromBothWorkers("GET", "/tasks", { cookie: account.cookie }))
      expect(answer.status).toBe(302);
  });

  it("shares the API and sign-in limits between the workers", async () => {
    const { token } = await signUpOver(base);
    const api: Answer[] = [];
    for (let i = 0; i < 5; i++) api.push(await send("GET", "/api/me", { authorization: `Bearer ${token}` }));
    expect(api.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429]);
    expect(new Set(api.map((answer) => answer.pid)).size).toBe(2);

    const { email } = await signUpOver(base);
    const attempts: Answer[] = [];
    const body = JSON.stringify({ email, password: "Wr0ng!Password" });
    for (let i = 0; i < 7; i++) {
      const request = http.request(`${server.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { origin: base, "content-type": "application/json" },
        agent: false,
      });
      request.end(body);
      const [response] = (await once(request, "response")) as [http.IncomingMessage];
      response.resume();
      attempts.push({
        status: response.statusCode!,
        headers: response.headers,
        body: "",
        pid: await pidOf(String(response.headers["x-request-id"])),
      });
    }
    // AUTH_RATE_LIMIT is 5: both workers count into one budget.
    expect(attempts.slice(0, 4).every((answer) => answer.status === 401)).toBe(true);
    expect(attempts.slice(-2).map((answer) => answer.status)).toEqual([429, 429]);
    expect(new Set(attempts.map((answer) => answer.pid)).size).toBe(2);
  });

  it("sends each queued message once between the workers", async () => {
    const recipients = Array.from({ length: 30 }, (_, index) => `worker-queued-${index}@example.com`);
    await queueMailBehindTheServers(database.url, smtp, recipients);
    const queued = smtp.received.filter((mail) => mail.to.startsWith("worker-queued-")).map((mail) => mail.to);
    expect(queued.sort()).toEqual([...recipients].sort());
  });

  it("replaces a worker killed with SIGKILL and keeps answering meanwhile", async () => {
    const [victim, survivor] = workerPids() as [number, number];
    process.kill(victim, "SIGKILL");
    // A connection node:cluster hands to the worker in the instant before the primary learns of
    // its death is lost with it (decision 051): the next requests go out once the primary knows.
    for (let waited = 0; !server.output().includes("worker exited; starting another"); waited += 20) {
      if (waited > 10_000) throw new Error("the primary did not notice the worker's death");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const statuses = new Set<number>();
    const deadline = Date.now() + 30_000;
    let replacement: number | undefined;
    while (!replacement && Date.now() < deadline) {
      const answer = await send("GET", "/");
      statuses.add(answer.status);
      if (answer.pid !== survivor) replacement = answer.pid;
    }
    expect(statuses).toEqual(new Set([200]));
    expect(replacement).toBeDefined();
    expect(replacement).not.toBe(victim);
    expect(workerPids().sort()).toEqual([survivor, replacement].sort());
    expect(server.output()).toContain("worker exited; starting another");
  });

  it("on SIGTERM, both workers answer every request already sent, and the primary exits 0", async () => {
    const clients = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const socket = net.connect(port, "127.0.0.1");
        await once(socket, "connect");
        let received = "";
        socket.on("data", (chunk) => (received += chunk));
        socket.on("error", () => {});
        const closed = new Promise<string>((resolve) => socket.on("close", () => resolve(received)));
        await new Promise<void>((resolve) =>
          socket.write(`GET / HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: keep-alive\r\n\r\n`, () => resolve()),
        );
        return { closed };
      }),
    );
    server.child.kill("SIGTERM");
    const answers = await Promise.all(clients.map((client) => client.closed));
    for (const answer of answers) {
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
      expect(answer).toContain("</html>");
    }
    const servedBy = new Set(answers.map((answer) => answer.match(/x-request-id: (\S+)/i)![1]!));
    const pids = new Set(await Promise.all([...servedBy].map(pidOf)));
    expect(pids.size).toBe(2);
    expect(await server.exit).toBe(0);
  });
});
