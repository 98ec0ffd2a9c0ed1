// Every JSON API endpoint and status, through the real route modules, Better Auth and database.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { user } from "../../db/schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";
import { listProjectsForUser } from "~/projects/projects.server";

let ann: ApiUser;

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
});

async function createTask(user: ApiUser, json: unknown = { title: "Water the plants" }) {
  const response = await apiFetch("/api/tasks", withToken(user.token, { method: "POST", json }));
  expect(response.status).toBe(201);
  return {
    task: (await response.json()) as Record<string, unknown> & { id: string },
    etag: response.headers.get("etag")!,
  };
}

const expectProblem = async (response: Response, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: unknown;
  };
  expect(body).toMatchObject({ type: "about:blank", status, title: expect.any(String), detail: expect.any(String) });
  return body;
};

describe("GET /api/me", () => {
  it("answers the token's user", async () => {
    const response = await apiFetch("/api/me", withToken(ann.token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: ann.id,
      email: ann.email,
      name: "Ann",
      timeZone: "UTC",
      emailVerified: false,
      reminderHour: 9,
      remindersByMail: true,
      digest: { enabled: false, hour: 7 },
    });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 401 with a Bearer challenge without a token", async () => {
    const response = await apiFetch("/api/me");
    await expectProblem(response, 401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("answers 401 invalid_token once the token's user has been deleted", async () => {
    const gone = await signUpApiUser("Gone");
    await db.delete(user).where(eq(user.id, gone.id));
    const response = await apiFetch("/api/me", withToken(gone.token));
    await expectProblem(response, 401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    // Creating a task for the deleted account is refused the same way, not a 500.
    const created = await apiFetch(
      "/api/tasks",
      withToken(gone.token, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "Orphan" }),
      }),
    );
    await expectProblem(created, 401);
    expect(created.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
  });

  it("does not take the session token in place of a JWT", async () => {
    const response = await apiFetch("/api/me", withToken(ann.sessionToken));
    await expectProblem(response, 401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
  });
});

describe("POST /api/tasks", () => {
  it("creates a task: 201, Location, ETag, defaults filled in", async () => {
    const response = await apiFetch(
      "/api/tasks",
      withToken(ann.token, { method: "POST", json: { title: "  Buy milk ", priority: "high", dueDate: "2026-12-01" } }),
    );
    expect(response.status).toBe(201);
    const task = (await response.json()) as { id: string; createdAt: string };
    expect(response.headers.get("location")).toBe(`/api/tasks/${task.id}`);
    expect(response.headers.get("etag")).toMatch(/^"[^"]+"$/);
    expect(task).toEqual({
      id: expect.any(String),
      title: "Buy milk",
      description: "",
      completed: false,
      priority: "high",
      category: null,
      dueDate: "2026-12-01",
      dueTime: null,
      timeZone: "UTC",
      dueAt: "2026-12-01T00:00:00.000Z",
      // Without a projectId: the person's Inbox.
      projectId: (await listProjectsForUser(ann.id)).find((project) => project.inbox)!.id,
      assigneeId: null,
      labels: [],
      repeat: null,
      repeatOf: null,
      steps: [],
      reminders: [],
      createdAt: expect.any(String),
      updatedAt: task.createdAt,
    });
    expect(new Date(task.createdAt).toISOString()).toBe(task.createdAt);
  });

  it("answers 400 with one error per invalid or unknown field", async () => {
    const response = await apiFetch(
      "/api/tasks",
      withToken(ann.token, { method: "POST", json: { title: "", priority: "urgent", owner: "someone" } }),
    );
    const body = await expectProblem(response, 400);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { path: "title", message: "Title is required" },
        { path: "priority", message: "Priority must be low, medium or high" },
        { path: "owner", message: "Unknown field" },
      ]),
    );
  });

  it("answers 400 to malformed JSON", async () => {
    const response = await apiFetch(
      "/api/tasks",
      withToken(ann.token, { method: "POST", body: '{"title": "x"', headers: { "content-type": "application/json" } }),
    );
    expect((await expectProblem(response, 400)).detail).toMatch(/not valid JSON/);
  });

  it("answers 415 to a body that is not JSON", async () => {
    const response = await apiFetch(
      "/api/tasks",
      withToken(ann.token, {
        method: "POST",
        body: "title=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    await expectProblem(response, 415);
  });

  it("answers 413 when Content-Length says the body is over 64 KiB", async () => {
    const body = JSON.stringify({ title: "x", description: "y".repeat(70_000) });
    const response = await apiFetch(
      "/api/tasks",
      withToken(ann.token, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "content-length": String(body.length) },
      }),
    );
    await expectProblem(response, 413);
  });

  it("answers 413 when a body without Content-Length streams past 64 KiB", async () => {
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await apiFetch(
      "/api/tasks",
      withToken(ann.token, {
        method: "POST",
        body: stream,
        duplex: "half",
        headers: { "content-type": "application/json" },
      } as RequestInit),
    );
    await expectProblem(response, 413);
    expect(sent).toBeLessThan(10);
  });
});

describe("GET /api/tasks", () => {
  let bob: ApiUser;
  beforeAll(async () => {
    bob = await signUpApiUser("Bob");
    for (const [title, priority, category] of [
      ["Alpha", "low", "home"],
      ["Bravo", "high", "work"],
      ["Charlie", "medium", "work"],
      ["Delta", "high", "home"],
      ["Echo", "low", "work"],
    ]) {
      await createTask(bob, { title, priority, category });
    }
  });

  it("lists the user's tasks, newest first, with nextCursor", async () => {
    const response = await apiFetch("/api/tasks", withToken(bob.token));
    expect(response.status).toBe(200);
    const page = (await response.json()) as { tasks: { title: string }[]; nextCursor: string | null };
    expect(page.tasks.map((task) => task.title)).toEqual(["Echo", "Delta", "Charlie", "Bravo", "Alpha"]);
    expect(page.nextCursor).toBeNull();
  });

  it("filters, sorts and pages by cursor", async () => {
    const first = await apiFetch("/api/tasks?category=work&sort=title&order=asc&limit=2", withToken(bob.token));
    const page1 = (await first.json()) as { tasks: { title: string }[]; nextCursor: string };
    expect(page1.tasks.map((task) => task.title)).toEqual(["Bravo", "Charlie"]);
    // A task created between pages does not shift the next page.
    await createTask(bob, { title: "Aardvark", category: "work" });
    const second = await apiFetch(
      `/api/tasks?category=work&sort=title&order=asc&limit=2&cursor=${page1.nextCursor}`,
      withToken(bob.token),
    );
    const page2 = (await second.json()) as { tasks: { title: string }[]; nextCursor: string | null };
    expect(page2.tasks.map((task) => task.title)).toEqual(["Echo"]);
    expect(page2.nextCursor).toBeNull();

    const urgent = await apiFetch("/api/tasks?priority=high&status=pending&q=elt", withToken(bob.token));
    expect(((await urgent.json()) as { tasks: { title: string }[] }).tasks.map((task) => task.title)).toEqual([
      "Delta",
    ]);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=ten", "limit"],
    ["status=done", "status"],
    ["sort=colour", "sort"],
    ["order=up", "order"],
    ["priority=urgent", "priority"],
    ["cursor=not-a-cursor", "cursor"],
  ])("answers 400 to %s", async (query, path) => {
    const response = await apiFetch(`/api/tasks?${query}`, withToken(bob.token));
    const body = await expectProblem(response, 400);
    expect(body.errors).toEqual([{ path, message: expect.any(String) }]);
  });
});

describe("/api/tasks/{id}", () => {
  it("GET answers the task with its ETag", async () => {
    const { task, etag } = await createTask(ann);
    const response = await apiFetch(`/api/tasks/${task.id}`, withToken(ann.token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(task);
    expect(response.headers.get("etag")).toBe(etag);
  });

  it("PUT replaces the editable fields: omitted ones go back to their defaults", async () => {
    const { task } = await createTask(ann, {
      title: "Full",
      description: "d",
      priority: "high",
      category: "c",
      dueDate: "2027-01-02",
    });
    const response = await apiFetch(
      `/api/tasks/${task.id}`,
      withToken(ann.token, { method: "PUT", json: { title: "Bare" } }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      title: "Bare",
      description: "",
      priority: "medium",
      category: null,
      dueDate: null,
      completed: false,
    });
    const missingTitle = await apiFetch(
      `/api/tasks/${task.id}`,
      withToken(ann.token, { method: "PUT", json: { description: "x" } }),
    );
    expect((await expectProblem(missingTitle, 400)).errors).toEqual([{ path: "title", message: "Title is required" }]);
  });

  it("PATCH changes only the fields given", async () => {
    const { task } = await createTask(ann, { title: "Keep", description: "kept", priority: "low" });
    const response = await apiFetch(
      `/api/tasks/${task.id}`,
      withToken(ann.token, { method: "PATCH", json: { priority: "high" } }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ title: "Keep", description: "kept", priority: "high" });
    const unknown = await apiFetch(
      `/api/tasks/${task.id}`,
      withToken(ann.token, { method: "PATCH", json: { userId: ann.id } }),
    );
    expect((await expectProblem(unknown, 400)).errors).toEqual([{ path: "userId", message: "Unknown field" }]);
  });

  it("DELETE answers 204, then the task is gone", async () => {
    const { task } = await createTask(ann);
    const response = await apiFetch(`/api/tasks/${task.id}`, withToken(ann.token, { method: "DELETE" }));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    await expectProblem(await apiFetch(`/api/tasks/${task.id}`, withToken(ann.token)), 404);
  });

  it("PATCH /complete toggles completed and returns the task", async () => {
    const { task } = await createTask(ann);
    const done = await apiFetch(`/api/tasks/${task.id}/complete`, withToken(ann.token, { method: "PATCH" }));
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ id: task.id, completed: true });
    const undone = await apiFetch(`/api/tasks/${task.id}/complete`, withToken(ann.token, { method: "PATCH" }));
    expect(await undone.json()).toMatchObject({ completed: false });
  });

  it("answers the same 404 for a malformed id, a missing task and on every verb", async () => {
    const bodies = [];
    for (const id of ["not-a-uuid", crypto.randomUUID()]) {
      for (const [path, method, json] of [
        [`/api/tasks/${id}`, "GET", undefined],
        [`/api/tasks/${id}`, "PUT", { title: "x" }],
        [`/api/tasks/${id}`, "PATCH", { title: "x" }],
        [`/api/tasks/${id}`, "DELETE", undefined],
        [`/api/tasks/${id}/complete`, "PATCH", undefined],
      ] as const) {
        bodies.push(await expectProblem(await apiFetch(path, withToken(ann.token, { method, json })), 404));
      }
    }
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
  });

  describe("If-Match", () => {
    it("accepts the current ETag and answers 412 to a stale one, on every write", async () => {
      const { task, etag } = await createTask(ann);
      const patched = await apiFetch(
        `/api/tasks/${task.id}`,
        withToken(ann.token, { method: "PATCH", json: { title: "v2" }, headers: { "if-match": etag } }),
      );
      expect(patched.status).toBe(200);
      const current = patched.headers.get("etag")!;
      expect(current).not.toBe(etag);

      for (const [path, method, json] of [
        [`/api/tasks/${task.id}`, "PUT", { title: "lost update" }],
        [`/api/tasks/${task.id}`, "PATCH", { title: "lost update" }],
        [`/api/tasks/${task.id}`, "DELETE", undefined],
        [`/api/tasks/${task.id}/complete`, "PATCH", undefined],
      ] as const) {
        const stale = await apiFetch(path, withToken(ann.token, { method, json, headers: { "if-match": etag } }));
        await expectProblem(stale, 412);
        expect(stale.headers.get("etag")).toBe(current);
      }
      const unchanged = await apiFetch(`/api/tasks/${task.id}`, withToken(ann.token));
      expect(await unchanged.json()).toMatchObject({ title: "v2", completed: false });

      const deleted = await apiFetch(
        `/api/tasks/${task.id}`,
        withToken(ann.token, { method: "DELETE", headers: { "if-match": current } }),
      );
      expect(deleted.status).toBe(204);
    });

    it("treats a weak ETag as a mismatch (If-Match compares strongly)", async () => {
      const { task, etag } = await createTask(ann);
      const response = await apiFetch(
        `/api/tasks/${task.id}/complete`,
        withToken(ann.token, { method: "PATCH", headers: { "if-match": `W/${etag}` } }),
      );
      await expectProblem(response, 412);
    });
  });
});

describe("methods", () => {
  it.each([
    ["/api/me", "DELETE", "GET, HEAD, PATCH, OPTIONS"],
    ["/api/tasks", "PUT", "GET, HEAD, POST, OPTIONS"],
    ["/api/tasks/00000000-0000-4000-8000-000000000000", "POST", "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"],
    ["/api/tasks/00000000-0000-4000-8000-000000000000/complete", "GET", "PATCH, OPTIONS"],
    ["/api/openapi.json", "POST", "GET, HEAD, OPTIONS"],
    ["/.well-known/jwks.json", "DELETE", "GET, HEAD, OPTIONS"],
  ])("%s answers %s with 405 and Allow", async (path, method, allow) => {
    const response = await apiFetch(path, withToken(ann.token, { method }));
    await expectProblem(response, 405);
    expect(response.headers.get("allow")).toBe(allow);
  });

  it("answers HEAD like GET", async () => {
    const response = await apiFetch("/api/tasks", withToken(ann.token, { method: "HEAD" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
  });
});

describe("CORS", () => {
  const allowed = "https://client.example.test";

  it("answers a preflight from an allowed origin with 204 and the grant", async () => {
    const response = await apiFetch("/api/tasks/00000000-0000-4000-8000-000000000000", {
      method: "OPTIONS",
      headers: {
        origin: allowed,
        "access-control-request-method": "PATCH",
        "access-control-request-headers": "authorization, if-match",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
    expect(response.headers.get("access-control-allow-headers")).toBe("Authorization, Content-Type, If-Match");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("grants nothing to another origin", async () => {
    const response = await apiFetch("/api/tasks", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.test", "access-control-request-method": "POST" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-methods")).toBeNull();
  });

  it("exposes the API's headers on actual responses, errors included", async () => {
    const ok = await apiFetch("/api/me", withToken(ann.token, { headers: { origin: allowed } }));
    expect(ok.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(ok.headers.get("access-control-expose-headers")).toMatch(/ETag.*Location.*RateLimit-Remaining.*Retry-After/);
    expect(ok.headers.get("vary")).toBe("Origin");
    const unauthorized = await apiFetch("/api/me", { headers: { origin: allowed } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("access-control-allow-origin")).toBe(allowed);
  });
});

describe("rate limit headers", () => {
  it("tell the client its budget", async () => {
    const first = await apiFetch("/api/me", withToken(ann.token));
    const second = await apiFetch("/api/me", withToken(ann.token));
    expect(first.headers.get("ratelimit-limit")).toBe("600");
    expect(Number(second.headers.get("ratelimit-remaining"))).toBe(
      Number(first.headers.get("ratelimit-remaining")) - 1,
    );
    expect(Number(second.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
  });
});

describe("public documents", () => {
  it("serves the OpenAPI document without a token", async () => {
    const response = await apiFetch("/api/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; components: { securitySchemes: object } };
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes).toEqual({
      bearerJwt: expect.objectContaining({ type: "http", scheme: "bearer", bearerFormat: "JWT" }),
      apiKey: expect.objectContaining({ type: "http", scheme: "bearer", bearerFormat: "API key (tl_…)" }),
      sessionCookie: expect.objectContaining({ type: "apiKey", in: "cookie" }),
      // A connected app's token (decision 131): its flow's URLs are checked by the contract test.
      oauth2: expect.objectContaining({ type: "oauth2" }),
    });
  });

  it("publishes the same keys at /.well-known/jwks.json as at /api/auth/jwks, cacheable briefly", async () => {
    const wellKnown = await apiFetch("/.well-known/jwks.json");
    expect(wellKnown.headers.get("cache-control")).toBe("public, max-age=300");
    const { auth } = await import("~/auth/auth.server");
    const betterAuth = await auth.handler(new Request("http://localhost:3000/api/auth/jwks"));
    const keys = (await wellKnown.json()) as { keys: { kty: string; alg: string; d?: string; p?: string }[] };
    expect(keys).toEqual(await betterAuth.json());
    expect(keys.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", e: "AQAB" });
    expect(keys.keys.every((key) => key.d === undefined && key.p === undefined)).toBe(true);
  });
});
