// Shared projects as their members live them (issue 29, decisions 095 and 096): a member finds
// the project's tasks in every list, count and search; labels on a shared task are everyone's;
// assignees, their mail and its setting; repeating tasks keep theirs; moving needs editor in
// both projects; a removal takes effect on the next request, API keys and JWTs included;
// handing over carries the tasks; the Inbox is never shared; 50 members at most.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createApiKey } from "~/api-keys/api-keys.server";
import { createLabelForUser } from "~/labels/labels.server";
import {
  addProjectMember,
  changeMemberRole,
  handOverProject,
  listOwnedSharedProjects,
  listProjectMembers,
  MembershipConflictError,
  removeProjectMember,
} from "~/projects/members.server";
import { InsufficientRoleError } from "~/projects/project-access.server";
import { createProjectForUser, ensureInbox, getProjectForUser, listProjectsForUser } from "~/projects/projects.server";
import { ProjectInputSchema } from "~/projects/project-schema";
import { countViewsForUser, listTasksForUser, summarizeTasksForUser } from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { todayFor } from "~/tasks/due-date";
import {
  AssigneeNotMemberError,
  createTaskForUser,
  getTaskForUser,
  setTaskCompletion,
  updateTaskForUser,
} from "~/tasks/tasks.server";
import { TaskInputSchema } from "~/tasks/task-schema";
import { mailOutbox, project, task, user } from "../../db/schema";
import { type ApiUser, apiFetch, signUpApiUser, withToken } from "../support/api";
import { insertUser } from "../support/users";

let ann: ApiUser;
let ben: ApiUser;
let cat: ApiUser;
let dan: ApiUser;

const newProject = async (ownerId: string, name = `Shared ${crypto.randomUUID()}`) =>
  (await createProjectForUser(ownerId, ProjectInputSchema.parse({ name }))).id;
const query = (fields: Record<string, unknown> = {}) => TaskListQuerySchema.parse(fields);
const titles = async (userId: string, fields: Record<string, unknown> = {}) =>
  (await listTasksForUser(userId, query(fields), { limit: 100, reader: todayFor("UTC") })).tasks.map(
    (each) => each.title,
  );
const ASSIGNED = "You were assigned a task in Tasklane";
const mailTo = (email: string) =>
  db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.recipient, email), eq(mailOutbox.subject, ASSIGNED)));

beforeAll(async () => {
  [ann, ben, cat, dan] = (await Promise.all(["Ann", "Ben", "Cat", "Dan"].map((name) => signUpApiUser(name)))) as [
    ApiUser,
    ApiUser,
    ApiUser,
    ApiUser,
  ];
});

describe("a shared project", () => {
  it("shows its tasks to its members in every list, count and search, and to nobody else", async () => {
    const shared = await newProject(ann.id);
    await addProjectMember(ann.id, shared, ben.id, "viewer");
    const today = new Date().toISOString().slice(0, 10);
    await createTaskForUser(
      ann.id,
      TaskInputSchema.parse({
        title: "Paint the fence",
        category: "Garden",
        projectId: shared,
        dueDate: today,
        timeZone: "UTC",
      }),
    );
    await createTaskForUser(ben.id, TaskInputSchema.parse({ title: "Ben's own errand" }));

    expect(await titles(ben.id)).toEqual(["Ben's own errand", "Paint the fence"]);
    expect(await titles(ben.id, { q: "fence" })).toEqual(["Paint the fence"]);
    expect(await titles(ben.id, { project: shared })).toEqual(["Paint the fence"]);
    expect(await titles(ben.id, { view: "today" })).toEqual(["Paint the fence"]);
    const summary = await summarizeTasksForUser(ben.id, query({}));
    expect(summary).toMatchObject({ pending: 2, categories: ["Garden"] });
    expect(await countViewsForUser(ben.id, todayFor("UTC"))).toMatchObject({ today: 1 });
    expect((await listProjectsForUser(ben.id)).find((each) => each.id === shared)).toMatchObject({
      role: "viewer",
      memberCount: 2,
      pendingCount: 1,
    });

    // Cat is no member: nothing of it, anywhere.
    expect(await titles(cat.id, { q: "fence" })).toEqual([]);
    expect(await getProjectForUser(cat.id, shared)).toBeNull();
    expect(await listProjectMembers(cat.id, shared)).toBeNull();
    expect(await summarizeTasksForUser(cat.id, query({}))).toMatchObject({ categories: [] });

    // A viewer reads but does not change.
    const [fence] = (await listTasksForUser(ben.id, query({ project: shared }), { limit: 1 })).tasks;
    await expect(updateTaskForUser(ben.id, fence!.id, { title: "Mine now" })).rejects.toThrow(InsufficientRoleError);
    const refused = await apiFetch(
      `/api/tasks/${fence!.id}`,
      withToken(ben.token, { method: "PATCH", json: { title: "x" } }),
    );
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ status: 403, code: "insufficient_role" });
    expect((await getTaskForUser(ann.id, fence!.id))!.title).toBe("Paint the fence");
  });

  it("keeps the labels on a task everyone's: names stay whoever's label they are, filters match by name", async () => {
    const shared = await newProject(ann.id);
    await addProjectMember(ann.id, shared, ben.id, "editor");
    await createLabelForUser(ann.id, { name: "Urgent" });
    await createLabelForUser(ben.id, { name: `Ben ${shared.slice(0, 4)}` });
    const bens = `Ben ${shared.slice(0, 4)}`;
    const created = await createTaskForUser(
      ann.id,
      TaskInputSchema.parse({ title: "Order paint", projectId: shared, labels: ["Urgent"] }),
    );

    // Ben adds his own label, sending back Ann's as he read it.
    const both = await updateTaskForUser(ben.id, created.id, { labels: ["Urgent", bens] });
    expect(both!.labels.toSorted()).toEqual(["Urgent", bens].toSorted());
    expect((await getTaskForUser(ann.id, created.id))!.labels.toSorted()).toEqual(["Urgent", bens].toSorted());
    // Each finds it by either name, though neither has the other's label.
    expect(await titles(ben.id, { label: ["urgent"] })).toContain("Order paint");
    expect(await titles(ann.id, { label: [bens] })).toContain("Order paint");
    expect(await titles(cat.id, { label: ["Urgent"] })).toEqual([]);
    // Ann takes Ben's off; her own stays.
    expect((await updateTaskForUser(ann.id, created.id, { labels: ["Urgent"] }))!.labels).toEqual(["Urgent"]);
  });

  it("assigns tasks to members, mails them unless they turned it off, and unassigns a removed member", async () => {
    const shared = await newProject(ann.id);
    await addProjectMember(ann.id, shared, ben.id, "editor");
    const created = await createTaskForUser(ann.id, TaskInputSchema.parse({ title: "Buy brushes", projectId: shared }));

    await expect(updateTaskForUser(ann.id, created.id, { assigneeId: cat.id })).rejects.toThrow(AssigneeNotMemberError);
    const assigned = await apiFetch(
      `/api/tasks/${created.id}`,
      withToken(ann.token, { method: "PATCH", json: { assigneeId: ben.id } }),
    );
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toMatchObject({ assigneeId: ben.id });
    const [mail] = await mailTo(ben.email);
    expect(mail).toMatchObject({ subject: "You were assigned a task in Tasklane" });
    expect(mail!.textBody).toContain("Ann assigned you “Buy brushes”");
    expect(mail!.links).toEqual([expect.stringContaining(`/tasks/${created.id}`)]);

    // Assigning oneself mails nobody; nor does anyone once the setting is off.
    await updateTaskForUser(ben.id, created.id, { assigneeId: null });
    await updateTaskForUser(ben.id, created.id, { assigneeId: ben.id });
    expect(await mailTo(ben.email)).toHaveLength(1);
    await db.update(user).set({ assignmentMail: false }).where(eq(user.id, ben.id));
    await updateTaskForUser(ann.id, created.id, { assigneeId: null });
    await updateTaskForUser(ann.id, created.id, { assigneeId: ben.id });
    expect(await mailTo(ben.email)).toHaveLength(1);
    await db.update(user).set({ assignmentMail: true }).where(eq(user.id, ben.id));

    // The list's filters, in the API too.
    expect(await titles(ben.id, { assignee: "me", project: shared })).toEqual(["Buy brushes"]);
    expect(await titles(ann.id, { assignee: "none", project: shared })).toEqual([]);
    const byId = await apiFetch(`/api/tasks?project=${shared}&assignee=${ben.id}`, withToken(ann.token));
    expect(((await byId.json()) as { tasks: { title: string }[] }).tasks.map((each) => each.title)).toEqual([
      "Buy brushes",
    ]);
    expect((await apiFetch(`/api/tasks?assignee=someone`, withToken(ann.token))).status).toBe(400);

    await removeProjectMember(ann.id, shared, ben.id);
    expect((await getTaskForUser(ann.id, created.id))!.assigneeId).toBeNull();
    expect(await titles(ann.id, { assignee: "none", project: shared })).toEqual(["Buy brushes"]);
  });

  it("keeps the assignee on a repeating task's next occurrence", async () => {
    const shared = await newProject(ann.id);
    await addProjectMember(ann.id, shared, ben.id, "editor");
    const weekly = await createTaskForUser(
      ann.id,
      TaskInputSchema.parse({
        title: "Water the plants",
        projectId: shared,
        assigneeId: ben.id,
        dueDate: "2026-12-07",
        timeZone: "UTC",
        repeat: { rule: "FREQ=WEEKLY", mode: "due" },
      }),
    );
    await setTaskCompletion(ben.id, weekly.id, true);
    const [next] = await db.select().from(task).where(eq(task.repeatOf, weekly.id));
    expect(next).toMatchObject({ projectId: shared, assigneeId: ben.id, userId: ann.id, dueDate: "2026-12-14" });
  });

  it("moves a task only between projects where the person is an editor", async () => {
    const shared = await newProject(ann.id);
    const watched = await newProject(ann.id);
    await addProjectMember(ann.id, shared, ben.id, "editor");
    await addProjectMember(ann.id, watched, ben.id, "viewer");
    const moving = await createTaskForUser(ann.id, TaskInputSchema.parse({ title: "Move me", projectId: shared }));

    await expect(updateTaskForUser(ben.id, moving.id, { projectId: watched })).rejects.toThrow(InsufficientRoleError);
    const bensInbox = await ensureInbox(ben.id);
    const moved = await updateTaskForUser(ben.id, moving.id, { projectId: bensInbox });
    // Now Ben's alone: its owner is the Inbox's.
    expect(moved).toMatchObject({ projectId: bensInbox, userId: ben.id });
    expect(await getTaskForUser(ann.id, moving.id)).toBeNull();
  });

  it("shuts a removed member out on their very next request, by JWT and by API key", async () => {
    const shared = await newProject(ann.id);
    await addProjectMember(ann.id, shared, dan.id, "editor");
    const created = await createTaskForUser(ann.id, TaskInputSchema.parse({ title: "Secret plan", projectId: shared }));
    const { key } = await createApiKey(
      { id: dan.id, name: "Dan", email: dan.email },
      { name: "script", scope: "write", lifetimeDays: 30 },
      { ipAddress: null, userAgent: null },
    );
    for (const credential of [dan.token, key])
      expect((await apiFetch(`/api/tasks/${created.id}`, withToken(credential))).status).toBe(200);

    await changeMemberRole(ann.id, shared, dan.id, "viewer");
    const lowered = await apiFetch(`/api/tasks/${created.id}`, withToken(key, { method: "DELETE" }));
    expect(lowered.status).toBe(403);

    await removeProjectMember(ann.id, shared, dan.id);
    for (const credential of [dan.token, key]) {
      const gone = await apiFetch(`/api/tasks/${created.id}`, withToken(credential));
      const missing = await apiFetch(`/api/tasks/${crypto.randomUUID()}`, withToken(credential));
      expect(gone.status).toBe(404);
      expect(await gone.text()).toBe(await missing.text());
    }
    expect((await apiFetch(`/api/projects/${shared}/members`, withToken(dan.token))).status).toBe(404);
  });

  it("hands the project over with its tasks; the old owner stays an admin and may then leave", async () => {
    const shared = await newProject(ann.id, `Handed ${crypto.randomUUID()}`);
    await addProjectMember(ann.id, shared, cat.id, "admin");
    const created = await createTaskForUser(ann.id, TaskInputSchema.parse({ title: "Keep going", projectId: shared }));

    await expect(removeProjectMember(ann.id, shared, ann.id)).rejects.toThrow(MembershipConflictError);
    await expect(handOverProject(cat.id, shared, cat.id)).rejects.toThrow(InsufficientRoleError);
    await handOverProject(ann.id, shared, cat.id);
    const [row] = await db.select({ userId: project.userId }).from(project).where(eq(project.id, shared));
    expect(row).toEqual({ userId: cat.id });
    expect(await getTaskForUser(cat.id, created.id)).toMatchObject({ userId: cat.id });
    expect((await getProjectForUser(ann.id, shared))!.role).toBe("admin");
    expect((await getProjectForUser(cat.id, shared))!).toMatchObject({ role: "owner", taskCount: 1 });

    await removeProjectMember(ann.id, shared, ann.id);
    expect(await getTaskForUser(ann.id, created.id)).toBeNull();
  });

  it("never shares an Inbox, and holds 50 members at most", async () => {
    const inbox = await ensureInbox(ann.id);
    await expect(addProjectMember(ann.id, inbox, ben.id, "viewer")).rejects.toThrow(MembershipConflictError);

    const crowded = await newProject(ann.id);
    for (let n = 1; n < 50; n++)
      await addProjectMember(ann.id, crowded, (await insertUser(`Member ${n}`)).id, "viewer");
    await expect(addProjectMember(ann.id, crowded, ben.id, "viewer")).rejects.toThrow(/at most 50 members/);
    expect((await listProjectMembers(ann.id, crowded))!).toHaveLength(50);
  });

  it("names the shared projects an account deletion takes, and removes the account from the others", async () => {
    const eve = await signUpApiUser("Eve");
    const evesOwn = await newProject(eve.id, `Eve's garden ${crypto.randomUUID()}`);
    await addProjectMember(eve.id, evesOwn, ann.id, "editor");
    await addProjectMember(eve.id, evesOwn, ben.id, "viewer");
    await newProject(eve.id, `Eve alone ${crypto.randomUUID()}`);
    const annsOwn = await newProject(ann.id);
    await addProjectMember(ann.id, annsOwn, eve.id, "editor");
    const assigned = await createTaskForUser(
      ann.id,
      TaskInputSchema.parse({ title: "Eve's job", projectId: annsOwn, assigneeId: eve.id }),
    );

    expect(await listOwnedSharedProjects(eve.id)).toEqual([
      { id: evesOwn, name: expect.stringMatching(/^Eve's garden/), otherMembers: 2 },
    ]);
    await db.delete(user).where(eq(user.id, eve.id));
    expect(await getProjectForUser(ann.id, evesOwn)).toBeNull();
    expect((await listProjectMembers(ann.id, annsOwn))!.map((member) => member.userId)).toEqual([ann.id]);
    expect((await getTaskForUser(ann.id, assigned.id))!.assigneeId).toBeNull();
  });
});

describe("Upcoming across owners (decision 115 with sharing)", () => {
  it("a member's Upcoming runs in due order across their own and a shared project's tasks, page after page", async () => {
    const [owner, member] = await Promise.all([signUpApiUser("Owen"), signUpApiUser("Mia")]);
    const shared = await newProject(owner.id);
    await addProjectMember(owner.id, shared, member.id, "viewer");
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    // The owner's on days 1, 5 and 6, the member's own on 2, 3 and 4 (all at 08:00 UTC): whichever
    // account sorts first, walking one owner's rows before the other's would put a day out of place.
    const due = (offset: number, projectId?: string) => ({
      title: `day ${offset}`,
      dueDate: day(offset),
      dueTime: "08:00",
      timeZone: "UTC",
      ...(projectId && { projectId }),
    });
    for (const offset of [1, 5, 6]) await createTaskForUser(owner.id, TaskInputSchema.parse(due(offset, shared)));
    for (const offset of [2, 3, 4]) await createTaskForUser(member.id, TaskInputSchema.parse(due(offset)));
    const upcoming = query({ view: "upcoming", sort: "due_date" });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listTasksForUser>> = await listTasksForUser(member.id, upcoming, {
        limit: 1,
        cursor,
        reader: todayFor("UTC"),
      });
      seen.push(...page.tasks.map((each) => each.title));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(["day 1", "day 2", "day 3", "day 4", "day 5", "day 6"]);
  });
});
