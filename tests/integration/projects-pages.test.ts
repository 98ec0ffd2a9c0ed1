// The project pages' loaders and actions, and the task list's within a project, called as React
// Router calls them: real users and sessions from Better Auth, real form posts, a real database.
import { beforeEach, describe, expect, it } from "vitest";
import * as appLayout from "~/routes/_app";
import * as projectsRoute from "~/routes/projects";
import * as archivedRoute from "~/routes/projects.archived";
import * as projectRoute from "~/routes/projects.$projectId";
import * as editRoute from "~/routes/projects.$projectId.edit";
import * as deleteRoute from "~/routes/projects.$projectId.delete";
import * as listRoute from "~/routes/tasks";
import * as taskRoute from "~/routes/tasks.$taskId";
import { ensureInbox, getProjectForUser, listProjectsForUser } from "~/projects/projects.server";
import { createTaskForUser, getTaskForUser } from "~/tasks/tasks.server";
import { TaskInputSchema } from "~/tasks/task-schema";
import { signUpOverHttp } from "../support/auth";
import { flashOf, loaderOrActionArgs, outcome, type RouteOutcome } from "../support/routes";

interface Visitor {
  userId: string;
  cookie: string;
}

// Route modules' loaders and actions take their own typed arguments; these tests build them alike.
type AnyRoute = (args: never) => unknown;
const run = (fn: AnyRoute, method: "GET" | "POST", path: string, visitor: Visitor, params = {}, fields?: object) =>
  outcome(() =>
    fn(
      loaderOrActionArgs(method, path, {
        cookie: visitor.cookie,
        params,
        fields: fields as Record<string, string> | undefined,
      }) as never,
    ),
  );

const get = (fn: AnyRoute, path: string, visitor: Visitor, params = {}) => run(fn, "GET", path, visitor, params);
const post = (fn: AnyRoute, path: string, visitor: Visitor, fields: Record<string, string>, params = {}) =>
  run(fn, "POST", path, visitor, params, fields);

type ListPage = Awaited<ReturnType<typeof projectRoute.loader>>;
const listOf = (result: RouteOutcome) => result.data as ListPage;
const titles = (result: RouteOutcome) => listOf(result).tasks.map((task) => task.title);
const fieldErrors = (result: RouteOutcome) =>
  ((result.data as { result?: { error?: object }; error?: object }).result ?? (result.data as { error?: object }))
    .error;

const task = (title: string, extra: Record<string, unknown> = {}) => TaskInputSchema.parse({ title, ...extra });

let ann: Visitor;
let bob: Visitor;
let garden: string;
let inbox: string;

async function newProject(visitor: Visitor, name: string) {
  const created = await post(projectsRoute.action, "/projects", visitor, { name, color: "green" });
  expect(created.status, name).toBe(302);
  return created.location!.split("/").pop()!;
}

beforeEach(async () => {
  ann = await signUpOverHttp({ name: "Ann" });
  bob = await signUpOverHttp({ name: "Bob" });
  inbox = await ensureInbox(ann.userId);
  garden = await newProject(ann, "Garden");
  await createTaskForUser(ann.userId, task("Plant roses", { projectId: garden, category: "Outside" }));
  await createTaskForUser(ann.userId, task("Buy milk", { category: "Shopping" }));
});

describe("a project's page", () => {
  const path = () => `/projects/${garden}`;

  it("lists only its tasks, with the counts and the categories of what it shows", async () => {
    const page = await get(projectRoute.loader, path(), ann, { projectId: garden });
    expect(titles(page)).toEqual(["Plant roses"]);
    expect(listOf(page).counts).toEqual({ pending: 1, completed: 0 });
    expect(listOf(page).categories).toEqual(["Outside"]);
    expect(listOf(page).project).toMatchObject({ id: garden, name: "Garden", archived: false });
    // Filters and search apply within the project; /tasks spans both.
    const searched = await get(projectRoute.loader, `${path()}?q=milk`, ann, { projectId: garden });
    expect(titles(searched)).toEqual([]);
    const all = await get(listRoute.loader, "/tasks", ann);
    expect(titles(all).sort()).toEqual(["Buy milk", "Plant roses"]);
    expect(listOf(all).categories).toEqual(["Outside", "Shopping"]);
    // /tasks?project= (the API's filter in a page URL) is the project's page.
    const filtered = await get(listRoute.loader, `/tasks?project=${garden}&q=rose`, ann);
    expect(filtered).toMatchObject({ status: 302, location: `${path()}?q=rose` });
  });

  it("puts a new task in the project, or where its picker says, and says so when that is elsewhere", async () => {
    const made = await post(
      projectRoute.action,
      path(),
      ann,
      { intent: "create", title: "Mow" },
      { projectId: garden },
    );
    expect(made).toMatchObject({ status: 302, location: path() });
    const elsewhere = await post(
      projectRoute.action,
      `${path()}?status=pending`,
      ann,
      { intent: "create", title: "Call mum", projectId: inbox },
      { projectId: garden },
    );
    expect(elsewhere).toMatchObject({ status: 302, location: `${path()}?status=pending` });
    expect(await flashOf(elsewhere.response)).toMatchObject({
      message: "Task created in another project",
      action: { href: `/projects/${inbox}` },
    });
    const page = await get(projectRoute.loader, path(), ann, { projectId: garden });
    expect(titles(page)).toEqual(["Mow", "Plant roses"]);
    const inboxPage = await get(projectRoute.loader, `/projects/${inbox}`, ann, { projectId: inbox });
    expect(titles(inboxPage)).toEqual(["Call mum", "Buy milk"]);
    // On /tasks without a picker: the Inbox.
    await post(listRoute.action, "/tasks", ann, { intent: "create", title: "Loose end" });
    const [loose] = listOf(await get(listRoute.loader, "/tasks", ann)).tasks;
    expect(loose).toMatchObject({ title: "Loose end", projectId: inbox });
  });

  it("moves the selected tasks to another project with the bulk action", async () => {
    const { tasks } = listOf(await get(listRoute.loader, "/tasks", ann));
    const milk = tasks.find((each) => each.title === "Buy milk")!;
    const moved = await post(
      projectRoute.action,
      `/projects/${inbox}`,
      ann,
      { intent: "bulk", bulkAction: "move", ids: milk.id, projectId: garden },
      { projectId: inbox },
    );
    expect(moved.status).toBe(302);
    expect(await getTaskForUser(ann.userId, milk.id)).toMatchObject({ projectId: garden });
  });

  it("refuses a picker naming a project that is not the person's, next to the field", async () => {
    const bobs = await newProject(bob, "Bob's");
    const refused = await post(listRoute.action, "/tasks", ann, { intent: "create", title: "Sneaky", projectId: bobs });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused)).toEqual({ projectId: ["No such project"] });
    const [first] = listOf(await get(listRoute.loader, "/tasks", ann)).tasks;
    const edited = await post(
      taskRoute.action,
      `/tasks/${first!.id}`,
      ann,
      { intent: "update", title: first!.title, priority: "medium", projectId: bobs },
      { taskId: first!.id },
    );
    expect(edited.status).toBe(400);
    expect(fieldErrors(edited)).toEqual({ projectId: ["No such project"] });
  });
});

describe("managing projects", () => {
  const edit = (projectId: string, fields: Record<string, string>) =>
    post(editRoute.action, `/projects/${projectId}/edit`, ann, fields, { projectId });
  const order = async () => (await listProjectsForUser(ann.userId)).map((project) => project.name);

  it("creates, refuses a name in use (ignoring case), renames and recolours", async () => {
    const taken = await post(projectsRoute.action, "/projects", ann, { name: "GARDEN", color: "red" });
    expect(taken.status).toBe(400);
    expect(fieldErrors(taken)).toEqual({ name: ["You already have a project named “GARDEN”"] });
    const empty = await post(projectsRoute.action, "/projects", ann, { color: "red" });
    expect(fieldErrors(empty)).toEqual({ name: ["Project name is required"] });

    const saved = await edit(garden, { intent: "save", name: "Allotment", color: "pink", favorite: "on" });
    expect(saved).toMatchObject({ status: 302, location: `/projects/${garden}` });
    expect(await getProjectForUser(ann.userId, garden)).toMatchObject({
      name: "Allotment",
      color: "pink",
      favorite: true,
    });
    // The Inbox can be renamed.
    await edit(inbox, { intent: "save", name: "Unsorted", color: "gray" });
    expect(await order()).toEqual(["Unsorted", "Allotment"]);
  });

  it("moves up and down, favourites, and keeps the Inbox first", async () => {
    await newProject(ann, "Kitchen");
    expect(await order()).toEqual(["Inbox", "Garden", "Kitchen"]);
    const moved = await edit(garden, { intent: "move", direction: "down", back: "/projects" });
    expect(moved).toMatchObject({ status: 302, location: "/projects" });
    expect(await flashOf(moved.response)).toMatchObject({ kind: "success", message: "“Garden” moved down" });
    expect(await order()).toEqual(["Inbox", "Kitchen", "Garden"]);
    await edit(inbox, { intent: "move", direction: "down" });
    expect(await order()).toEqual(["Inbox", "Kitchen", "Garden"]);
    await edit(garden, { intent: "favorite", favorite: "true", back: "/projects" });
    expect((await getProjectForUser(ann.userId, garden))?.favorite).toBe(true);
    expect((await edit(garden, { intent: "move", direction: "sideways" })).status).toBe(400);
  });

  it("places a dragged project before or after the one it was dropped on, archived ones in between kept", async () => {
    const kitchen = await newProject(ann, "Kitchen");
    const shed = await newProject(ann, "Shed");
    const attic = await newProject(ann, "Attic");
    await edit(shed, { intent: "archive" });
    // Garden, (Shed), Kitchen, Attic: Garden dropped on Attic, dragged down, goes after it.
    await edit(garden, { intent: "place", after: attic, back: "/projects" });
    expect(await order()).toEqual(["Inbox", "Kitchen", "Attic", "Garden"]);
    await edit(garden, { intent: "place", before: kitchen, back: "/projects" });
    expect(await order()).toEqual(["Inbox", "Garden", "Kitchen", "Attic"]);
    // A neighbour that is not the person's changes nothing.
    const bobs = await newProject(bob, "Bob's");
    await edit(attic, { intent: "place", before: bobs });
    expect(await order()).toEqual(["Inbox", "Garden", "Kitchen", "Attic"]);
    expect((await edit(attic, { intent: "place" })).status).toBe(400);
  });

  it("archives: out of the navigation, its tasks out of /tasks; unarchived, back whole", async () => {
    const archived = await edit(garden, { intent: "archive", back: "/projects" });
    expect(await flashOf(archived.response)).toMatchObject({ kind: "success", message: "“Garden” archived" });
    const layout = (await get(appLayout.loader, "/tasks", ann)).data as Awaited<ReturnType<typeof appLayout.loader>>;
    expect(layout.projects.map((project) => project.name)).toEqual(["Inbox"]);
    expect(titles(await get(listRoute.loader, "/tasks", ann))).toEqual(["Buy milk"]);
    const shelf = (await get(archivedRoute.loader, "/projects/archived", ann)).data as Awaited<
      ReturnType<typeof archivedRoute.loader>
    >;
    expect(shelf.projects).toMatchObject([{ id: garden, name: "Garden", archived: true }]);
    // Its own page still shows it (with Unarchive).
    expect(titles(await get(projectRoute.loader, `/projects/${garden}`, ann, { projectId: garden }))).toEqual([
      "Plant roses",
    ]);
    await edit(garden, { intent: "unarchive", back: "/projects/archived" });
    expect(titles(await get(listRoute.loader, "/tasks", ann)).sort()).toEqual(["Buy milk", "Plant roses"]);
  });

  it("keeps the Inbox: archiving or deleting it is refused with a clear message", async () => {
    const archived = await edit(inbox, { intent: "archive", back: "/projects" });
    expect(await flashOf(archived.response)).toMatchObject({
      kind: "error",
      message: "The Inbox cannot be archived. You can rename it.",
    });
    const deleted = await post(deleteRoute.action, `/projects/${inbox}/delete`, ann, {}, { projectId: inbox });
    expect(deleted).toMatchObject({ status: 302, location: `/projects/${inbox}/edit` });
    expect(await flashOf(deleted.response)).toMatchObject({
      kind: "error",
      message: "The Inbox cannot be deleted. You can rename it.",
    });
    expect(await getProjectForUser(ann.userId, inbox)).toMatchObject({ inbox: true, archived: false });
  });

  it("deletes after a confirmation that counts the tasks going with it", async () => {
    const page = await get(deleteRoute.loader, `/projects/${garden}/delete`, ann, { projectId: garden });
    expect(page.data).toEqual({ project: { id: garden, name: "Garden", inbox: false, taskCount: 1 } });
    const deleted = await post(deleteRoute.action, `/projects/${garden}/delete`, ann, {}, { projectId: garden });
    expect(deleted).toMatchObject({ status: 302, location: "/tasks" });
    expect(await flashOf(deleted.response)).toMatchObject({ message: "Project “Garden” deleted, with 1 task" });
    expect(titles(await get(listRoute.loader, "/tasks", ann))).toEqual(["Buy milk"]);
  });
});
