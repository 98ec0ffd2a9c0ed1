// POST /api/tasks/bulk: every action, all or nothing, the limits and the errors, through the
// real route modules, Better Auth and database.
import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { BULK_ACTION_NAMES, BULK_MAX } from "~/tasks/bulk/bulk-actions";
import { task } from "../../db/schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";
import { ensureInbox } from "~/projects/projects.server";

let ann: ApiUser;

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
  for (const name of ["Work", "Home"]) {
    expect((await apiFetch("/api/labels", withToken(ann.token, { method: "POST", json: { name } }))).status).toBe(201);
  }
});

interface TaskJson {
  id: string;
  title: string;
  completed: boolean;
  priority: string;
  category: string | null;
  labels: string[];
  updatedAt: string;
  etag?: string;
}

async function createTasks(user: ApiUser, count: number, json: Record<string, unknown> = {}) {
  const created: { task: TaskJson; etag: string }[] = [];
  for (let index = 0; index < count; index++) {
    const response = await apiFetch(
      "/api/tasks",
      withToken(user.token, { method: "POST", json: { title: `Task ${index + 1}`, ...json } }),
    );
    expect(response.status).toBe(201);
    created.push({ task: (await response.json()) as TaskJson, etag: response.headers.get("etag")! });
  }
  return created;
}

const bulk = (user: ApiUser, json: unknown, prefix = "/api") =>
  apiFetch(`${prefix}/tasks/bulk`, withToken(user.token, { method: "POST", json }));

async function okBody(response: Response) {
  expect(response.status).toBe(200);
  return (await response.json()) as { action: string; tasks: TaskJson[]; deleted: string[] };
}

async function problemBody(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as { status: number; detail: string; errors?: { path: string; message: string }[] };
}

describe("POST /api/tasks/bulk", () => {
  it("completes and reopens the tasks named, answering each with its new ETag", async () => {
    const created = await createTasks(ann, 3);
    const ids = created.map(({ task }) => task.id);
    const body = await okBody(await bulk(ann, { ids, action: "complete" }));
    expect(body.action).toBe("complete");
    expect(body.deleted).toEqual([]);
    expect(body.tasks.map((task) => [task.id, task.completed])).toEqual(ids.map((id) => [id, true]));
    for (const [index, entry] of body.tasks.entries()) {
      expect(entry.etag).not.toBe(created[index]!.etag);
      // The ETag in the answer is the one GET gives, and If-Match accepts it.
      const single = await apiFetch(`/api/tasks/${entry.id}`, withToken(ann.token));
      expect(single.headers.get("etag")).toBe(entry.etag);
    }
    const reopened = await okBody(await bulk(ann, { ids: [ids[0]], action: "reopen" }));
    expect(reopened.tasks).toMatchObject([{ id: ids[0], completed: false }]);
    const patched = await apiFetch(
      `/api/tasks/${ids[0]}`,
      withToken(ann.token, {
        method: "PATCH",
        json: { title: "Still mine" },
        headers: { "if-match": reopened.tasks[0]!.etag! },
      }),
    );
    expect(patched.status).toBe(200);
  });

  it("leaves the ETag of a task that already had the value", async () => {
    const [done, open] = await createTasks(ann, 2);
    const first = await okBody(await bulk(ann, { ids: [done!.task.id], action: "complete" }));
    const again = await okBody(await bulk(ann, { ids: [done!.task.id, open!.task.id], action: "complete" }));
    expect(again.tasks[0]!.etag).toBe(first.tasks[0]!.etag);
    expect(again.tasks[1]!.etag).not.toBe(open!.etag);
  });

  it("sets the priority and the category, and clears the category with null", async () => {
    const ids = (await createTasks(ann, 2)).map(({ task }) => task.id);
    expect(
      (await okBody(await bulk(ann, { ids, action: "set_priority", priority: "high" }))).tasks.map(
        (task) => task.priority,
      ),
    ).toEqual(["high", "high"]);
    expect(
      (await okBody(await bulk(ann, { ids, action: "set_category", category: " Errands " }))).tasks.map(
        (task) => task.category,
      ),
    ).toEqual(["Errands", "Errands"]);
    expect(
      (await okBody(await bulk(ann, { ids, action: "set_category", category: null }))).tasks.map(
        (task) => task.category,
      ),
    ).toEqual([null, null]);
  });

  it("adds and removes a label by name, ignoring case, without touching the others", async () => {
    const [tagged, plain] = await createTasks(ann, 2);
    await apiFetch(
      `/api/tasks/${tagged!.task.id}`,
      withToken(ann.token, { method: "PATCH", json: { labels: ["Home", "Work"] } }),
    );
    const ids = [tagged!.task.id, plain!.task.id];
    const added = await okBody(await bulk(ann, { ids, action: "add_label", label: "work" }));
    expect(added.tasks.map((task) => task.labels)).toEqual([["Home", "Work"], ["Work"]]);
    const removed = await okBody(await bulk(ann, { ids, action: "remove_label", label: "WORK" }));
    expect(removed.tasks.map((task) => task.labels)).toEqual([["Home"], []]);
  });

  it("deletes, saying which ids it deleted", async () => {
    const ids = (await createTasks(ann, 2)).map(({ task }) => task.id);
    const body = await okBody(await bulk(ann, { ids, action: "delete" }));
    expect(body).toEqual({ action: "delete", tasks: [], deleted: expect.arrayContaining(ids) });
    expect(await db.select().from(task).where(inArray(task.id, ids))).toEqual([]);
  });

  it("works under /api/{userId}, and refuses another user's id in the path with 403", async () => {
    const [one] = await createTasks(ann, 1);
    expect(
      (await okBody(await bulk(ann, { ids: [one!.task.id], action: "complete" }, `/api/${ann.id}`))).tasks,
    ).toHaveLength(1);
    await problemBody(await bulk(ann, { ids: [one!.task.id], action: "reopen" }, `/api/${crypto.randomUUID()}`), 403);
  });

  it("answers 404 and changes nothing when one id is missing or malformed", async () => {
    const created = await createTasks(ann, 2);
    const ids = created.map(({ task }) => task.id);
    const missing = crypto.randomUUID();
    for (const stranger of [missing, "not-a-uuid"]) {
      const body = await problemBody(await bulk(ann, { ids: [...ids, stranger], action: "delete" }), 404);
      expect(body.errors).toEqual([{ path: "ids", message: `No such task: ${stranger}` }]);
    }
    const rows = await db.select({ id: task.id, updatedAt: task.updatedAt }).from(task).where(inArray(task.id, ids));
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.updatedAt.toISOString()).sort()).toEqual(
      created.map(({ task }) => task.updatedAt).sort(),
    );
  });

  it("refuses bad requests with a 400 that says what is wrong", async () => {
    const [one] = await createTasks(ann, 1);
    const id = one!.task.id;
    const cases: [unknown, string, RegExp][] = [
      [{ ids: [id], action: "archive" }, "action", new RegExp(BULK_ACTION_NAMES.slice(0, 2).join(", "))],
      [{ ids: [], action: "complete" }, "ids", /at least one/],
      [
        { ids: Array.from({ length: BULK_MAX + 1 }, () => id), action: "complete" },
        "ids",
        new RegExp(`at most ${BULK_MAX}`),
      ],
      [{ ids: [id], action: "set_priority", priority: "urgent" }, "priority", /low, medium or high/],
      [{ ids: [id], action: "set_priority" }, "priority", /set_priority needs priority/],
      [{ ids: [id], action: "complete", priority: "high" }, "priority", /only for set_priority/],
      [{ ids: [id], action: "add_label", label: "" }, "label", /required/],
      [{ ids: [id], action: "complete", extra: true }, "extra", /Unknown field/],
      [{ ids: "all", action: "complete" }, "ids", /list/],
    ];
    for (const [json, path, message] of cases) {
      const body = await problemBody(await bulk(ann, json), 400);
      expect(body.errors, JSON.stringify(json).slice(0, 80)).toContainEqual({
        path,
        message: expect.stringMatching(message),
      });
    }
    const unknownLabel = await problemBody(await bulk(ann, { ids: [id], action: "add_label", label: "Nope" }), 400);
    expect(unknownLabel.errors).toEqual([{ path: "label", message: "No label named “Nope”" }]);
    const [row] = await db
      .select({ updatedAt: task.updatedAt })
      .from(task)
      .where(inArray(task.id, [id]));
    expect(row!.updatedAt.toISOString()).toBe(one!.task.updatedAt);
  });

  it("takes the full 500 in one request", async () => {
    const projectId = await ensureInbox(ann.id);
    const ids = (
      await db
        .insert(task)
        .values(Array.from({ length: BULK_MAX }, (_, index) => ({ userId: ann.id, projectId, title: `Many ${index}` })))
        .returning({ id: task.id })
    ).map((row) => row.id);
    const body = await okBody(await bulk(ann, { ids, action: "set_priority", priority: "low" }));
    expect(body.tasks).toHaveLength(BULK_MAX);
    expect(new Set(body.tasks.map((entry) => entry.priority))).toEqual(new Set(["low"]));
  });

  it("answers 405 to GET and is described in the OpenAPI document, with the actions of the one list", async () => {
    const get = await apiFetch("/api/tasks/bulk", withToken(ann.token));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
    const document = (await (await apiFetch("/api/openapi.json")).json()) as {
      paths: Record<string, { post?: unknown }>;
      components: { schemas: { BulkRequest: { properties: { action: { enum: string[] } } } } };
    };
    expect(document.paths["/api/tasks/bulk"]?.post).toBeDefined();
    expect(document.paths["/api/{userId}/tasks/bulk"]?.post).toBeDefined();
    expect(document.components.schemas.BulkRequest.properties.action.enum).toEqual([...BULK_ACTION_NAMES]);
  });
});
