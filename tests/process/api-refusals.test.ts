// What the server layer refuses before the app reads a request (a body over 1 MiB, a chunked
// body where one must have a length, TRACE) is, on the JSON API, the problem document the
// OpenAPI document promises, with the CORS headers a browser client needs to read it; pages
// keep their one line of text.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FOREIGN_ORIGIN, type SecurityServer, startSecurityServer } from "../support/security-server";

const CLIENT_ORIGIN = "https://client.example.test";
const MIB = 1024 * 1024;

let server: SecurityServer;

beforeAll(async () => {
  server = await startSecurityServer({ CORS_ORIGINS: CLIENT_ORIGIN });
});
afterAll(() => server?.stop());

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP/1.1 request (node:http: TRACE and chunked bodies go out as written). */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const { port } = new URL(server.base);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "localhost", port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode!,
          headers: response.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      response.on("error", reject);
    });
    request.setTimeout(20_000, () => request.destroy(new Error(`${method} ${path}: no answer within 20 s`)));
    request.on("error", reject);
    request.end(body);
  });
}

function expectProblem(answer: Answer, status: number, title: string, detail: RegExp) {
  expect(answer.status).toBe(status);
  expect(answer.headers["content-type"]).toBe("application/problem+json");
  expect(JSON.parse(answer.body)).toEqual({
    type: "about:blank",
    title,
    status,
    detail: expect.stringMatching(detail),
  });
  // The server layer's own headers are on refusals too.
  expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(answer.headers["x-content-type-options"]).toBe("nosniff");
}

function expectCorsGrant(answer: Answer) {
  expect(answer.headers["access-control-allow-origin"]).toBe(CLIENT_ORIGIN);
  expect(answer.headers["access-control-expose-headers"]).toContain("Retry-After");
  expect(answer.headers.vary).toContain("Origin");
}

describe("refusals on the JSON API", () => {
  it.each(["/api/tasks", "/api/auth/sign-in/email", "/api/openapi.json"])(
    "a body over 1 MiB to %s is a 413 problem document with the CORS headers",
    async (path) => {
      const answer = await send(
        "POST",
        path,
        { "content-type": "application/json", origin: CLIENT_ORIGIN },
        `{"title":"${"a".repeat(MIB)}"}`,
      );
      expectProblem(answer, 413, "Content Too Large", /at most 1048576 bytes/);
      expectCorsGrant(answer);
    },
  );

  it("an origin not in CORS_ORIGINS gets the problem document and no grant", async () => {
    const answer = await send(
      "POST",
      "/api/tasks",
      { "content-type": "application/json", origin: FOREIGN_ORIGIN },
      "x".repeat(MIB + 1),
    );
    expectProblem(answer, 413, "Content Too Large", /at most/);
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
    expect(answer.headers.vary).toContain("Origin");
  });

  it("a chunked body to Better Auth's endpoints is a 411 problem document with the CORS headers", async () => {
    const answer = await send(
      "POST",
      "/api/auth/sign-in/email",
      { "content-type": "application/json", origin: CLIENT_ORIGIN, "transfer-encoding": "chunked" },
      '{"email":"a@b.c","password":"x"}',
    );
    expectProblem(answer, 411, "Length Required", /Content-Length/);
    expectCorsGrant(answer);
  });

  it("TRACE is a 405 problem document with Allow and the CORS headers", async () => {
    const answer = await send("TRACE", "/api/tasks", { origin: CLIENT_ORIGIN });
    expectProblem(answer, 405, "Method Not Allowed", /TRACE/);
    expect(answer.headers.allow).toContain("GET");
    expectCorsGrant(answer);
  });
});

describe("refusals on pages", () => {
  it("stay one line of text, without CORS headers", async () => {
    const answer = await send(
      "POST",
      "/tasks",
      { "content-type": "application/x-www-form-urlencoded", origin: server.base },
      "title=" + "a".repeat(MIB),
    );
    expect(answer.status).toBe(413);
    expect(answer.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(answer.body).toBe("The request body must be at most 1048576 bytes.\n");
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
