// What an export reads: the projects the person owns (or the one project asked for), their
// labels, and the tasks of those projects a page at a time, so 10,000 tasks never sit in
// memory at once (the route streams each page out before the next is read).
import { and, asc, eq, gt, inArray, or, type SQL } from "drizzle-orm";
import { db } from "~/db.server";
import { listLabelsForUser } from "~/labels/labels.server";
import type { Label } from "~/labels/label-schema";
import { projectsOwnedBy } from "~/projects/project-access.server";
import type { Project } from "~/projects/project-schema";
import { getProjectForUser, listProjectsForUser } from "~/projects/projects.server";
import type { ReminderView } from "~/reminders/reminder-schema";
import { project, task, taskComment, taskReminder, user } from "../../../db/schema";
import { type Task, taskColumns } from "../tasks.server";

export const EXPORT_PAGE_SIZE = 1000;

export interface ExportScope {
  /** Whose export: their reminders and the comments they wrote come with the tasks. */
  userId: string;
  projects: Project[];
  labels: Label[];
}

/**
 * Everything the person owns (their projects, archived ones too, and labels), or with
 * `projectId` that project alone (any project they may see); null when there is no such project.
 */
export async function exportScopeFor(userId: string, projectId?: string): Promise<ExportScope | null> {
  const labels = await listLabelsForUser(userId);
  if (projectId !== undefined) {
    const one = await getProjectForUser(userId, projectId);
    return one && { userId, projects: [one], labels };
  }
  const [listed, archived, owned] = await Promise.all([
    listProjectsForUser(userId),
    listProjectsForUser(userId, { archived: true }),
    db.select({ id: project.id }).from(project).where(projectsOwnedBy(userId)),
  ]);
  const ownIds = new Set(owned.map((row) => row.id));
  return { userId, projects: [...listed, ...archived].filter((each) => ownIds.has(each.id)), labels };
}

/** The tasks of the scope's projects, oldest first, a page at a time. */
export async function* exportedTasks(scope: ExportScope): AsyncGenerator<Task[]> {
  const projectIds = scope.projects.map((each) => each.id);
  if (projectIds.length === 0) return;
  let after: Pick<Task, "createdAt" | "id"> | null = null;
  for (;;) {
    const page: Task[] = await db
      .select(taskColumns)
      .from(task)
      .where(
        and(
          inArray(task.projectId, projectIds),
          after
            ? or(gt(task.createdAt, after.createdAt), and(eq(task.createdAt, after.createdAt), gt(task.id, after.id)))
            : undefined,
        ),
      )
      .orderBy(asc(task.createdAt), asc(task.id))
      .limit(EXPORT_PAGE_SIZE);
    if (page.length > 0) yield page;
    if (page.length < EXPORT_PAGE_SIZE) return;
    after = page.at(-1)!;
  }
}

/** Reads `select` a page at a time by (created_at, id), oldest first, until it is exhausted. */
async function* keysetPages<Row extends { createdAt: Date; id: string }>(
  read: (after: SQL | undefined) => Promise<Row[]>,
  createdAt: typeof taskReminder.createdAt | typeof taskComment.createdAt,
  id: typeof taskReminder.id | typeof taskComment.id,
): AsyncGenerator<Row[]> {
  let last: Row | null = null;
  for (;;) {
    const after = last
      ? or(gt(createdAt, last.createdAt), and(eq(createdAt, last.createdAt), gt(id, last.id)))
      : undefined;
    const page = await read(after);
    if (page.length > 0) yield page;
    if (page.length < EXPORT_PAGE_SIZE) return;
    last = page.at(-1)!;
  }
}

export type ExportedReminder = ReminderView & { taskId: string; createdAt: Date };

/** The reminders the person set on the scope's tasks, a page at a time. */
export async function* exportedReminders(scope: ExportScope): AsyncGenerator<ExportedReminder[]> {
  const projectIds = scope.projects.map((each) => each.id);
  if (projectIds.length === 0) return;
  yield* keysetPages(
    (after) =>
      db
        .select({
          id: taskReminder.id,
          taskId: taskReminder.taskId,
          beforeSeconds: taskReminder.beforeSeconds,
          at: taskReminder.at,
          sendAt: taskReminder.sendAt,
          sentAt: taskReminder.sentAt,
          status: taskReminder.status,
          skipReason: taskReminder.skipReason,
          createdAt: taskReminder.createdAt,
        })
        .from(taskReminder)
        .innerJoin(task, eq(task.id, taskReminder.taskId))
        .where(and(inArray(task.projectId, projectIds), eq(taskReminder.setBy, scope.userId), after))
        .orderBy(asc(taskReminder.createdAt), asc(taskReminder.id))
        .limit(EXPORT_PAGE_SIZE),
    taskReminder.createdAt,
    taskReminder.id,
  );
}

export interface ExportedComment {
  id: string;
  taskId: string;
  body: string;
  author: { id: string; name: string };
  createdAt: Date;
  editedAt: Date | null;
  canEdit: boolean;
  canDelete: boolean;
}

/** The comments the person wrote on the scope's tasks, a page at a time. */
export async function* exportedComments(scope: ExportScope): AsyncGenerator<ExportedComment[]> {
  const projectIds = scope.projects.map((each) => each.id);
  if (projectIds.length === 0) return;
  for await (const page of keysetPages(
    (after) =>
      db
        .select({
          id: taskComment.id,
          taskId: taskComment.taskId,
          body: taskComment.body,
          authorName: user.name,
          createdAt: taskComment.createdAt,
          editedAt: taskComment.editedAt,
        })
        .from(taskComment)
        .innerJoin(task, eq(task.id, taskComment.taskId))
        .innerJoin(user, eq(user.id, taskComment.authorId))
        .where(and(inArray(task.projectId, projectIds), eq(taskComment.authorId, scope.userId), after))
        .orderBy(asc(taskComment.createdAt), asc(taskComment.id))
        .limit(EXPORT_PAGE_SIZE),
    taskComment.createdAt,
    taskComment.id,
  ))
    yield page.map(({ authorName, ...comment }) => ({
      ...comment,
      author: { id: scope.userId, name: authorName },
      // Their own: they may edit and delete each.
      canEdit: true,
      canDelete: true,
    }));
}
