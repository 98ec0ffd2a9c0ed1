// A task's steps are reachable only through their task: another person's task is the page's
// 404 on every step form and the API's 404 on every write of `steps`, the same answer as a
// missing task, and the checklist stays exactly as it was. A step id of someone else's task
// names nothing on one's own task either.
import { beforeAll, describe, expect, it } from "vitest";
import * as taskRoute from "~/routes/tasks.$taskId";
import { createTaskForUser, getTaskForUser, type Task } from "~/tasks/tasks.server";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";
import { signUpOverHttp } from "../support/auth";
import { loaderOrActionArgs, outcome } from "../support/routes";

const MISSING = "00000000-0000-4000-8000-000000000000";

let ann: ApiUser;
let bob: { userId: string; cookie: string };
let annsTask: Task;

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
  bob = await signUpOverHttp({ name: "Bob" });
  const created = await apiFetch(
    "/api/tasks",
    withToken(ann.token, {
      method: "POST",
      json: { title: "Ann's plan", steps: [{ text: "Secret step" }, { text: "Two" }] },
    }),
  );
  annsTask = (await getTaskForUser(ann.id, ((await created.json()) as { id: string }).id))!;
});

const postAsBob = (taskId: string, fields: Record<string, string>) =>
  outcome(() =>
    taskRoute.action(
      loaderOrActionArgs("POST", `/tasks/${taskId}`, {
        cookie: bob.cookie,
        params: { taskId },
        fields,
      }) as unknown as Parameters<typeof taskRoute.action>[0],
    ),
  );

describe("step isolation", () => {
  it("answers Bob's step forms on Ann's task with the page's 404, as for a missing task, and changes nothing", async () => {
    const stepId = annsTask.steps[0]!.id;
    const forms: Record<string, string>[] = [
      { intent: "step-add", text: "Bob was here" },
      { intent: "step-toggle", stepId, done: "true" },
      { intent: "step-rename", stepId, text: "Bob was here" },
      { intent: "step-up", stepId: annsTask.steps[1]!.id },
      { intent: "step-down", stepId },
      { intent: "step-delete", stepId },
    ];
    for (const fields of forms) {
      for (const taskId of [annsTask.id, MISSING]) {
        expect(await postAsBob(taskId, fields), `${fields.intent} ${taskId}`).toEqual({
          status: 404,
          data: "Task not found",
        });
      }
    }
    expect(await getTaskForUser(ann.id, annsTask.id)).toEqual(annsTask);
  });

  it("answers Bob's API writes of steps on Ann's task with the 404 of a missing task", async () => {
    const bobApi = await signUpApiUser("Bob");
    const missing = await (
      await apiFetch(`/api/tasks/${MISSING}`, withToken(bobApi.token, { method: "PATCH", json: { steps: [] } }))
    ).json();
    for (const [method, json] of [
      ["PATCH", { steps: [{ text: "Bob was here" }] }],
      ["PATCH", { steps: [] }],
      ["PUT", { title: "Pwned", steps: [{ id: annsTask.steps[0]!.id, text: "Bob was here", done: true }] }],
    ] as const) {
      const response = await apiFetch(`/api/tasks/${annsTask.id}`, withToken(bobApi.token, { method, json }));
      expect(response.status, method).toBe(404);
      expect(await response.json()).toEqual(missing);
    }
    const read = await apiFetch(`/api/tasks/${annsTask.id}`, withToken(bobApi.token));
    expect(read.status).toBe(404);
    expect(await getTaskForUser(ann.id, annsTask.id)).toEqual(annsTask);
  });

  it("treats Ann's step id as no step of Bob's own task", async () => {
    const bobsTask = await createTaskForUser(bob.userId, {
      title: "Bob's own",
      description: "",
      priority: "medium",
      category: null,
      dueDate: null,
      completed: false,
      labels: [],
      steps: [{ id: crypto.randomUUID(), text: "Mine", done: false }],
    });
    const result = await postAsBob(bobsTask.id, { intent: "step-delete", stepId: annsTask.steps[0]!.id });
    expect(result).toMatchObject({ status: 404, data: { intent: "step", message: expect.any(String) } });
    expect((await getTaskForUser(bob.userId, bobsTask.id))!.steps).toEqual(bobsTask.steps);
    expect(await getTaskForUser(ann.id, annsTask.id)).toEqual(annsTask);
  });
});
