// Comments and activity are reachable only through membership of the task's project: a
// non-member (and a member just removed) gets the 404 of a missing task, comment or project,
// in the API and on the pages, and nothing changes. A comment id of one task names nothing
// under another, even the caller's own. A member may not change what is not theirs.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addTaskComment, listTaskComments } from "~/comments/comments.server";
import { db } from "~/db.server";
import { createProjectForUser } from "~/projects/projects.server";
import * as activityPage from "~/routes/projects.$projectId.activity";
import * as taskPage from "~/routes/tasks.$taskId";
import { createTaskForUser, type Task } from "~/tasks/tasks.server";
import { projectMember } from "../../db/schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";
import { signUpOverHttp } from "../support/auth";
import { loaderOrActionArgs, outcome } from "../support/routes";

const MISSING = "00000000-0000-4000-8000-000000000000";
const newTask = (title: string, projectId: string) => ({
  title,
  description: "",
  priority: "medium" as const,
  category: null,
  dueDate: null,
  completed: false,
  labels: [],
  projectId,
});

let ann: ApiUser;
let bob: ApiUser;
let bobInBrowser: { userId: string; cookie: string };
let annsTask: Task;
let bobsTask: Task;
let projectId: string;
let commentId: string;

beforeAll(async () => {
  [ann, bob] = await Promise.all([signUpApiUser("Ann"), signUpApiUser("Bob")]);
  bobInBrowser = await signUpOverHttp({ name: "Bob in a browser" });
  projectId = (await createProjectForUser(ann.id, { name: "Secret plans", favorite: false })).id;
  annsTask = await createTaskForUser(ann.id, newTask("Secret task", projectId));
  const bobsProject = (await createProjectForUser(bob.id, { name: "Bob's", favorite: false })).id;
  bobsTask = await createTaskForUser(bob.id, newTask("Bob's own", bobsProject));
  commentId = (await addTaskComment(ann.id, annsTask.id, "Secret comment"))!.id;
});

const as = (person: ApiUser, path: string, method = "GET", json?: unknown) =>
  apiFetch(path, withToken(person.token, { method, ...(json !== undefined && { json }) }));

async function bobFindsNothing() {
  const paths: [string, string, unknown?][] = [
    ["GET", `/api/tasks/${annsTask.id}/comments`],
    ["POST", `/api/tasks/${annsTask.id}/comments`, { body: "Bob was here" }],
    ["GET", `/api/${bob.id}/tasks/${annsTask.id}/comments`],
    ["PATCH", `/api/tasks/${annsTask.id}/comments/${commentId}`, { body: "Bob was here" }],
    ["DELETE", `/api/tasks/${annsTask.id}/comments/${commentId}`],
    ["GET", `/api/projects/${projectId}/activity`],
  ];
  for (const [method, path, json] of paths) {
    const answer = await as(bob, path, method, json);
    const missing = await as(bob, path.replace(annsTask.id, MISSING).replace(projectId, MISSING), method, json);
    expect(answer.status, `${method} ${path}`).toBe(404);
    const body = await answer.text();
    expect(body, `${method} ${path}`).toBe(await missing.text());
    expect(body).not.toMatch(/Secret/);
  }
  expect((await listTaskComments(ann.id, annsTask.id))!.map((comment) => comment.body)).toEqual(["Secret comment"]);
}

describe("comment and activity isolation", () => {
  it("answers a non-member with the 404 of a missing task, comment or project, and changes nothing", async () => {
    await bobFindsNothing();
  });

  it("names nothing with a comment id of another task, even under the caller's own task", async () => {
    for (const [method, json] of [
      ["PATCH", { body: "Bob was here" }],
      ["DELETE", undefined],
    ] as const) {
      const answer = await as(bob, `/api/tasks/${bobsTask.id}/comments/${commentId}`, method, json);
      expect(answer.status).toBe(404);
      expect(await answer.json()).toMatchObject({ detail: "No such comment" });
    }
    expect((await listTaskComments(ann.id, annsTask.id))!).toHaveLength(1);
  });

  it("shuts out a removed member on their very next request", async () => {
    await db.insert(projectMember).values({ projectId, userId: bob.id, role: "admin" });
    expect((await as(bob, `/api/tasks/${annsTask.id}/comments`)).status).toBe(200);
    expect((await as(bob, `/api/projects/${projectId}/activity`)).status).toBe(200);
    await db.delete(projectMember).where(and(eq(projectMember.projectId, projectId), eq(projectMember.userId, bob.id)));
    await bobFindsNothing();
  });

  it("refuses a viewer's edit or delete of another's comment (403), and changes nothing", async () => {
    await db.insert(projectMember).values({ projectId, userId: bob.id, role: "viewer" });
    try {
      const edit = await as(bob, `/api/tasks/${annsTask.id}/comments/${commentId}`, "PATCH", { body: "Pwned" });
      expect(edit.status).toBe(403);
      expect(await edit.json()).toMatchObject({ code: "not_author" });
      const del = await as(bob, `/api/tasks/${annsTask.id}/comments/${commentId}`, "DELETE");
      expect(del.status).toBe(403);
      expect(await del.json()).toMatchObject({ code: "insufficient_role" });
      expect((await listTaskComments(ann.id, annsTask.id))!.map((comment) => comment.body)).toEqual(["Secret comment"]);
    } finally {
      await db
        .delete(projectMember)
        .where(and(eq(projectMember.projectId, projectId), eq(projectMember.userId, bob.id)));
    }
  });

  it("answers the pages' comment forms and the activity page with the page's 404", async () => {
    const forms: Record<string, string>[] = [
      { intent: "comment-add", body: "Bob was here" },
      { intent: "comment-edit", commentId, body: "Bob was here" },
      { intent: "comment-delete", commentId },
    ];
    for (const fields of forms) {
      const answer = await outcome(() =>
        taskPage.action(
          loaderOrActionArgs("POST", `/tasks/${annsTask.id}`, {
            cookie: bobInBrowser.cookie,
            params: { taskId: annsTask.id },
            fields,
          }) as unknown as Parameters<typeof taskPage.action>[0],
        ),
      );
      // An edit or delete finds no such comment ("gone"); an add finds no such task. Neither says more.
      expect(answer.status, fields.intent).toBe(404);
      expect(JSON.stringify(answer.data ?? "")).not.toMatch(/Secret/);
    }
    expect((await listTaskComments(ann.id, annsTask.id))!.map((comment) => comment.body)).toEqual(["Secret comment"]);
    const page = await outcome(() =>
      activityPage.loader(
        loaderOrActionArgs("GET", `/projects/${projectId}/activity`, {
          cookie: bobInBrowser.cookie,
          params: { projectId },
        }) as unknown as Parameters<typeof activityPage.loader>[0],
      ),
    );
    expect(page).toMatchObject({ status: 404, data: "Project not found" });
  });
});
