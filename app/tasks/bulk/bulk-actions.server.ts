// One action on many of a person's tasks, all or nothing: one transaction that first locks
// every named task in the owner's scope. If any is missing or someone else's, nothing changes.
import { type ActivityEntry, recordActivity, taskChangeActivity } from "~/activity/record-activity.server";
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { db } from "~/db.server";
import { resolveLabels, UnknownLabelError } from "~/labels/task-labels.server";
import {
  InsufficientRoleError,
  peopleSharingWith,
  projectsAccessibleTo,
  tasksAccessibleTo,
} from "~/projects/project-access.server";
import { qualified } from "~/db/sql";
import { ProjectNotFoundError } from "~/projects/projects.server";
import { label, project, projectMember, task, taskLabel } from "../../../db/schema";
import { nextUpdatedAt } from "~/db/owned-rows.server";
import { followCompletion, isTaskId, type Task, taskColumns } from "../tasks.server";
import {
  cancelRemindersOutOfReach,
  followUnassignment,
  scheduleTaskReminders,
} from "~/reminders/task-reminders.server";
import { type BulkAction, type BulkColumns, type BulkRequest, bulkChangeOf } from "./bulk-actions";

export interface BulkResult {
  action: BulkAction;
  /** Every task named, as stored afterwards, in the order named (none after a delete). */
  tasks: Task[];
  /** The ids deleted (delete only). */
  deleted: string[];
}

/** Some ids name no task of the person's (missing, deleted meanwhile, or someone else's: one answer). */
export class TasksNotFoundError extends Error {
  constructor(readonly ids: string[]) {
    super(ids.length === 1 ? "No such task" : "No such tasks");
  }
}

type Transaction = Parameters<Parameters<typeof db.transaction>[0]>[0];

/**
 * Applies `request` to the user's tasks. Throws TasksNotFoundError, changing nothing, when any
 * id is not one of the user's tasks, UnknownLabelError (field `label`) for a label they lack,
 * and ProjectNotFoundError for a project (move) they may not put tasks in.
 * A task that already has the value asked for is not written: its updated_at (ETag) stays.
 */
export async function applyBulkAction(userId: string, request: BulkRequest): Promise<BulkResult> {
  // Ids are UUIDs, which PostgreSQL returns in lower case; the same task named twice is one.
  const ids = [...new Set(request.ids.map((id) => id.toLowerCase()))];
  const malformed = ids.filter((id) => !isTaskId(id));
  if (malformed.length > 0) throw new TasksNotFoundError(malformed);
  const owned = and(tasksAccessibleTo(userId, "edit"), inArray(task.id, ids));
  const change = bulkChangeOf(request);

  return db.transaction(async (tx) => {
    const found = await tx
      .select({ id: task.id, projectId: task.projectId, completed: task.completed, assigneeId: task.assigneeId })
      .from(task)
      .where(owned)
      .for("update");
    if (found.length !== ids.length) {
      const present = new Set(found.map((row) => row.id));
      const missing = ids.filter((id) => !present.has(id));
      // Only tasks the person may see but not change: their role is the answer, not "not found".
      const seen = await tx
        .select({ id: task.id })
        .from(task)
        .where(and(tasksAccessibleTo(userId, "see"), inArray(task.id, missing)));
      if (seen.length === missing.length) throw new InsufficientRoleError("edit");
      const visible = new Set(seen.map((row) => row.id));
      throw new TasksNotFoundError(missing.filter((id) => !visible.has(id)));
    }

    // The tasks a change wrote, and which of their fields it edited: their activity, one INSERT.
    let changed: { id: string; projectId: string; completed: boolean; title: string }[] = [];
    let edited: string[] = [];
    switch (change.kind) {
      case "delete": {
        const deleted = await tx
          .delete(task)
          .where(owned)
          .returning({ id: task.id, projectId: task.projectId, title: task.title });
        await recordActivity(
          tx,
          deleted.map((row): ActivityEntry => ({
            projectId: row.projectId,
            actorId: userId,
            kind: "task_deleted",
            taskId: row.id,
            taskTitle: row.title,
          })),
        );
        return { action: request.action, tasks: [], deleted: deleted.map((row) => row.id) };
      }
      case "add_label":
      case "remove_label":
        changed = await relabel(tx, userId, ids, change);
        edited = ["labels"];
        break;
      case "columns":
        changed = await setColumns(tx, owned, change.columns);
        edited = Object.keys(change.columns).filter((name) => name !== "completed");
        break;
      case "move": {
        // Checked even when every task is in it already: another person's project is never an answer.
        const [target] = await tx
          .select({ id: project.id, ownerId: project.userId })
          .from(project)
          .where(and(eq(project.id, change.projectId), projectsAccessibleTo(userId, "edit")))
          .for("share");
        if (!target) throw new ProjectNotFoundError();
        // Its owner comes along (task.user_id, decision 095); an assignee stays only while a member there.
        changed = await tx
          .update(task)
          .set({
            projectId: target.id,
            userId: target.ownerId,
            assigneeId: sql`(select ${qualified(projectMember.userId)} from ${projectMember} where ${qualified(projectMember.projectId)} = ${target.id} and ${qualified(projectMember.userId)} = ${qualified(task.assigneeId)})`,
            updatedAt: nextUpdatedAt,
          })
          .where(and(owned, sql`${task.projectId} <> ${target.id}`))
          .returning(changedColumns);
        break;
      }
    }
    const before = new Map(found.map((row) => [row.id, row]));
    await recordActivity(
      tx,
      changed.flatMap((row) => taskChangeActivity(userId, before.get(row.id)!, row, edited)),
    );
    const rows = await tx.select(taskColumns).from(task).where(owned);
    if (change.kind === "move") await followBulkMove(tx, found, rows);
    if (change.kind === "columns" && change.columns.completed !== undefined) {
      await followCompletions(tx, userId, found, rows);
      // Done tasks remind of nothing; reopened ones wait again (decision 106).
      await scheduleTaskReminders(
        tx,
        rows.map((row) => row.id),
      );
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    return { action: request.action, tasks: ids.map((id) => byId.get(id)!), deleted: [] };
  });
}

/**
 * Completing or reopening many tasks does to each repeating one what completing it alone does
 * (decision 093), in the same transaction: the next occurrence is made, or taken back. Only the
 * tasks it can concern are visited: completed ones with a rule, reopened ones with an occurrence.
 */
async function followCompletions(
  tx: Transaction,
  userId: string,
  before: { id: string; completed: boolean }[],
  after: Task[],
) {
  const wasCompleted = new Map(before.map((row) => [row.id, row.completed]));
  const changed = after.filter((row) => wasCompleted.get(row.id) !== row.completed);
  const reopened = changed.filter((row) => !row.completed).map((row) => row.id);
  const withOccurrence = new Set(
    reopened.length === 0
      ? []
      : (
          await tx
            .selectDistinct({ id: task.repeatOf })
            .from(task)
            .where(and(tasksAccessibleTo(userId, "edit"), inArray(task.repeatOf, reopened)))
        ).map((row) => row.id),
  );
  for (const row of changed)
    if (row.completed ? row.repeatRule !== null : withOccurrence.has(row.id))
      await followCompletion(tx, userId, !row.completed, row);
}

/** Only the tasks where some value differs are written: the others keep their updated_at (ETag). */
const changedColumns = { id: task.id, projectId: task.projectId, completed: task.completed, title: task.title };

async function setColumns(tx: Transaction, owned: SQL | undefined, columns: BulkColumns & { projectId?: string }) {
  const differs = (Object.keys(columns) as (keyof BulkColumns)[]).map(
    (name) => sql`${task[name]} is distinct from ${sql.param(columns[name], task[name])}`,
  );
  return tx
    .update(task)
    .set({ ...columns, updatedAt: nextUpdatedAt })
    .where(and(owned, or(...differs)))
    .returning(changedColumns);
}

/** Adds or removes one label; the tasks whose labels changed get a new updated_at (their JSON changed). */
async function relabel(
  tx: Transaction,
  userId: string,
  ids: string[],
  { kind, label: name }: { kind: "add_label" | "remove_label"; label: string },
) {
  let resolved;
  try {
    resolved = await resolveLabels(tx, userId, [name]);
  } catch (error) {
    if (error instanceof UnknownLabelError) throw new UnknownLabelError(error.names, "label");
    throw error;
  }
  const labelId = resolved.get(name)!.id;
  // Adding puts the person's own label on; removing takes off any label of that name, whoever's
  // it is (decision 096: every member sees, and edits, the same labels on a shared task).
  const touched =
    kind === "add_label"
      ? await tx
          .insert(taskLabel)
          .values(ids.map((taskId) => ({ taskId, labelId })))
          .onConflictDoNothing()
          .returning({ taskId: taskLabel.taskId })
      : await tx
          .delete(taskLabel)
          .where(
            and(
              inArray(taskLabel.taskId, ids),
              sql`${taskLabel.labelId} in (select ${qualified(label.id)} from ${label} where lower(${qualified(label.name)}) = lower(${resolved.get(name)!.name}) and ${qualified(label.userId)} in ${peopleSharingWith(userId)})`,
            ),
          )
          .returning({ taskId: taskLabel.taskId });
  if (touched.length === 0) return [];
  return tx
    .update(task)
    .set({ updatedAt: nextUpdatedAt })
    .where(
      and(
        tasksAccessibleTo(userId, "edit"),
        inArray(
          task.id,
          touched.map((row) => row.taskId),
        ),
      ),
    )
    .returning(changedColumns);
}

/** The titles of the tasks named, for the delete confirmation; TasksNotFoundError as above. */
export async function getTaskTitlesForUser(
  userId: string,
  requested: readonly string[],
): Promise<{ id: string; title: string }[]> {
  const ids = [...new Set(requested.map((id) => id.toLowerCase()))];
  const malformed = ids.filter((id) => !isTaskId(id));
  if (malformed.length > 0) throw new TasksNotFoundError(malformed);
  const rows = await db
    .select({ id: task.id, title: task.title })
    .from(task)
    .where(and(tasksAccessibleTo(userId, "see"), inArray(task.id, ids)));
  if (rows.length !== ids.length) throw new TasksNotFoundError(ids.filter((id) => !rows.some((row) => row.id === id)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)!);
}

/**
 * A move's reminders (decision 097): an assignee the target project does not have is
 * unassigned, so their own reminders are cancelled and the others go back to their setters;
 * reminders whose setter is not a member there are cancelled.
 */
async function followBulkMove(
  tx: Transaction,
  before: { id: string; assigneeId: string | null }[],
  after: { id: string; assigneeId: string | null }[],
) {
  const now = new Map(after.map((row) => [row.id, row.assigneeId]));
  const unassigned = new Map<string, string[]>();
  for (const row of before)
    if (row.assigneeId && now.get(row.id) === null)
      unassigned.set(row.assigneeId, [...(unassigned.get(row.assigneeId) ?? []), row.id]);
  for (const [person, taskIds] of unassigned) await followUnassignment(tx, person, taskIds);
  await cancelRemindersOutOfReach(
    tx,
    before.map((row) => row.id),
  );
}
