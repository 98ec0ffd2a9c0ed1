// A batch is all or nothing and one person's: Bob naming one of Ann's tasks among his own gets
// the 404 a missing task gets, on every action and path, and neither person's tasks change.
import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { BULK_ACTION_NAMES, type BulkAction } from "~/tasks/bulk/bulk-actions";
import { task, taskLabel } from "../../db/schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";

let ann: ApiUser;
let bob: ApiUser;
let annsTask: string;
let bobsTasks: string[];

async function createTask(user: ApiUser, json: Record<string, unknown>) {
  const response = await apiFetch("/api/tasks", withToken(user.token, { method: "POST", json }));
  return ((await response.json()) as { id: string }).id;
}

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
  bob = await signUpApiUser("Bob");
  for (const user of [ann, bob])
    await apiFetch("/api/labels", withToken(user.token, { method: "POST", json: { name: "Shared name" } }));
  annsTask = await createTask(ann, { title: "Ann's secret", priority: "low", labels: ["Shared name"] });
  bobsTasks = [
    await createTask(bob, { title: "Bob's first" }),
    await createTask(bob, { title: "Bob's second", labels: ["Shared name"] }),
  ];
  values.move = { projectId: await createProject(bob, "Bob's project") };
});

async function createProject(user: ApiUser, name: string) {
  const response = await apiFetch("/api/projects", withToken(user.token, { method: "POST", json: { name } }));
  return ((await response.json()) as { id: string }).id;
}

const values: Record<BulkAction, Record<string, unknown>> = {
  complete: {},
  reopen: {},
  set_priority: { priority: "high" },
  set_category: { category: "Taken" },
  add_label: { label: "Shared name" },
  remove_label: { label: "Shared name" },
  move: {},
  delete: {},
};

async function snapshot() {
  const ids = [annsTask, ...bobsTasks];
  return {
    tasks: (await db.select().from(task).where(inArray(task.id, ids))).sort((a, b) => a.id.localeCompare(b.id)),
    links: (await db.select().from(taskLabel).where(inArray(taskLabel.taskId, ids))).sort((a, b) =>
      a.taskId.localeCompare(b.taskId),
    ),
  };
}

describe("bulk isolation", () => {
  it("answers 404 to every action with one of Ann's ids in Bob's batch, like a missing id, and changes nothing", async () => {
    const before = await snapshot();
    for (const prefix of ["/api", `/api/${bob.id}`]) {
      for (const action of BULK_ACTION_NAMES) {
        const body = { ids: [...bobsTasks, annsTask], action, ...values[action] };
        const response = await apiFetch(`${prefix}/tasks/bulk`, withToken(bob.token, { method: "POST", json: body }));
        expect(response.status, `${action} under ${prefix}`).toBe(404);
        const missing = crypto.randomUUID();
        const asMissing = await apiFetch(
          `${prefix}/tasks/bulk`,
          withToken(bob.token, { method: "POST", json: { ...body, ids: [...bobsTasks, missing] } }),
        );
        const [problem, missingProblem] = [await response.json(), await asMissing.json()];
        expect(JSON.stringify(problem).replace(annsTask, "ID")).toBe(
          JSON.stringify(missingProblem).replace(missing, "ID"),
        );
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 to moving Bob's tasks into Ann's project, like a missing project, and moves nothing", async () => {
    const annsProject = await createProject(ann, "Ann's project");
    const before = await snapshot();
    const move = (projectId: string) =>
      apiFetch(
        "/api/tasks/bulk",
        withToken(bob.token, { method: "POST", json: { ids: bobsTasks, action: "move", projectId } }),
      );
    const [intoAnns, intoMissing] = [await move(annsProject), await move(crypto.randomUUID())];
    expect([intoAnns.status, intoMissing.status]).toEqual([404, 404]);
    expect(await intoAnns.json()).toEqual(await intoMissing.json());
    expect(await snapshot()).toEqual(before);
  });

  it("does not let Bob act under Ann's user id, even on his own tasks", async () => {
    const response = await apiFetch(
      `/api/${ann.id}/tasks/bulk`,
      withToken(bob.token, { method: "POST", json: { ids: bobsTasks, action: "delete" } }),
    );
    expect(response.status).toBe(403);
    expect((await db.select().from(task).where(inArray(task.id, bobsTasks))).length).toBe(2);
  });

  it("resolves label names among Bob's own labels only", async () => {
    const response = await apiFetch(
      "/api/tasks/bulk",
      withToken(bob.token, {
        method: "POST",
        json: { ids: [bobsTasks[0]], action: "add_label", label: "shared NAME" },
      }),
    );
    const body = (await response.json()) as { tasks: { labels: string[] }[] };
    expect(body.tasks[0]!.labels).toEqual(["Shared name"]);
    const annsLinks = await db
      .select()
      .from(taskLabel)
      .where(inArray(taskLabel.taskId, [annsTask]));
    expect(annsLinks).toHaveLength(1);
    const bobsLinks = await db.select().from(taskLabel).where(inArray(taskLabel.taskId, bobsTasks));
    expect(new Set(bobsLinks.map((link) => link.labelId)).size).toBe(1);
    expect(bobsLinks.map((link) => link.labelId)).not.toContain(annsLinks[0]!.labelId);
  });
});
