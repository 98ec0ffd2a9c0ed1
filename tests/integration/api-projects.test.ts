// Projects through the JSON API (and the domain where no endpoint reaches): the Inbox made at
// sign-up, create/rename/recolour/favourite/archive/reorder/delete, tasks' projectId on every
// write, the project filter, archived projects' tasks left out of lists, and the bulk move.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createProjectForUser, listProjectsForUser, moveProject } from "~/projects/projects.server";
import { TaskInputSchema } from "~/tasks/task-schema";
import { createTaskForUser, createTasksForUser } from "~/tasks/tasks.server";
import { project } from "../../db/schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";
import { insertUser } from "../support/users";

interface ProjectJson {
  id: string;
  name: string;
  color: string;
  position: number;
  favorite: boolean;
  archived: boolean;
  inbox: boolean;
  taskCount: number;
  createdAt: string;
  updatedAt: string;
}
interface TaskJson {
  id: string;
  title: string;
  projectId: string;
}

let ann: ApiUser;

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
});

const send = (path: string, method: string, json?: unknown, user = ann) =>
  apiFetch(path, withToken(user.token, { method, json }));

async function ok<T>(response: Response | Promise<Response>, status = 200): Promise<T> {
  const answered = await response;
  expect(answered.status, await answered.clone().text()).toBe(status);
  return (await answered.json()) as T;
}

const projects = async (user: ApiUser, query = "") =>
  (await ok<{ projects: ProjectJson[] }>(send(`/api/projects${query}`, "GET", undefined, user))).projects;
const createProject = (user: ApiUser, json: unknown) => ok<ProjectJson>(send("/api/projects", "POST", json, user), 201);
const createTask = (user: ApiUser, json: unknown) => ok<TaskJson>(send("/api/tasks", "POST", json, user), 201);
const titles = async (user: ApiUser, query = "") =>
  (await ok<{ tasks: TaskJson[] }>(send(`/api/tasks?${query}`, "GET", undefined, user))).tasks
    .map((task) => task.title)
    .sort();

describe("the Inbox", () => {
  it("is made at sign-up: the only project of a new account, and where a task without a project goes", async () => {
    const user = await signUpApiUser("Ines");
    const [inbox, ...others] = await projects(user);
    expect(others).toEqual([]);
    expect(inbox).toEqual({
      id: expect.any(String),
      name: "Inbox",
      color: "gray",
      position: 0,
      favorite: false,
      archived: false,
      inbox: true,
      taskCount: 0,
      // Nobody else's: the caller owns it, alone.
      role: "owner",
      memberCount: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const task = await createTask(user, { title: "Anywhere" });
    expect(task.projectId).toBe(inbox!.id);
    expect((await projects(user))[0]!.taskCount).toBe(1);
  });

  it("can be renamed but not deleted or archived: a 409 problem document, and it stays", async () => {
    const user = await signUpApiUser("Ivo");
    const [inbox] = await projects(user);
    const deleted = await send(`/api/projects/${inbox!.id}`, "DELETE", undefined, user);
    expect(deleted.status).toBe(409);
    expect(deleted.headers.get("content-type")).toBe("application/problem+json");
    expect(await deleted.json()).toMatchObject({ status: 409, detail: "The Inbox cannot be deleted" });
    const archived = await send(`/api/projects/${inbox!.id}`, "PATCH", { archived: true }, user);
    expect(archived.status).toBe(409);
    expect(await archived.json()).toMatchObject({ detail: "The Inbox cannot be archived" });
    const renamed = await ok<ProjectJson>(send(`/api/projects/${inbox!.id}`, "PATCH", { name: "Later" }, user));
    expect(renamed).toMatchObject({ name: "Later", inbox: true, archived: false });
  });

  it("is made on first need for an account that has none (made before projects, or the hook failed)", async () => {
    const owner = await insertUser("No inbox");
    expect(await db.select().from(project).where(eq(project.userId, owner.id))).toEqual([]);
    const task = await createTaskForUser(owner.id, {
      title: "First",
      description: "",
      priority: "medium",
      category: null,
      dueDate: null,
      completed: false,
      labels: [],
    });
    const listed = await listProjectsForUser(owner.id);
    expect(listed.map((row) => [row.name, row.inbox, row.taskCount])).toEqual([["Inbox", true, 1]]);
    expect(task.projectId).toBe(listed[0]!.id);
    // Listing again makes no second one (one Inbox per owner: a partial unique index).
    await listProjectsForUser(owner.id);
    const inboxes = await db
      .select()
      .from(project)
      .where(and(eq(project.userId, owner.id), eq(project.inbox, true)));
    expect(inboxes).toHaveLength(1);

    // Several tasks at once, some in a project and some in no project: the Inbox is made for those.
    const other = await insertUser("No inbox either");
    const garden = await createProjectForUser(other.id, { name: "Garden", favorite: false });
    const created = await createTasksForUser(other.id, [
      TaskInputSchema.parse({ title: "Dig", projectId: garden.id }),
      TaskInputSchema.parse({ title: "Anywhere" }),
    ]);
    const [inbox] = await listProjectsForUser(other.id);
    expect(created.map((row) => row.projectId)).toEqual([garden.id, inbox!.id]);
  });
});

describe("/api/projects", () => {
  it("creates (last, the palette's next colour), renames, recolours, favourites, and refuses bad input", async () => {
    const user = await signUpApiUser("Cleo");
    const response = await send("/api/projects", "POST", { name: "  Garden  " }, user);
    expect(response.status).toBe(201);
    const garden = (await response.json()) as ProjectJson;
    expect(response.headers.get("location")).toBe(`/api/projects/${garden.id}`);
    expect(garden).toMatchObject({ name: "Garden", position: 1, favorite: false, inbox: false, taskCount: 0 });
    const house = await createProject(user, { name: "House", color: "teal", favorite: true });
    expect(house).toMatchObject({ position: 2, color: "teal", favorite: true });

    const changed = await ok<ProjectJson>(
      send(`/api/projects/${garden.id}`, "PATCH", { name: "Yard", color: "green", favorite: true }, user),
    );
    expect(changed).toMatchObject({ name: "Yard", color: "green", favorite: true });
    expect(Date.parse(changed.updatedAt)).toBeGreaterThan(Date.parse(garden.updatedAt));
    expect(await ok<ProjectJson>(send(`/api/projects/${garden.id}`, "GET", undefined, user))).toEqual(changed);

    // The name is unique per person ignoring case: 409; the same name is another person's to use.
    const taken = await send("/api/projects", "POST", { name: "yard" }, user);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ detail: "You already have a project named “yard”" });
    expect((await send(`/api/projects/${house.id}`, "PATCH", { name: "YARD" }, user)).status).toBe(409);
    await createProject(ann, { name: "Yard" });

    for (const body of [
      { name: "" },
      { name: "x".repeat(81) },
      { name: "Tab\there" },
      { name: "Ok", color: "purple" },
      { name: "Ok", owner: "me" },
    ]) {
      const refused = await send("/api/projects", "POST", body, user);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(((await refused.json()) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    }
    expect((await createProject(user, { name: "x".repeat(80) })).name).toHaveLength(80);
    for (const body of [{ position: 0 }, { position: 1.5 }, { favorite: "yes" }, { inbox: true }]) {
      expect((await send(`/api/projects/${house.id}`, "PATCH", body, user)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await send("/api/projects?archived=maybe", "GET", undefined, user)).status).toBe(400);
    expect((await send(`/api/projects/not-a-uuid`, "GET", undefined, user)).status).toBe(404);
    expect((await send(`/api/projects/${crypto.randomUUID()}`, "PATCH", { name: "Z" }, user)).status).toBe(404);
  });

  it("keeps the person's order: the Inbox first, then by position, changed by PATCH position and moved up/down", async () => {
    const user = await signUpApiUser("Otto");
    const [a, b, c] = [
      await createProject(user, { name: "A" }),
      await createProject(user, { name: "B" }),
      await createProject(user, { name: "C" }),
    ];
    const order = async () => (await projects(user)).map((row) => `${row.name}:${row.position}`);
    expect(await order()).toEqual(["Inbox:0", "A:1", "B:2", "C:3"]);
    await ok(send(`/api/projects/${c!.id}`, "PATCH", { position: 1 }, user));
    expect(await order()).toEqual(["Inbox:0", "C:1", "A:2", "B:3"]);
    // Past the end: last.
    await ok(send(`/api/projects/${c!.id}`, "PATCH", { position: 99 }, user));
    expect(await order()).toEqual(["Inbox:0", "A:1", "B:2", "C:3"]);

    // Move up/down (the no-JavaScript buttons) skips archived projects, and stops at the ends.
    await ok(send(`/api/projects/${b!.id}`, "PATCH", { archived: true }, user));
    await moveProject(user.id, c!.id, "up");
    expect(await order()).toEqual(["Inbox:0", "C:1", "A:2"]);
    await moveProject(user.id, c!.id, "up");
    expect(await order()).toEqual(["Inbox:0", "C:1", "A:2"]);
    await moveProject(user.id, c!.id, "down");
    expect(await order()).toEqual(["Inbox:0", "A:1", "C:2"]);
    expect(await moveProject(user.id, a!.id, "down")).toMatchObject({ name: "A" });
    expect(await order()).toEqual(["Inbox:0", "C:1", "A:2"]);
    // The archived one kept its place after them, and comes back there.
    await ok(send(`/api/projects/${b!.id}`, "PATCH", { archived: false }, user));
    expect(await order()).toEqual(["Inbox:0", "C:1", "A:2", "B:3"]);
    // Another person's project does not move (null: not found).
    expect(await moveProject(ann.id, c!.id, "down")).toBeNull();
  });

  it("archives: the project leaves the list and its tasks every list, and comes back whole", async () => {
    const user = await signUpApiUser("Arne");
    const trip = await createProject(user, { name: "Trip" });
    await createTask(user, { title: "Pack", projectId: trip.id });
    await createTask(user, { title: "Book", projectId: trip.id, completed: true });
    await createTask(user, { title: "Elsewhere" });
    expect(await titles(user)).toEqual(["Book", "Elsewhere", "Pack"]);

    const archived = await ok<ProjectJson>(send(`/api/projects/${trip.id}`, "PATCH", { archived: true }, user));
    expect(archived).toMatchObject({ archived: true, taskCount: 2 });
    expect((await projects(user)).map((row) => row.name)).toEqual(["Inbox"]);
    expect((await projects(user, "?archived=true")).map((row) => row.name)).toEqual(["Trip"]);
    expect(await titles(user)).toEqual(["Elsewhere"]);
    expect(await titles(user, "status=completed")).toEqual([]);
    // Looked at on its own, an archived project still shows its tasks.
    expect(await titles(user, `project=${trip.id}`)).toEqual(["Book", "Pack"]);

    await ok(send(`/api/projects/${trip.id}`, "PATCH", { archived: false }, user));
    expect((await projects(user)).map((row) => row.name)).toEqual(["Inbox", "Trip"]);
    expect(await titles(user)).toEqual(["Book", "Elsewhere", "Pack"]);
  });

  it("deletes a project with its tasks, and only it", async () => {
    const user = await signUpApiUser("Dora");
    const old = await createProject(user, { name: "Old" });
    await createTask(user, { title: "Goes", projectId: old.id });
    await createTask(user, { title: "Stays" });
    expect((await send(`/api/projects/${old.id}`, "DELETE", undefined, user)).status).toBe(204);
    expect((await send(`/api/projects/${old.id}`, "GET", undefined, user)).status).toBe(404);
    expect((await send(`/api/projects/${old.id}`, "DELETE", undefined, user)).status).toBe(404);
    expect(await titles(user)).toEqual(["Stays"]);
  });

  it("answers under /api/{userId}/projects too", async () => {
    const user = await signUpApiUser("Uma");
    const made = await ok<ProjectJson>(send(`/api/${user.id}/projects`, "POST", { name: "Here" }, user), 201);
    expect(await ok<ProjectJson>(send(`/api/${user.id}/projects/${made.id}`, "GET", undefined, user))).toEqual(made);
    expect((await send(`/api/${ann.id}/projects`, "GET", undefined, user)).status).toBe(403);
  });
});

describe("tasks in projects", () => {
  it("creates in the project named, moves with PATCH, stays on a PUT without projectId, and filters by project", async () => {
    const user = await signUpApiUser("Tess");
    const [inbox] = await projects(user);
    const work = await createProject(user, { name: "Work" });
    const task = await createTask(user, { title: "Report", projectId: work.id });
    expect(task.projectId).toBe(work.id);
    await createTask(user, { title: "Milk" });

    expect(await titles(user, `project=${work.id}`)).toEqual(["Report"]);
    expect(await titles(user, `project=${inbox!.id}`)).toEqual(["Milk"]);
    expect(await titles(user)).toEqual(["Milk", "Report"]);

    const replaced = await ok<TaskJson>(send(`/api/tasks/${task.id}`, "PUT", { title: "Report v2" }, user));
    expect(replaced.projectId).toBe(work.id);
    const moved = await ok<TaskJson>(send(`/api/tasks/${task.id}`, "PATCH", { projectId: inbox!.id }, user));
    expect(moved.projectId).toBe(inbox!.id);
    expect(await titles(user, `project=${work.id}`)).toEqual([]);

    const missing = crypto.randomUUID();
    for (const [method, path, body] of [
      ["POST", "/api/tasks", { title: "Lost", projectId: missing }],
      ["PATCH", `/api/tasks/${task.id}`, { projectId: missing }],
      ["PUT", `/api/tasks/${task.id}`, { title: "Lost", projectId: missing }],
    ] as const) {
      const refused = await send(path, method, body, user);
      expect(refused.status, `${method} ${path}`).toBe(404);
      expect(await refused.json()).toMatchObject({ detail: "No such project" });
    }
    expect((await send("/api/tasks", "POST", { title: "Bad", projectId: "inbox" }, user)).status).toBe(400);
    expect((await send(`/api/tasks?project=${missing}`, "GET", undefined, user)).status).toBe(404);
    expect((await send(`/api/tasks?project=nope`, "GET", undefined, user)).status).toBe(400);
  });

  it("moves many tasks at once (bulk move), all or nothing", async () => {
    const user = await signUpApiUser("Bea");
    const home = await createProject(user, { name: "Home" });
    const ids = [(await createTask(user, { title: "One" })).id, (await createTask(user, { title: "Two" })).id];
    const result = await ok<{ tasks: TaskJson[] }>(
      send("/api/tasks/bulk", "POST", { ids, action: "move", projectId: home.id }, user),
    );
    expect(result.tasks.map((task) => task.projectId)).toEqual([home.id, home.id]);
    expect(await titles(user, `project=${home.id}`)).toEqual(["One", "Two"]);
    const needs = await send("/api/tasks/bulk", "POST", { ids, action: "move" }, user);
    expect(needs.status).toBe(400);
    expect(await needs.json()).toMatchObject({ errors: [{ path: "projectId", message: "move needs projectId" }] });
    expect((await send("/api/tasks/bulk", "POST", { ids, action: "complete", projectId: home.id }, user)).status).toBe(
      400,
    );
  });

  it("counts each project's tasks and pending tasks in one statement for the navigation", async () => {
    const user = await signUpApiUser("Nav");
    const work = await createProjectForUser(user.id, { name: "Work", favorite: false });
    await createTask(user, { title: "A", projectId: work.id });
    await createTask(user, { title: "B", projectId: work.id, completed: true });
    const listed = await listProjectsForUser(user.id);
    expect(listed.map((row) => [row.name, row.taskCount, row.pendingCount])).toEqual([
      ["Inbox", 0, 0],
      ["Work", 2, 1],
    ]);
  });
});
