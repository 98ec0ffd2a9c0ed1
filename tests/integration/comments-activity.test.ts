// Comments on a task and a project's activity, through the JSON API and the domain: who may
// comment, edit and delete, what each write records (one entry per change, newest first, in
// pages), and what a reader is told about another project. Members beyond the owner are
// written as project_member rows (the invitations that make them are another branch's).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recordActivity } from "~/activity/record-activity.server";
import { listProjectActivity } from "~/activity/activity.server";
import { createApiKey } from "~/api-keys/api-keys.server";
import { addTaskComment, listTaskComments } from "~/comments/comments.server";
import { db } from "~/db.server";
import { applyBulkAction } from "~/tasks/bulk/bulk-actions.server";
import { createTaskForUser, deleteTaskForUser, updateTaskForUser } from "~/tasks/tasks.server";
import { createProjectForUser, updateProjectForUser } from "~/projects/projects.server";
import type { ProjectRole } from "../../db/values";
import { projectActivity, projectMember, taskComment } from "../../db/schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";

const actor = { ipAddress: "127.0.0.1", userAgent: "test" };
const newTask = (title: string, projectId?: string) => ({
  title,
  description: "",
  priority: "medium" as const,
  category: null,
  dueDate: null,
  completed: false,
  labels: [],
  ...(projectId && { projectId }),
});

async function join(projectId: string, person: ApiUser, role: ProjectRole) {
  await db.insert(projectMember).values({ projectId, userId: person.id, role });
}

interface CommentBody {
  id: string;
  body: string;
  author: { id: string; name: string };
  editedAt: string | null;
  canEdit: boolean;
  canDelete: boolean;
}
interface ActivityBody {
  activity: {
    kind: string;
    actor: { name: string } | null;
    task: { title: string } | null;
    otherProject: { name: string } | null;
    details: Record<string, unknown> | null;
  }[];
  nextCursor: string | null;
}

let owner: ApiUser;
let admin: ApiUser;
let viewer: ApiUser;
let outsider: ApiUser;
let projectId: string;

beforeAll(async () => {
  [owner, admin, viewer, outsider] = await Promise.all([
    signUpApiUser("Olive"),
    signUpApiUser("Ada"),
    signUpApiUser("Vic"),
    signUpApiUser("Otto"),
  ]);
  projectId = (await createProjectForUser(owner.id, { name: "Shared", favorite: false })).id;
  await join(projectId, admin, "admin");
  await join(projectId, viewer, "viewer");
});

const post = (person: ApiUser, path: string, json: unknown) =>
  apiFetch(path, withToken(person.token, { method: "POST", json }));
const patch = (person: ApiUser, path: string, json: unknown) =>
  apiFetch(path, withToken(person.token, { method: "PATCH", json }));
const remove = (person: ApiUser, path: string) => apiFetch(path, withToken(person.token, { method: "DELETE" }));
const get = (person: ApiUser, path: string) => apiFetch(path, withToken(person.token));

describe("comments in the JSON API", () => {
  it("lets every member comment (viewers too), shows author and time, oldest first, under both path forms", async () => {
    const task = await createTaskForUser(owner.id, newTask("Plan the trip", projectId));
    const first = await post(owner, `/api/tasks/${task.id}/comments`, { body: "  Line one\nLine two  " });
    expect(first.status).toBe(201);
    const created = (await first.json()) as CommentBody;
    expect(first.headers.get("location")).toBe(`/api/tasks/${task.id}/comments/${created.id}`);
    expect(created).toMatchObject({ body: "Line one\nLine two", author: { id: owner.id, name: "Olive" } });
    const second = await post(viewer, `/api/${viewer.id}/tasks/${task.id}/comments`, { body: "Count me in" });
    expect(second.status).toBe(201);

    const asViewer = (await (await get(viewer, `/api/tasks/${task.id}/comments`)).json()) as {
      comments: CommentBody[];
    };
    expect(asViewer.comments.map((comment) => [comment.body, comment.canEdit, comment.canDelete])).toEqual([
      ["Line one\nLine two", false, false],
      ["Count me in", true, true],
    ]);
    const asAdmin = (await (await get(admin, `/api/tasks/${task.id}/comments`)).json()) as { comments: CommentBody[] };
    expect(asAdmin.comments.map((comment) => comment.canDelete)).toEqual([true, true]);
  });

  it("lets the author edit their own; anyone else gets 403 not_author, and the text stays", async () => {
    const task = await createTaskForUser(owner.id, newTask("Edit me", projectId));
    const { id } = (await (await post(viewer, `/api/tasks/${task.id}/comments`, { body: "Frist" })).json()) as {
      id: string;
    };
    const edited = await patch(viewer, `/api/tasks/${task.id}/comments/${id}`, { body: "First" });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as CommentBody).editedAt).not.toBeNull();
    for (const other of [owner, admin]) {
      const refused = await patch(other, `/api/tasks/${task.id}/comments/${id}`, { body: "Hijacked" });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ status: 403, code: "not_author" });
    }
    expect((await listTaskComments(owner.id, task.id))!.map((comment) => comment.body)).toEqual(["First"]);
  });

  it("lets the author and admins delete; a viewer deleting another's gets 403 insufficient_role", async () => {
    const task = await createTaskForUser(owner.id, newTask("Delete me", projectId));
    const byOwner = (await addTaskComment(owner.id, task.id, "Owner's"))!;
    const byViewer = (await addTaskComment(viewer.id, task.id, "Viewer's"))!;
    const refused = await remove(viewer, `/api/tasks/${task.id}/comments/${byOwner.id}`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "insufficient_role" });
    expect((await remove(viewer, `/api/tasks/${task.id}/comments/${byViewer.id}`)).status).toBe(204);
    expect((await remove(admin, `/api/tasks/${task.id}/comments/${byOwner.id}`)).status).toBe(204);
    expect(await listTaskComments(owner.id, task.id)).toEqual([]);
    expect((await remove(admin, `/api/tasks/${task.id}/comments/${byOwner.id}`)).status).toBe(404);
  });

  it("refuses bad bodies with a 400 naming the field, and a read-only key's writes with 403", async () => {
    const task = await createTaskForUser(owner.id, newTask("Bodies", projectId));
    for (const body of [{ body: "   " }, { body: "x".repeat(5001) }, { body: "a\u0000b" }, { text: "hi" }, {}]) {
      const response = await post(owner, `/api/tasks/${task.id}/comments`, body);
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    expect((await post(owner, `/api/tasks/${task.id}/comments`, { body: "x".repeat(5000) })).status).toBe(201);
    const { key } = await createApiKey(
      { id: owner.id, email: owner.email, name: "Olive" },
      { name: "read", scope: "read", lifetimeDays: 1 },
      actor,
    );
    expect((await apiFetch(`/api/tasks/${task.id}/comments`, withToken(key))).status).toBe(200);
    const write = await apiFetch(
      `/api/tasks/${task.id}/comments`,
      withToken(key, { method: "POST", json: { body: "no" } }),
    );
    expect(write.status).toBe(403);
  });

  it("removes a task's comments with the task", async () => {
    const task = await createTaskForUser(owner.id, newTask("Goes away", projectId));
    await addTaskComment(viewer.id, task.id, "Soon gone");
    await deleteTaskForUser(owner.id, task.id);
    expect(await db.select().from(taskComment).where(eq(taskComment.taskId, task.id))).toEqual([]);
  });
});

describe("a project's activity", () => {
  it("records each change once, in its transaction, newest first, and pages through it by cursor", async () => {
    const project = await createProjectForUser(owner.id, { name: "Busy", favorite: false });
    const elsewhere = await createProjectForUser(owner.id, { name: "Elsewhere", favorite: false });
    await join(project.id, viewer, "viewer");
    const task = await createTaskForUser(owner.id, newTask("Write report", project.id));
    await updateTaskForUser(owner.id, task.id, { title: "Write the report", priority: "high" });
    await updateTaskForUser(owner.id, task.id, { completed: true });
    await updateTaskForUser(owner.id, task.id, { completed: false });
    await addTaskComment(viewer.id, task.id, "Looks good");
    const moving = await createTaskForUser(owner.id, newTask("Move me", project.id));
    await updateTaskForUser(owner.id, moving.id, { projectId: elsewhere.id });
    await deleteTaskForUser(owner.id, task.id);
    await updateProjectForUser(owner.id, project.id, { name: "Busier" });
    await updateProjectForUser(owner.id, project.id, { archived: true });

    const response = await get(viewer, `/api/projects/${project.id}/activity?limit=4`);
    expect(response.status).toBe(200);
    const first = (await response.json()) as ActivityBody;
    expect(first.activity.map((entry) => entry.kind)).toEqual([
      "project_archived",
      "project_renamed",
      "task_deleted",
      "task_moved_out",
    ]);
    expect(first.activity[1]!.details).toEqual({ from: "Busy", to: "Busier" });
    expect(first.activity[2]).toMatchObject({ actor: { name: "Olive" }, task: { title: "Write the report" } });
    // The viewer is not a member of "Elsewhere": it is not named.
    expect(first.activity[3]).toMatchObject({ task: { title: "Move me" }, otherProject: null });
    const rest = (await (
      await get(viewer, `/api/${viewer.id}/projects/${project.id}/activity?cursor=${first.nextCursor}`)
    ).json()) as ActivityBody;
    expect(rest.nextCursor).toBeNull();
    expect(rest.activity.map((entry) => entry.kind)).toEqual([
      "task_created",
      "task_commented",
      "task_reopened",
      "task_completed",
      "task_edited",
      "task_created",
    ]);
    expect(rest.activity[1]!.actor).toEqual({ id: viewer.id, name: "Vic" });
    expect(rest.activity[4]!.details).toEqual({ fields: ["title", "priority"] });
    // The owner may see both projects: the move names its target, and the target records the arrival.
    const asOwner = (await listProjectActivity(owner.id, project.id))!;
    expect(asOwner.items.find((item) => item.kind === "task_moved_out")!.otherProject).toEqual({
      id: elsewhere.id,
      name: "Elsewhere",
    });
    const arrived = (await listProjectActivity(owner.id, elsewhere.id))!;
    expect(arrived.items.map((item) => [item.kind, item.otherProject?.name])).toEqual([["task_moved_in", "Busier"]]);
  });

  it("records a bulk change as one entry per task it changed (none for a task that already was so)", async () => {
    const project = await createProjectForUser(owner.id, { name: "Bulk", favorite: false });
    const tasks = await Promise.all(
      ["One", "Two", "Three"].map((title) => createTaskForUser(owner.id, newTask(title, project.id))),
    );
    await applyBulkAction(owner.id, { action: "complete", ids: [tasks[0]!.id, tasks[1]!.id] });
    // Already complete: not written, not recorded.
    await applyBulkAction(owner.id, { action: "complete", ids: [tasks[0]!.id, tasks[2]!.id] });
    await applyBulkAction(owner.id, { action: "delete", ids: tasks.map((task) => task.id) });
    const kinds = (await listProjectActivity(owner.id, project.id))!.items.map(
      (item) => `${item.kind} ${item.task!.title}`,
    );
    expect(kinds.slice(0, 6).sort()).toEqual(
      [
        "task_deleted One",
        "task_deleted Two",
        "task_deleted Three",
        "task_completed Three",
        "task_completed One",
        "task_completed Two",
      ].sort(),
    );
    expect(kinds.filter((kind) => kind.startsWith("task_completed"))).toHaveLength(3);
  });

  it("records an import's tasks as created, in the projects they went to (the Inbox too)", async () => {
    const source = await signUpApiUser("Source");
    await createTaskForUser(source.id, newTask("Imported one"));
    await createTaskForUser(source.id, newTask("Imported two"));
    const document = await (await get(source, "/api/export")).text();
    const target = await signUpApiUser("Target");
    const imported = await apiFetch(
      "/api/import",
      withToken(target.token, { method: "POST", body: document, headers: { "content-type": "application/json" } }),
    );
    expect(imported.status, await imported.clone().text()).toBe(201);
    const inbox = (
      (await (await get(target, "/api/projects")).json()) as { projects: { id: string; inbox: boolean }[] }
    ).projects.find((each) => each.inbox)!;
    const entries = (await listProjectActivity(target.id, inbox.id))!.items;
    expect(entries.map((item) => `${item.kind} ${item.task?.title} ${item.actor?.name}`).sort()).toEqual([
      "task_created Imported one Target",
      "task_created Imported two Target",
    ]);
  });

  it("answers a non-member, a missing project and a malformed id with the same 404, and bad paging with 400", async () => {
    const missing = await get(outsider, `/api/projects/00000000-0000-4000-8000-000000000000/activity`);
    const theirs = await get(outsider, `/api/projects/${projectId}/activity`);
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual(await missing.json());
    expect((await get(outsider, `/api/projects/nope/activity`)).status).toBe(404);
    for (const query of ["limit=0", "limit=101", "limit=x", "cursor=NOT-A-CURSOR"]) {
      expect((await get(owner, `/api/projects/${projectId}/activity?${query}`)).status, query).toBe(400);
    }
  });

  it("keeps entries of the membership kinds, whose call sites are the sharing branches', readable", async () => {
    const project = await createProjectForUser(owner.id, { name: "Members", favorite: false });
    await join(project.id, viewer, "viewer");
    await db.transaction((tx) =>
      recordActivity(tx, [
        { projectId: project.id, actorId: owner.id, kind: "member_invited", details: { role: "editor" } },
        { projectId: project.id, actorId: viewer.id, kind: "member_joined" },
        {
          projectId: project.id,
          actorId: owner.id,
          kind: "member_role_changed",
          subjectUserId: viewer.id,
          details: { from: "viewer", to: "editor" },
        },
      ]),
    );
    const items = (await listProjectActivity(viewer.id, project.id))!.items;
    expect(items.map((item) => [item.kind, item.actor?.name, item.subject?.name ?? null])).toEqual([
      ["member_role_changed", "Olive", "Vic"],
      ["member_joined", "Vic", null],
      ["member_invited", "Olive", null],
    ]);
    expect(await db.select().from(projectActivity).where(eq(projectActivity.projectId, project.id))).toHaveLength(3);
  });
});
