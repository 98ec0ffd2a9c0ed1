// Every query is parameterised (Drizzle); sql.raw in app/ writes only the sort direction, which
// the schema limits to "asc" or "desc", and the priority ranks, constants of the code.
// Injection strings in search, filters, sort, paging and ids are plain data: runs on PGlite
// and on PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { listTasksForUser } from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { task, user } from "../../db/schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE task; --",
  '" OR ""="',
  "1) OR (1=1",
  "%' OR 1=1 --",
  "_%",
  "\\",
  "'; SELECT pg_sleep(5); --",
  "$1",
  '\' UNION SELECT id, email, name, null, null, null, null, null, null, null FROM "user" --',
];

let ann: ApiUser;
let bob: ApiUser;

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
  bob = await signUpApiUser("Bob");
  await apiFetch("/api/tasks", withToken(bob.token, { method: "POST", json: { title: "Bob's private task" } }));
  for (const title of ["Plain task", ...INJECTIONS]) {
    const response = await apiFetch(
      "/api/tasks",
      withToken(ann.token, { method: "POST", json: { title, category: title.slice(0, 50) } }),
    );
    expect(response.status).toBe(201);
  }
});

async function annList(query: string) {
  const response = await apiFetch(`/api/tasks?${query}`, withToken(ann.token));
  return { status: response.status, body: (await response.json()) as { tasks?: { title: string }[] } };
}

describe("injection strings are data", () => {
  it("are stored and read back verbatim", async () => {
    const { body } = await annList("limit=100");
    expect(body.tasks!.map((row) => row.title).sort()).toEqual(["Plain task", ...INJECTIONS].sort());
  });

  it.each(INJECTIONS)("search q=%s matches only the literal text, in the owner's tasks", async (text) => {
    const { status, body } = await annList(new URLSearchParams({ q: text }).toString());
    expect(status).toBe(200);
    expect(body.tasks!.length).toBeGreaterThanOrEqual(1);
    for (const row of body.tasks!) expect(row.title.toLowerCase()).toContain(text.toLowerCase());
    expect(body.tasks!.map((row) => row.title)).not.toContain("Bob's private task");
  });

  it.each(INJECTIONS)("category=%s filters by the exact value", async (text) => {
    const { status, body } = await annList(new URLSearchParams({ category: text.slice(0, 50) }).toString());
    expect(status).toBe(200);
    expect(body.tasks!.map((row) => row.title)).toEqual([text]);
  });

  it.each(INJECTIONS)("sort, order, status, priority, limit and cursor = %s are refused with 400", async (text) => {
    for (const name of ["sort", "order", "status", "priority", "limit", "cursor"]) {
      const { status } = await annList(new URLSearchParams({ [name]: text }).toString());
      expect(status, name).toBe(400);
    }
  });

  it.each(INJECTIONS)("a task id of %s is a 404, on every verb", async (text) => {
    const id = encodeURIComponent(text);
    for (const [path, method] of [
      [`/api/tasks/${id}`, "GET"],
      [`/api/tasks/${id}`, "PATCH"],
      [`/api/tasks/${id}`, "DELETE"],
      [`/api/tasks/${id}/complete`, "PATCH"],
    ] as const) {
      const response = await apiFetch(
        path,
        withToken(ann.token, {
          method,
          json: method === "PATCH" && !path.endsWith("complete") ? { title: "x" } : undefined,
        }),
      );
      expect(response.status, `${method} ${path}`).toBe(404);
    }
  });

  it("a user id of an injection string in the path is refused (403), not queried", async () => {
    for (const text of INJECTIONS) {
      const response = await apiFetch(`/api/${encodeURIComponent(text)}/tasks`, withToken(ann.token));
      expect(response.status).toBe(403);
    }
  });

  it("a forged cursor carrying SQL is refused with 400", async () => {
    const cursor = Buffer.from(JSON.stringify({ v: "x' OR 1=1 --", id: "' OR 1=1 --" })).toString("base64url");
    expect((await annList(`cursor=${cursor}&sort=title`)).status).toBe(400);
  });

  it("both sort directions reach the one sql.raw only as asc or desc", async () => {
    expect(TaskListQuerySchema.safeParse({ order: "asc; drop table task" }).success).toBe(false);
    for (const order of ["asc", "desc"] as const) {
      const page = await listTasksForUser(ann.id, TaskListQuerySchema.parse({ sort: "due_date", order }), {
        limit: 100,
      });
      expect(page.tasks).toHaveLength(INJECTIONS.length + 1);
    }
  });

  it("leaves every table in place and other users' data untouched", async () => {
    expect((await db.select().from(user)).length).toBeGreaterThanOrEqual(2);
    const rows = await db.select().from(task);
    expect(rows.filter((row) => row.userId === bob.id).map((row) => row.title)).toEqual(["Bob's private task"]);
  });
});
