// The request log (pino JSON on stdout) has a line for every request that reached the app,
// including one whose client went away before the answer was finished: status 499, as nginx
// logs it, with the time spent.
import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type SecurityServer, startSecurityServer } from "../support/security-server";

let server: SecurityServer;

beforeAll(async () => {
  server = await startSecurityServer({ LOG_LEVEL: "info" });
});
afterAll(() => server?.stop());

interface RequestLine {
  msg: string;
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

function requestLines(path: string): RequestLine[] {
  return server.process
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as RequestLine)
    .filter((line) => line.msg === "request" && line.path === path);
}

it("logs a sign-up whose client hung up before the answer as 499, with the time spent", async () => {
  const { port } = new URL(server.base);
  const body = JSON.stringify({
    name: "Gone",
    email: `gone-${crypto.randomUUID().slice(0, 8)}@example.com`,
    password: "Str0ng!password",
  });
  const abandoned = await new Promise<number>((resolve, reject) => {
    const request = http.request({
      host: "localhost",
      port,
      method: "POST",
      path: "/api/auth/sign-up/email",
      // With Expect: 100-continue Node's server says "go on" as it hands the request to our
      // handler: from then on the request has reached the app, with no guess about timing.
      headers: {
        "content-type": "application/json",
        "content-length": String(body.length),
        origin: server.base,
        expect: "100-continue",
      },
    });
    request.on("error", () => {});
    request.on("response", () => reject(new Error("the server answered a request whose body had not arrived")));
    request.on("continue", () => {
      // All but the last byte: the app waits for the rest, so no answer can finish first.
      request.write(body.slice(0, -1));
      const sent = performance.now();
      setTimeout(() => {
        request.destroy();
        resolve(performance.now() - sent);
      }, 60);
    });
  });

  await expect.poll(() => requestLines("/api/auth/sign-up/email"), { timeout: 10_000 }).toHaveLength(1);
  const [line] = requestLines("/api/auth/sign-up/email");
  expect(line).toMatchObject({ method: "POST", status: 499, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  expect(line!.durationMs).toBeGreaterThanOrEqual(abandoned - 5);
  expect(line!.durationMs).toBeLessThan(5_000);
});

it("logs an answered request with its own status", async () => {
  const response = await fetch(`${server.base}/sign-in`);
  expect(response.status).toBe(200);
  await expect.poll(() => requestLines("/sign-in").map((line) => line.status), { timeout: 5_000 }).toEqual([200]);
  expect(requestLines("/sign-in")[0]!.requestId).toBe(response.headers.get("x-request-id"));
});
