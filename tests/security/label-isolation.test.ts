// A person's labels are theirs alone: by id (404 on every verb, as for a missing label) and by
// name (another person's label name is unknown on a task, and filters nothing of theirs).
import { beforeAll, describe, expect, it } from "vitest";
import { summarizeTasksForUser } from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";

let ann: ApiUser;
let bob: ApiUser;
let annLabelId: string;

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
  bob = await signUpApiUser("Bob");
  const label = await apiFetch(
    "/api/labels",
    withToken(ann.token, { method: "POST", json: { name: "Secret", color: "red" } }),
  );
  annLabelId = ((await label.json()) as { id: string }).id;
  await apiFetch(
    "/api/tasks",
    withToken(ann.token, { method: "POST", json: { title: "Ann's secret task", labels: ["Secret"] } }),
  );
});

describe("label isolation", () => {
  it("answers 404 to Bob for Ann's label id on every verb and path, as for a missing label, and leaves it unchanged", async () => {
    const missing = await (
      await apiFetch(`/api/labels/${crypto.randomUUID()}`, withToken(bob.token, { method: "DELETE" }))
    ).json();
    for (const prefix of ["/api", `/api/${bob.id}`]) {
      for (const [method, json] of [
        ["PATCH", { name: "Bob was here" }],
        ["PATCH", { color: "green" }],
        ["DELETE", undefined],
      ] as const) {
        const response = await apiFetch(`${prefix}/labels/${annLabelId}`, withToken(bob.token, { method, json }));
        expect(response.status, `${method} ${prefix}`).toBe(404);
        expect(await response.json()).toEqual(missing);
      }
    }
    const annLabels = await (await apiFetch("/api/labels", withToken(ann.token))).json();
    expect(annLabels).toEqual({ labels: [{ id: annLabelId, name: "Secret", color: "red" }] });
  });

  it("does not list Ann's labels to Bob, nor let him reach them under Ann's user id", async () => {
    expect(await (await apiFetch("/api/labels", withToken(bob.token))).json()).toEqual({ labels: [] });
    expect((await apiFetch(`/api/${ann.id}/labels`, withToken(bob.token))).status).toBe(403);
    expect(
      (await apiFetch(`/api/${ann.id}/labels/${annLabelId}`, withToken(bob.token, { method: "DELETE" }))).status,
    ).toBe(403);
    const summary = await summarizeTasksForUser(bob.id, TaskListQuerySchema.parse({}));
    expect(summary.labels).toEqual([]);
  });

  it("treats Ann's label name as unknown on Bob's tasks, and lets Bob have his own of the same name", async () => {
    const refused = await apiFetch(
      "/api/tasks",
      withToken(bob.token, { method: "POST", json: { title: "Bob's", labels: ["Secret"] } }),
    );
    expect(refused.status).toBe(400);
    expect(
      await apiFetch("/api/labels", withToken(bob.token, { method: "POST", json: { name: "secret" } })),
    ).toHaveProperty("status", 201);
    const own = await apiFetch(
      "/api/tasks",
      withToken(bob.token, { method: "POST", json: { title: "Bob's", labels: ["Secret"] } }),
    );
    expect(((await own.json()) as { labels: string[] }).labels).toEqual(["secret"]);
  });

  it("filters Bob's list by a label name with none of Ann's tasks, and counts only his", async () => {
    const list = (await (await apiFetch("/api/tasks?label=Secret", withToken(bob.token))).json()) as {
      tasks: { title: string }[];
    };
    expect(list.tasks.map((task) => task.title)).toEqual(["Bob's"]);
    const summary = await summarizeTasksForUser(bob.id, TaskListQuerySchema.parse({ label: ["SECRET"] }));
    expect(summary.matching).toBe(1);
  });
});
