// A task's reminders as the task's own statements see them (decision 106): written with the
// task, rescheduled in the same transaction whenever what they count from changes. The tasks
// domain calls these; the scheduler (scheduler.server.ts) reads what they leave.
import { and, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { now } from "~/clock.server";
import { type Database, db } from "~/db.server";
import { qualified } from "~/db/sql";
import { projectMember, reminderSettings, task, taskReminder, user } from "../../db/schema";
import { reminderRecipient, remindersMailedTo } from "./recipient.server";
import type { ReminderInput, ReminderView } from "./reminder-schema";
import { reminderSendAt } from "./reminder-times";

type Executor = Pick<Database, "select" | "selectDistinct" | "update" | "delete" | "insert">;

export const DEFAULT_REMINDER_HOUR = 9;

const reminderViewColumns = {
  id: taskReminder.id,
  beforeSeconds: taskReminder.beforeSeconds,
  at: taskReminder.at,
  sendAt: taskReminder.sendAt,
  sentAt: taskReminder.sentAt,
  status: taskReminder.status,
  skipReason: taskReminder.skipReason,
};

/** A task's reminders, soonest first (a task the caller may read: the caller has checked). */
export async function remindersOfTask(
  taskId: string,
  executor: Pick<Database, "select"> = db,
): Promise<ReminderView[]> {
  return executor
    .select(reminderViewColumns)
    .from(taskReminder)
    .where(eq(taskReminder.taskId, taskId))
    .orderBy(sql`${taskReminder.sendAt} nulls last`, taskReminder.createdAt);
}

const sameRule = (stored: { beforeSeconds: number | null; at: Date | null }, wanted: ReminderInput) =>
  wanted.at
    ? stored.at?.getTime() === wanted.at.getTime()
    : stored.beforeSeconds === wanted.beforeSeconds && stored.at === null;

/**
 * Makes the task's reminders the ones given, set by `setBy`: a reminder already there (the same
 * rule) stays as it is, sent or not, so saving a form unchanged sends nothing twice. Call in the
 * transaction that holds the task's row, then `scheduleTaskReminders`.
 */
export async function replaceTaskReminders(
  executor: Executor,
  setBy: string,
  taskId: string,
  wanted: readonly ReminderInput[],
): Promise<void> {
  const stored = await executor
    .select({ id: taskReminder.id, beforeSeconds: taskReminder.beforeSeconds, at: taskReminder.at })
    .from(taskReminder)
    .where(eq(taskReminder.taskId, taskId));
  const kept = new Set<string>();
  const added: ReminderInput[] = [];
  for (const reminder of wanted) {
    const match = stored.find((row) => !kept.has(row.id) && sameRule(row, reminder));
    if (match) kept.add(match.id);
    else added.push(reminder);
  }
  const removed = stored.filter((row) => !kept.has(row.id)).map((row) => row.id);
  if (removed.length > 0) await executor.delete(taskReminder).where(inArray(taskReminder.id, removed));
  if (added.length > 0)
    await executor.insert(taskReminder).values(
      added.map((reminder) => ({
        taskId,
        setBy,
        beforeSeconds: reminder.beforeSeconds ?? null,
        at: reminder.at ?? null,
      })),
    );
}

/**
 * A repeating task's next occurrence gets the completed one's "before" reminders, counting
 * from its own due date (a reminder "at" a fixed instant belonged to that one occurrence).
 */
export async function copyRemindersToOccurrence(executor: Executor, fromTaskId: string, toTaskId: string) {
  const rules = await executor
    .select({ setBy: taskReminder.setBy, beforeSeconds: taskReminder.beforeSeconds })
    .from(taskReminder)
    .where(and(eq(taskReminder.taskId, fromTaskId), isNotNull(taskReminder.beforeSeconds)));
  if (rules.length === 0) return;
  await executor.insert(taskReminder).values(rules.map((rule) => ({ ...rule, taskId: toTaskId })));
  await scheduleTaskReminders(executor, [toTaskId]);
}

/** What the rules need to know of a recipient: the hour for dates without a time, and their zone. */
async function recipientsClock(executor: Pick<Database, "select">, userIds: string[]) {
  const rows = await executor
    .select({ id: user.id, timeZone: user.timeZone, reminderHour: reminderSettings.reminderHour })
    .from(user)
    .leftJoin(reminderSettings, eq(reminderSettings.userId, user.id))
    .where(inArray(user.id, userIds));
  return new Map(
    rows.map((row) => [
      row.id,
      { timeZone: row.timeZone ?? "UTC", reminderHour: row.reminderHour ?? DEFAULT_REMINDER_HOUR },
    ]),
  );
}

/**
 * Recomputes when the tasks' reminders are sent, after a change of what they count from (the
 * due date or time, the completion, the rules, the recipient's reminder hour or zone):
 * - a done task's waiting reminders are unscheduled (the scheduler also skips done tasks);
 * - a reminder whose time moved waits again for its new time, or, when that time has already
 *   passed, is marked passed rather than mailed at once;
 * - one whose time did not move keeps its state, so a sent reminder is not sent again.
 */
export async function scheduleTaskReminders(executor: Executor, taskIds: readonly string[]): Promise<void> {
  if (taskIds.length === 0) return;
  const rows = await executor
    .select({
      id: taskReminder.id,
      setBy: taskReminder.setBy,
      beforeSeconds: taskReminder.beforeSeconds,
      at: taskReminder.at,
      sendAt: taskReminder.sendAt,
      status: taskReminder.status,
      taskId: task.id,
      assigneeId: task.assigneeId,
      completed: task.completed,
      dueDate: task.dueDate,
      dueTime: sql<string | null>`to_char(${task.dueTime}, 'HH24:MI')`,
      dueAt: task.dueAt,
    })
    .from(taskReminder)
    .innerJoin(task, eq(task.id, taskReminder.taskId))
    .where(inArray(taskReminder.taskId, [...taskIds]));
  if (rows.length === 0) return;
  const recipients = await recipientsClock(executor, [...new Set(rows.map((row) => reminderRecipient(row, row)))]);
  const current = now();
  for (const row of rows) {
    if (row.completed) {
      if (row.status === "pending" && row.sendAt !== null)
        await executor.update(taskReminder).set({ sendAt: null }).where(eq(taskReminder.id, row.id));
      continue;
    }
    const recipient = recipients.get(reminderRecipient(row, row));
    const sendAt = recipient ? reminderSendAt(row, row, recipient) : null;
    if ((sendAt?.getTime() ?? null) === (row.sendAt?.getTime() ?? null)) continue;
    const passed = sendAt !== null && sendAt <= current;
    await executor
      .update(taskReminder)
      .set({
        sendAt,
        status: passed ? "skipped" : "pending",
        skipReason: passed ? "passed" : null,
        sentAt: null,
      })
      .where(eq(taskReminder.id, row.id));
  }
}

/**
 * The person's reminders that count from their reminder hour or zone (dates without a time),
 * after either changed: those mailed to them (the tasks assigned to them, and those they set on
 * unassigned tasks), whoever set them.
 */
export async function rescheduleDateOnlyReminders(executor: Executor, userId: string): Promise<void> {
  const rows = await executor
    .selectDistinct({ taskId: taskReminder.taskId })
    .from(taskReminder)
    .innerJoin(task, eq(task.id, taskReminder.taskId))
    .where(
      and(
        remindersMailedTo(userId),
        isNotNull(taskReminder.beforeSeconds),
        isNotNull(task.dueDate),
        sql`${task.dueTime} is null`,
        eq(task.completed, false),
      ),
    );
  await scheduleTaskReminders(
    executor,
    rows.map((row) => row.taskId),
  );
}

/**
 * After `formerAssignee` was unassigned from the tasks (by a write, or a move to a project they
 * are not a member of): the reminders they set there themselves are cancelled (deleted; one
 * already sent stays as the record of it), and the others go back to the people who set them,
 * on their clocks (decision 097). Call in the transaction that changed the tasks.
 */
export async function followUnassignment(
  executor: Executor,
  formerAssignee: string,
  taskIds: readonly string[],
): Promise<void> {
  if (taskIds.length === 0) return;
  await executor
    .delete(taskReminder)
    .where(
      and(
        inArray(taskReminder.taskId, [...taskIds]),
        eq(taskReminder.setBy, formerAssignee),
        ne(taskReminder.status, "sent"),
        sql`(select ${qualified(task.assigneeId)} from ${task} where ${qualified(task.id)} = ${qualified(taskReminder.taskId)}) is null`,
      ),
    );
  await cancelRemindersOutOfReach(executor, taskIds);
  await scheduleTaskReminders(executor, taskIds);
}

/**
 * Reminders that would go to someone who may no longer see the task (its setter left the
 * project, or the task moved to a project they are not a member of, and nobody is assigned) are
 * cancelled: a reminder never mails a task's title to someone who may not read it.
 */
export async function cancelRemindersOutOfReach(executor: Executor, taskIds: readonly string[]): Promise<void> {
  if (taskIds.length === 0) return;
  await executor.delete(taskReminder).where(
    and(
      inArray(taskReminder.taskId, [...taskIds]),
      ne(taskReminder.status, "sent"),
      sql`not exists (select 1 from ${task} join ${projectMember} on ${qualified(projectMember.projectId)} = ${qualified(task.projectId)}
        where ${qualified(task.id)} = ${qualified(taskReminder.taskId)}
          and ${qualified(projectMember.userId)} = coalesce(${qualified(task.assigneeId)}, ${qualified(taskReminder.setBy)}))`,
    ),
  );
}
