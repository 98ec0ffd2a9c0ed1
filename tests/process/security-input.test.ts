// Bad input never crashes or 500s anything: every route in app/routes.ts gets oversized,
// malformed, mistyped and hostile requests (signed in, so the payloads reach the actions and
// the API handlers), and must answer each with a status below 500 while /healthz keeps answering.
import http from "node:http";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import routes from "~/routes";
import {
  apiTokenFor,
  cookiesOf,
  createTask,
  PASSWORD,
  postAuthJson,
  type SecurityServer,
  type SignedInUser,
  signUpWithForm,
  startSecurityServer,
} from "../support/security-server";

let server: SecurityServer;
let user: SignedInUser;
let token: string;
let taskId: string;

beforeAll(async () => {
  server = await startSecurityServer();
  user = await signUpWithForm(server, "Fuzzer");
  token = await apiTokenFor(server, user);
  taskId = await createTask(server, token, { title: "Fuzzed task" });
});
afterAll(() => server?.stop());
// The fuzz posts to /sign-out too: every test starts with a session of its own.
beforeEach(async () => {
  if (!server) return;
  user = {
    ...user,
    cookie: cookiesOf(await postAuthJson(server, "/sign-in/email", { email: user.email, password: PASSWORD })),
  };
});

interface Answer {
  status: number;
  body: string;
}

/** A raw HTTP/1.1 request (node:http, so bytes fetch would re-encode go out as they are). */
function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Promise<Answer> {
  const { port } = new URL(server.base);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "localhost", port, method, path, headers: { origin: server.base, ...headers } },
      (response) => {
        // A live stream (/events, /api/events) answers at once and never ends: its status is the answer.
        if (response.headers["content-type"]?.startsWith("text/event-stream")) {
          resolve({ status: response.statusCode!, body: "" });
          response.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode!, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.setTimeout(20_000, () => request.destroy(new Error(`${method} ${path}: no answer within 20 s`)));
    request.on("error", reject);
    request.end(body);
  });
}

/** Every URL pattern in app/routes.ts, with its parameters filled in several ways. */
function concretePaths(): string[] {
  const patterns: string[] = [];
  const walk = (entries: RouteConfigEntry[]) => {
    for (const entry of entries) {
      if (entry.path !== undefined) patterns.push(`/${entry.path}`);
      else if (entry.index) patterns.push("/");
      if (entry.children) walk(entry.children);
    }
  };
  walk(routes);
  const taskIds = [taskId, crypto.randomUUID(), "%27%20or%201%3D1--"];
  const paths = patterns.flatMap((pattern) => {
    if (pattern.endsWith("/*")) {
      return [
        ...[
          "sign-in/email",
          "sign-up/email",
          "update-user",
          "get-session",
          "token",
          "change-password",
          "no-such-endpoint",
        ],
        ...["request-password-reset", "reset-password", "send-verification-email", "verify-email", "change-email"],
        ...[
          "two-factor/enable",
          "two-factor/verify-totp",
          "two-factor/verify-backup-code",
          "two-factor/generate-backup-codes",
        ],
      ].map((rest) => pattern.replace("*", rest));
    }
    const withUser = pattern.includes(":userId") ? [user.userId, "x%00"] : [""];
    return withUser.flatMap((userId) =>
      (pattern.includes(":taskId") ? taskIds : [""]).map((id) =>
        pattern.replace(":userId", userId).replace(":taskId", id),
      ),
    );
  });
  // Signing out ends the fuzzer's session: last, so every other route is reached signed in.
  const signOuts = ["/api/auth/logout", "/sign-out"];
  return [...paths.filter((path) => !signOuts.includes(path)), ...signOuts];
}

const form = "application/x-www-form-urlencoded";
const json = "application/json";
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const invalidUtf8 = Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3d, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]);

/** [label, content type, body]: each is sent to every route with POST, and to the JSON API with PATCH too. */
const bodies: [string, string | undefined, Buffer | string][] = [
  ["NUL bytes in a form", form, "intent=create&title=a%00b&name=x%00&email=a%00%40b.c&password=%00&description=%00"],
  ["invalid UTF-8 in a form", form, Buffer.concat([Buffer.from("intent=create&"), invalidUtf8])],
  ["percent-encoded invalid UTF-8 in a form", form, "intent=update&title=%ff%fe%c3%28&name=%ed%a0%80"],
  [
    "duplicate fields",
    form,
    "intent=create&intent=update&title=a&title=b&email=a@b.c&email=c@d.e&completed=true&completed=x",
  ],
  [
    "unknown intent and field types",
    form,
    "intent=%5Bobject%20Object%5D&taskId[]=1&completed=maybe&dueDate=2026-02-30&priority=urgent",
  ],
  ["a 40 KiB field", form, `intent=create&title=${"a".repeat(40_000)}&name=${"b".repeat(2000)}`],
  [
    "multipart to a form action",
    "multipart/form-data; boundary=X",
    '--X\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncreate\r\n--X--\r\n',
  ],
  [
    "JSON with NUL and invalid escapes",
    json,
    '{"title":"a\\u0000b","name":"\\u0000","email":"a@b.c","password":"\\ud800"}',
  ],
  ["JSON with invalid UTF-8", json, Buffer.concat([Buffer.from('{"title":"'), invalidUtf8, Buffer.from('"}')])],
  ["malformed JSON", json, '{"title": "unterminated'],
  ["deeply nested JSON", json, nested(20_000)],
  [
    "numbers where strings belong",
    json,
    '{"title":123,"description":4.5e308,"name":1,"email":2,"password":3,"completed":"yes"}',
  ],
  ["arrays where objects belong", json, '[{"title":"a"}]'],
  [
    "arrays in fields",
    json,
    '{"title":["a"],"name":["x"],"email":["a@b.c"],"password":["Str0ng!password"],"priority":["high"]}',
  ],
  [
    "objects in fields",
    json,
    '{"title":{"$gt":""},"email":{"toString":1},"__proto__":{"admin":true},"constructor":{"prototype":{}}}',
  ],
  ["JSON null and scalars", json, "null"],
  ["an empty body", json, ""],
  ["a body with no content type", undefined, "title=x"],
  ["text/plain", "text/plain", "title=x"],
];

const queries = [
  "?q=%00&category=%00",
  "?q=%ff%fe&category=%c3%28",
  "?sort=title%27;drop%20table%20task;--&order=sideways&status=%00&priority[]=high&limit=-1&cursor=%ff",
  "?limit=1e309&page=99999999999999999999&cursor=eyJ2IjpudWxsLCJpZCI6IngifQ",
  `?q=${"%41".repeat(2500)}`,
  "?redirectTo=%2F%2Fevil.example&redirectTo=javascript:alert(1)",
];

function authHeaders(): Record<string, string> {
  return { cookie: user.cookie, authorization: `Bearer ${token}` };
}

describe("every route, every hostile input: never a 5xx", () => {
  it("GET with hostile query strings, and HEAD/OPTIONS/DELETE without a body", async () => {
    const failures: string[] = [];
    for (const path of concretePaths()) {
      for (const query of queries) {
        const { status } = await send("GET", path + query, authHeaders());
        if (status >= 500) failures.push(`GET ${path}${query} → ${status}`);
      }
      for (const method of ["HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]) {
        const { status } = await send(method, path, authHeaders());
        if (status >= 500) failures.push(`${method} ${path} → ${status}`);
      }
    }
    expect(failures).toEqual([]);
    expect((await send("GET", "/healthz")).status).toBe(200);
  });

  it.each(bodies)("%s", async (_label, contentType, body) => {
    const failures: string[] = [];
    for (const path of concretePaths()) {
      for (const method of path.startsWith("/api/") && !path.startsWith("/api/auth/") ? ["POST", "PATCH"] : ["POST"]) {
        const headers = { ...authHeaders(), ...(contentType ? { "content-type": contentType } : {}) };
        const { status, body: answer } = await send(method, path, headers, body);
        if (status >= 500) failures.push(`${method} ${path} → ${status} ${answer.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect((await send("GET", "/healthz")).status).toBe(200);
  });
});

describe("oversized requests", () => {
  const tenMegabytes = "title=" + "a".repeat(10 * 1024 * 1024);

  it.each([
    ["/tasks", form],
    [`/tasks/${crypto.randomUUID()}`, form],
    ["/sign-in", form],
    ["/sign-up", form],
    ["/settings", form],
    ["/api/auth/sign-in/email", json],
    ["/api/tasks", json],
  ])("a 10 MB body to %s is refused with 413 before it is read", async (path, contentType) => {
    const started = performance.now();
    const answer = await send("POST", path, { "content-type": contentType, cookie: user.cookie }, tenMegabytes);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/at most/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it.each([
    ["/settings/data", "multipart/form-data; boundary=X"],
    ["/api/import", "text/csv"],
  ])("the import's upload (decision 105): a 10 MB body to %s is 413 before it is read", async (path, contentType) => {
    const headers = { "content-type": contentType, cookie: user.cookie, authorization: `Bearer ${token}` };
    const answer = await send("POST", path, headers, tenMegabytes);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/The file must be at most 5 MB/);
  });

  it("the import's page takes a multipart upload over 1 MiB, within its 5 MB", async () => {
    const csv = `TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\n${"task,A task,,,1,,,,,\n".repeat(80_000)}`;
    const body =
      `--X\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\non\r\n` +
      `--X\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--X--\r\n`;
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const answer = await send(
      "POST",
      "/settings/data",
      { "content-type": "multipart/form-data; boundary=X", cookie: user.cookie, origin: server.base },
      body,
    );
    // Read and refused for its rows (over 10,000), not for its size.
    expect(answer.status).toBe(422);
    expect(answer.body).toContain("more than 10000 rows");
  });

  it("a form body just over 1 MiB is 413; one under it reaches the action (400 for a title too long)", async () => {
    const over = await send(
      "POST",
      "/tasks",
      { "content-type": form, cookie: user.cookie },
      "intent=create&title=" + "a".repeat(1024 * 1024),
    );
    expect(over.status).toBe(413);
    const under = await send(
      "POST",
      "/tasks",
      { "content-type": form, cookie: user.cookie },
      "intent=create&title=" + "a".repeat(1000 * 1000),
    );
    expect(under.status).toBe(400);
    expect(under.body).toContain("Title must be at most 200 characters");
  });

  it("a chunked page body without Content-Length is 411; multipart to a form action is 415, with a clear message", async () => {
    const chunked = await send(
      "POST",
      "/tasks",
      { "content-type": form, cookie: user.cookie, "transfer-encoding": "chunked" },
      "intent=create&title=x",
    );
    expect(chunked.status).toBe(411);
    expect(chunked.body).toMatch(/Content-Length/);
    const multipart = await send(
      "POST",
      "/tasks",
      { "content-type": "multipart/form-data; boundary=X", cookie: user.cookie },
      "--X--\r\n",
    );
    expect(multipart.status).toBe(415);
    expect(multipart.body).toMatch(/application\/x-www-form-urlencoded/);
  });

  it("a URL or headers beyond Node's limit answer 431, and the server goes on", async () => {
    expect((await send("GET", `/tasks?q=${"a".repeat(20_000)}`, authHeaders())).status).toBe(431);
    expect((await send("GET", "/tasks", { cookie: `x=${"a".repeat(20_000)}` })).status).toBe(431);
    expect((await send("GET", "/healthz")).status).toBe(200);
  });
});

describe("malformed paths and cookies", () => {
  it.each([
    "/%ff%fe",
    "/%E0%A4%A",
    "/tasks/%00",
    "/tasks/%ff/delete",
    "/api/tasks/%c3%28",
    "/api/auth/%ff",
    "/..%2f..%2fetc%2fpasswd",
    "/assets/..%2f..%2fpackage.json",
    "//evil.example/",
  ])("GET %s answers below 500 and serves no file outside build/client", async (path) => {
    const answer = await send("GET", path, authHeaders());
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).not.toContain('"name": "tasklane"');
  });

  it.each([
    "better-auth.session_token=%ff%fe%00",
    "better-auth.session_token=\u00ff\u00fe; tasklane-tz=%ff",
    "better-auth.session_token=a.b.c.d; better-auth.session_token=x",
    "tasklane-tz=Not/A_Zone; toast=%7B%22kind%22%3A%22x%22%7D",
    "toast=%ff%00; __Secure-better-auth.session_token=%",
  ])("a malformed cookie (%s) is a signed-out visitor, not an error", async (cookie) => {
    const page = await send("GET", "/tasks", { cookie });
    expect(page.status).toBe(302);
    const home = await send("GET", "/", { cookie });
    expect(home.status).toBe(200);
    const session = await send("GET", "/api/auth/get-session", { cookie });
    expect(session.status).toBeLessThan(500);
  });
});
