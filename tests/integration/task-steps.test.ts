// A task's checklist (issue 28): the task page's step forms as React Router calls them, and
// `steps` in the JSON API, on a real database with real users. A step change is a task change:
// its updated_at and ETag move with it.
import { beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "~/routes/tasks";
import * as taskRoute from "~/routes/tasks.$taskId";
import { createTaskForUser, getTaskForUser, type Task } from "~/tasks/tasks.server";
import { STEPS_MAX } from "~/tasks/steps/step-schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";
import { signUpOverHttp } from "../support/auth";
import { loaderOrActionArgs, outcome } from "../support/routes";

interface Visitor {
  userId: string;
  cookie: string;
}

let ada: Visitor;

beforeAll(async () => {
  ada = await signUpOverHttp({ name: "Ada" });
});

const BACK = "/tasks?status=pending";

const post = (taskId: string, fields: Record<string, string>) =>
  outcome(() =>
    taskRoute.action(
      loaderOrActionArgs("POST", `/tasks/${taskId}`, {
        cookie: ada.cookie,
        params: { taskId },
        fields: { back: BACK, ...fields },
      }) as unknown as Parameters<typeof taskRoute.action>[0],
    ),
  );

const page = async (taskId: string) =>
  (
    await outcome(() =>
      taskRoute.loader(
        loaderOrActionArgs("GET", `/tasks/${taskId}`, {
          cookie: ada.cookie,
          params: { taskId },
        }) as unknown as Parameters<typeof taskRoute.loader>[0],
      ),
    )
  ).data as Awaited<ReturnType<typeof taskRoute.loader>>;

const newTask = (title = "Pack for the trip") =>
  createTaskForUser(ada.userId, {
    title,
    description: "",
    priority: "medium",
    category: null,
    dueDate: null,
    completed: false,
    labels: [],
  });

const stored = async (taskId: string) => (await getTaskForUser(ada.userId, taskId))!;
const texts = (task: Task) => task.steps.map((step) => `${step.done ? "[x]" : "[ ]"} ${step.text}`);

describe("the task page's step forms", () => {
  it("add, tick, rename, move and delete steps, each moving the task's updated_at, then back to the page", async () => {
    const task = await newTask();
    const back = `/tasks/${task.id}?${new URLSearchParams({ back: BACK })}`;
    let before = task.updatedAt;
    const expectMoved = async () => {
      const now = await stored(task.id);
      expect(now.updatedAt.getTime()).toBeGreaterThan(before.getTime());
      before = now.updatedAt;
      return now;
    };

    for (const text of ["  Passport  ", "Tickets", "Charger"]) {
      expect(await post(task.id, { intent: "step-add", text })).toMatchObject({ status: 302, location: back });
      await expectMoved();
    }
    let now = await stored(task.id);
    expect(texts(now)).toEqual(["[ ] Passport", "[ ] Tickets", "[ ] Charger"]);
    const [passport, tickets, charger] = now.steps.map((step) => step.id) as [string, string, string];

    expect(await post(task.id, { intent: "step-toggle", stepId: tickets, done: "true" })).toMatchObject({
      status: 302,
    });
    await expectMoved();
    // The state wanted, not "flip": the same post again changes nothing, not even the version.
    await post(task.id, { intent: "step-toggle", stepId: tickets, done: "true" });
    expect((await stored(task.id)).updatedAt).toEqual(before);

    await post(task.id, { intent: "step-rename", stepId: charger, text: "Phone charger" });
    await expectMoved();
    await post(task.id, { intent: "step-down", stepId: passport });
    await expectMoved();
    expect(texts(await stored(task.id))).toEqual(["[x] Tickets", "[ ] Passport", "[ ] Phone charger"]);
    // At an end a move changes nothing.
    await post(task.id, { intent: "step-up", stepId: tickets });
    expect((await stored(task.id)).updatedAt).toEqual(before);
    await post(task.id, { intent: "step-up", stepId: charger });
    await expectMoved();
    await post(task.id, { intent: "step-delete", stepId: passport });
    now = await expectMoved();
    expect(texts(now)).toEqual(["[x] Tickets", "[ ] Phone charger"]);

    // The page has them in order; the list row shows "1/2".
    expect((await page(task.id)).steps).toEqual(now.steps);
    const list = (
      await outcome(() =>
        listRoute.loader(
          loaderOrActionArgs("GET", "/tasks", { cookie: ada.cookie }) as unknown as Parameters<
            typeof listRoute.loader
          >[0],
        ),
      )
    ).data as Awaited<ReturnType<typeof listRoute.loader>>;
    expect(list.tasks.find((row) => row.id === task.id)?.steps).toEqual({ done: 1, total: 2 });
  });

  it("lands two changes made at once, each on the list the other left", async () => {
    const task = await newTask();
    for (const text of ["One", "Two", "Three"]) await post(task.id, { intent: "step-add", text });
    const [one, two, three] = (await stored(task.id)).steps.map((step) => step.id) as [string, string, string];
    await Promise.all([
      post(task.id, { intent: "step-toggle", stepId: one, done: "true" }),
      post(task.id, { intent: "step-toggle", stepId: three, done: "true" }),
      post(task.id, { intent: "step-rename", stepId: two, text: "Two, renamed" }),
      post(task.id, { intent: "step-add", text: "Four" }),
    ]);
    expect(texts(await stored(task.id))).toEqual(["[x] One", "[ ] Two, renamed", "[x] Three", "[ ] Four"]);
  });

  it("refuses bad text next to its field (400) and leaves the checklist as it was", async () => {
    const task = await newTask();
    await post(task.id, { intent: "step-add", text: "Passport" });
    const stepId = (await stored(task.id)).steps[0]!.id;
    const version = (await stored(task.id)).updatedAt;
    const cases: [Record<string, string>, string, string][] = [
      [{ intent: "step-add", text: "   " }, "step-add", "A step needs some text"],
      [{ intent: "step-add", text: "x".repeat(201) }, "step-add", "A step must be at most 200 characters"],
      [{ intent: "step-add", text: "bell\u0007" }, "step-add", "A step cannot contain control characters"],
      [{ intent: "step-rename", stepId, text: "" }, `step-${stepId}`, "A step needs some text"],
    ];
    for (const [fields, form, message] of cases) {
      const result = await post(task.id, fields);
      expect(result, message).toMatchObject({ status: 400, data: { intent: "step", form } });
      expect((result.data as { result: { error: Record<string, string[]> } }).result.error).toEqual({
        text: [message],
      });
    }
    // Hand-made posts with a bad id or state: 400, never a 500.
    for (const fields of [
      { intent: "step-toggle", stepId: "not-a-uuid", done: "true" },
      { intent: "step-toggle", stepId, done: "maybe" },
      { intent: "step-delete", stepId: "' or 1=1 --" },
    ] as Record<string, string>[]) {
      expect((await post(task.id, fields)).status, JSON.stringify(fields)).toBe(400);
    }
    expect((await stored(task.id)).updatedAt).toEqual(version);
    expect(texts(await stored(task.id))).toEqual(["[ ] Passport"]);
  });

  it("answers a step deleted meanwhile with 404 and a message for that step's form", async () => {
    const task = await newTask();
    await post(task.id, { intent: "step-add", text: "Passport" });
    const stepId = (await stored(task.id)).steps[0]!.id;
    await post(task.id, { intent: "step-delete", stepId });
    for (const fields of [
      { intent: "step-toggle", stepId, done: "true" },
      { intent: "step-rename", stepId, text: "Visa" },
      { intent: "step-up", stepId },
      { intent: "step-delete", stepId },
    ] as Record<string, string>[]) {
      const result = await post(task.id, fields);
      expect(result, fields.intent).toMatchObject({
        status: 404,
        data: { intent: "step", message: expect.stringContaining("no longer on this task") },
      });
    }
  });

  it(`holds at most ${STEPS_MAX} steps: one more is refused next to the add field`, async () => {
    const full = Array.from({ length: STEPS_MAX }, (_, index) => ({
      id: crypto.randomUUID(),
      text: `Step ${index + 1}`,
      done: false,
    }));
    const owner = await createTaskForUser(ada.userId, {
      title: "Long list",
      description: "",
      priority: "medium",
      category: null,
      dueDate: null,
      completed: false,
      labels: [],
      steps: full,
    });
    const result = await post(owner.id, { intent: "step-add", text: "One too many" });
    expect(result).toMatchObject({ status: 400, data: { form: "step-add" } });
    expect((result.data as { result: { error: Record<string, string[]> } }).result.error).toEqual({
      text: [`A task holds at most ${STEPS_MAX} steps`],
    });
    expect((await stored(owner.id)).steps).toHaveLength(STEPS_MAX);
  });
});

let apiPerson: ApiUser | undefined;
const apiUser = async () => (apiPerson ??= await signUpApiUser("Api"));

describe("steps in the JSON API", () => {
  const create = async (json: unknown) => {
    const response = await apiFetch("/api/tasks", withToken((await apiUser()).token, { method: "POST", json }));
    return {
      response,
      body: (await response.json()) as { id: string; steps: { id: string; text: string; done: boolean }[] },
    };
  };
  const write = async (id: string, method: "PUT" | "PATCH", json: unknown, etag?: string) =>
    apiFetch(
      `/api/tasks/${id}`,
      withToken((await apiUser()).token, { method, json, headers: etag ? { "If-Match": etag } : {} }),
    );

  it("creates a task with its steps in order, each given an id; reads them back in the list", async () => {
    const { response, body } = await create({
      title: "Move house",
      steps: [{ text: "Boxes" }, { text: " Van ", done: true }],
    });
    expect(response.status).toBe(201);
    expect(body.steps).toEqual([
      { id: expect.any(String), text: "Boxes", done: false },
      { id: expect.any(String), text: "Van", done: true },
    ]);
    expect(body.steps[0]!.id).not.toBe(body.steps[1]!.id);
    const list = (await (await apiFetch("/api/tasks", withToken((await apiUser()).token))).json()) as {
      tasks: { id: string; steps: unknown }[];
    };
    expect(list.tasks.find((task) => task.id === body.id)?.steps).toEqual(body.steps);
    // Without steps a task has an empty list.
    expect((await create({ title: "Plain" })).body.steps).toEqual([]);
  });

  it("PATCH replaces the whole list (ids sent are kept) and moves the ETag; PUT without steps empties it", async () => {
    const { body, response } = await create({ title: "Bake", steps: [{ text: "Flour" }, { text: "Eggs" }] });
    const [flour, eggs] = body.steps as unknown as [{ id: string }, { id: string }];
    const patched = await write(
      body.id,
      "PATCH",
      { steps: [{ id: eggs.id, text: "Eggs", done: true }, { text: "Sugar" }] },
      response.headers.get("etag")!,
    );
    expect(patched.status).toBe(200);
    expect(patched.headers.get("etag")).not.toBe(response.headers.get("etag"));
    const steps = ((await patched.json()) as typeof body).steps;
    expect(steps).toEqual([
      { id: eggs.id, text: "Eggs", done: true },
      { id: expect.any(String), text: "Sugar", done: false },
    ]);
    expect(steps.map((step) => step.id)).not.toContain(flour.id);
    // The old ETag is stale now: a step change is a change of the task.
    expect((await write(body.id, "PATCH", { steps: [] }, response.headers.get("etag")!)).status).toBe(412);
    // A PATCH of other fields leaves the steps alone.
    const renamed = await write(body.id, "PATCH", { title: "Bake a cake" });
    expect(((await renamed.json()) as typeof body).steps).toEqual(steps);
    const replaced = await write(body.id, "PUT", { title: "Bake a cake" });
    expect(((await replaced.json()) as typeof body).steps).toEqual([]);
  });

  it("refuses bad steps with a 400 problem naming each one, and changes nothing", async () => {
    const { body } = await create({ title: "Garden", steps: [{ text: "Weed" }] });
    const id = crypto.randomUUID();
    const cases: [unknown, string][] = [
      ["weed, rake", "steps"],
      [[{ text: "" }], "steps.0.text"],
      [[{ text: "x".repeat(201) }], "steps.0.text"],
      [[{ text: "ok" }, { text: "Nul\u0000" }], "steps.1.text"],
      [[{ text: "ok", done: "yes" }], "steps.0.done"],
      [[{ text: "ok", id: "1" }], "steps.0.id"],
      [[{ text: "ok", colour: "red" }], "steps.0.colour"],
      [
        [
          { id, text: "a" },
          { id, text: "b" },
        ],
        "steps.1.id",
      ],
      [Array.from({ length: STEPS_MAX + 1 }, (_, index) => ({ text: `Step ${index}` })), "steps"],
    ];
    for (const [steps, path] of cases) {
      for (const method of ["PATCH", "PUT"] as const) {
        const response = await write(body.id, method, { title: "Garden", steps });
        expect(response.status, `${method} ${path}`).toBe(400);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        const problem = (await response.json()) as { errors: { path: string; message: string }[] };
        expect(
          problem.errors.map((error) => error.path),
          `${method} ${path}`,
        ).toContain(path);
      }
    }
    const tooLong = await write(body.id, "PATCH", { steps: [{ text: "x".repeat(201) }] });
    expect(((await tooLong.json()) as { errors: unknown }).errors).toEqual([
      { path: "steps.0.text", message: "A step must be at most 200 characters" },
    ]);
    const tooMany = await write(body.id, "PATCH", {
      steps: Array.from({ length: STEPS_MAX + 1 }, () => ({ text: "Step" })),
    });
    expect(((await tooMany.json()) as { errors: unknown }).errors).toEqual([
      { path: "steps", message: `A task holds at most ${STEPS_MAX} steps` },
    ]);
    const unchanged = await apiFetch(`/api/tasks/${body.id}`, withToken((await apiUser()).token));
    expect(((await unchanged.json()) as typeof body).steps).toEqual(body.steps);
  });
});
