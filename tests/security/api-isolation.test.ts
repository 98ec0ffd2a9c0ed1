// User B, holding a valid token, can neither see nor change user A's tasks, whatever the path.
import { beforeAll, describe, expect, it } from "vitest";
import { getTaskForUser } from "~/tasks/tasks.server";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";

let ann: ApiUser;
let bob: ApiUser;
let annTaskId: string;

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
  bob = await signUpApiUser("Bob");
  const created = await apiFetch(
    "/api/tasks",
    withToken(ann.token, { method: "POST", json: { title: "Ann's secret" } }),
  );
  annTaskId = ((await created.json()) as { id: string }).id;
});

const verbs = (prefix: string, id: string) =>
  [
    [`${prefix}/tasks/${id}`, "GET", undefined],
    [`${prefix}/tasks/${id}`, "PUT", { title: "Bob was here" }],
    [`${prefix}/tasks/${id}`, "PATCH", { title: "Bob was here" }],
    [`${prefix}/tasks/${id}`, "DELETE", undefined],
    [`${prefix}/tasks/${id}/complete`, "PATCH", undefined],
  ] as const;

describe("isolation between users", () => {
  it("answers 404 to B on every verb for A's task, as for a missing one", async () => {
    const missing = await (await apiFetch(`/api/tasks/${crypto.randomUUID()}`, withToken(bob.token))).json();
    for (const prefix of ["/api", `/api/${bob.id}`]) {
      for (const [path, method, json] of verbs(prefix, annTaskId)) {
        const response = await apiFetch(path, withToken(bob.token, { method, json }));
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(await response.json()).toEqual(missing);
      }
    }
  });

  it("answers 403 to B on every route under A's user id", async () => {
    const paths = [
      [`/api/${ann.id}/tasks`, "GET", undefined],
      [`/api/${ann.id}/tasks`, "POST", { title: "Planted by Bob" }],
      ...verbs(`/api/${ann.id}`, annTaskId),
    ] as const;
    for (const [path, method, json] of paths) {
      const response = await apiFetch(path, withToken(bob.token, { method, json }));
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("leaves A's data unchanged, and keeps it out of B's list", async () => {
    const task = await getTaskForUser(ann.id, annTaskId);
    expect(task).toMatchObject({ title: "Ann's secret", completed: false });
    const annList = (await (await apiFetch(`/api/${ann.id}/tasks`, withToken(ann.token))).json()) as {
      tasks: unknown[];
    };
    expect(annList.tasks).toHaveLength(1);
    const bobList = (await (await apiFetch("/api/tasks", withToken(bob.token))).json()) as { tasks: unknown[] };
    expect(bobList.tasks).toEqual([]);
  });

  it("serves A under /api/{A's id} exactly as under /api", async () => {
    const viaUserPath = await apiFetch(`/api/${ann.id}/tasks/${annTaskId}`, withToken(ann.token));
    const viaApi = await apiFetch(`/api/tasks/${annTaskId}`, withToken(ann.token));
    expect(viaUserPath.status).toBe(200);
    expect(await viaUserPath.json()).toEqual(await viaApi.json());
    expect(viaUserPath.headers.get("etag")).toBe(viaApi.headers.get("etag"));
  });
});
