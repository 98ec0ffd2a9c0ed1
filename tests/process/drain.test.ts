// A restart loses no request: everything a client had sent before SIGTERM is answered.
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { freePort, type ServerProcess, signUpOver, startServer, waitForStatus } from "../support/server-process";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startEmbedded(
  env: Record<string, string> = {},
): Promise<{ server: ServerProcess; port: number; base: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "tasklane-drain-"));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const server = startServer({ DATA_DIR: dataDir, BETTER_AUTH_URL: base, ...env }, port);
  cleanups.push(
    () => rmSync(dataDir, { recursive: true, force: true }),
    () => server.stop("SIGKILL"),
  );
  await waitForStatus(`${base}/readyz`);
  return { server, port, base };
}

/** A raw connection to the server, with everything it receives until the server closes it. */
async function connection(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  await once(socket, "connect");
  let received = "";
  socket.on("data", (chunk) => (received += chunk));
  const closed = new Promise<string>((resolve) => socket.on("close", () => resolve(received)));
  socket.on("error", () => {});
  return {
    socket,
    received: () => received,
    closed,
    send: (text: string) => new Promise<void>((resolve) => socket.write(text, () => resolve())),
  };
}

const request = (port: number, token: string) =>
  `GET /api/tasks HTTP/1.1\r\nHost: localhost:${port}\r\nAuthorization: Bearer ${token}\r\nConnection: keep-alive\r\n\r\n`;

it("answers every request sent before SIGTERM in full, closes idle keep-alive connections, and exits 0", async () => {
  const { server, port, base } = await startEmbedded();
  const { token } = await signUpOver(base);

  // Idle at the signal: a keep-alive connection whose one request was answered long ago.
  const idle = await connection(port);
  await idle.send(request(port, token));
  for (let waited = 0; !idle.received().includes("\r\n\r\n") && waited < 5_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(idle.received()).toMatch(/^HTTP\/1\.1 200/);

  // 40 connections, each with a whole request written, none answered yet when the signal lands.
  const clients = await Promise.all(Array.from({ length: 40 }, () => connection(port)));
  await Promise.all(clients.map((client) => client.send(request(port, token))));
  server.child.kill("SIGTERM");

  // Each connection gets its whole answer, then the server closes it (the answers that had
  // not started when the signal landed say Connection: close; the others were sent as keep-alive).
  const answers = await Promise.all(clients.map((client) => client.closed));
  for (const answer of answers) {
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('{"tasks":[],"nextCursor":null}\r\n0\r\n\r\n');
  }
  await idle.closed;
  expect(await server.exit).toBe(0);
});

it("keeps serving through SHUTDOWN_GRACE_MS with /readyz at 503, then stops accepting", async () => {
  const { server, port, base } = await startEmbedded({ SHUTDOWN_GRACE_MS: "1500" });
  server.child.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 200));

  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ status: "unavailable", reason: "stopping" });
  const page = await fetch(`${base}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get("connection")).toBe("close");

  expect(await server.exit).toBe(0);
  const refused = await new Promise<string>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.on("connect", () => resolve("connected"));
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });
  expect(refused).toBe("ECONNREFUSED");
});

it("closes what is still running at SHUTDOWN_TIMEOUT_MS, with a warning, and exits 1", async () => {
  const { server, port } = await startEmbedded({ SHUTDOWN_TIMEOUT_MS: "500" });
  // A request whose body never finishes arriving: the server is still waiting for it.
  const slow = await connection(port);
  await slow.send(
    `POST /api/auth/sign-in/email HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":`,
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  server.child.kill("SIGTERM");
  expect(await server.exit).toBe(1);
  await slow.closed;
  expect(server.output()).toContain("requests still running at SHUTDOWN_TIMEOUT_MS");
});
