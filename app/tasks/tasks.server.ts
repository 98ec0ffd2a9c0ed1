// Task operations: read, create, change and delete the tasks a person may reach (the list query
// lives in task-list.server.ts). Every statement is scoped by the person's membership in its
// WHERE clause (tasksAccessibleTo, decision 095): a task of a project they are not a member of
// is indistinguishable from a missing one; one they may see but not change is refused
// (InsufficientRoleError) only after the scoped write found nothing.
import { and, eq, getTableColumns, inArray, or, type SQL, sql } from "drizzle-orm";
import {
  type ActivityEntry,
  editedFields,
  recordActivity,
  recordTaskEntries,
  taskChangeActivity,
} from "~/activity/record-activity.server";
import {
  CHECK_VIOLATION,
  FOREIGN_KEY_VIOLATION,
  hasErrorCode,
  NOT_NULL_VIOLATION,
  violatedConstraint,
} from "~/database-errors.server";
import { taskAssignedMail } from "~/mail/messages.server";
import { enqueueMail } from "~/mail/outbox.server";
import { type Database, db, withCompiledRowMapper } from "~/db.server";
import { nextUpdatedAt, ownerMustExist } from "~/db/owned-rows.server";
import {
  labelsNamed,
  labelsOfTask,
  replaceTaskLabels,
  resolveLabels,
  setTaskLabelNames,
} from "~/labels/task-labels.server";
import {
  InsufficientRoleError,
  ownerForTask,
  projectForTask,
  rolesGranting,
  tasksAccessibleTo,
} from "~/projects/project-access.server";
import { ensureInbox, ProjectNotFoundError, projectRefusal } from "~/projects/projects.server";
import {
  cancelRemindersOutOfReach,
  copyRemindersToOccurrence,
  followUnassignment,
  replaceTaskReminders,
  scheduleTaskReminders,
} from "~/reminders/task-reminders.server";
import type { ReminderInput } from "~/reminders/reminder-schema";
import { isUuid } from "~/text-rules";
import { qualified } from "~/db/sql";
import { project, projectMember, task, taskLabel, user } from "../../db/schema";
import { dueColumns, type DueFields } from "./due.server";
import { todayIn } from "./due-date";
import { anchorRepeat, nextOccurrence } from "./repeat-dates";
import type { Repeat } from "./repeat-rule";
import { REPEAT_NEEDS_DUE_DATE, type TaskInput, type TaskPatch } from "./task-schema";
import { DEFAULT_TIME_ZONE } from "./time-zone";

// The stored search text is the database's business (the search reads it there): not selected.
// The due time is read as HH:MM, as it is written.
const { searchText: _searchText, ...taskTableColumns } = getTableColumns(task);
const taskRowColumns = {
  ...taskTableColumns,
  dueTime: sql<string | null>`to_char(${task.dueTime}, 'HH24:MI')`.as("due_time"),
};

/** A task row with its label names (A to Z ignoring case). */
export type Task = Omit<typeof task.$inferSelect, "searchText" | "dueTime"> & {
  /** HH:MM in timeZone, or null for the whole day. */
  dueTime: string | null;
  labels: string[];
};

/** The columns every statement that returns tasks selects. */
export const taskColumns = { ...taskRowColumns, labels: labelsOfTask };

/** Ids come from URLs: anything that is not a UUID cannot name a task (and must not reach SQL as one). */
export function isTaskId(id: string): boolean {
  return isUuid(id);
}

/** Raised when a write names a version (If-Match) that is no longer current. */
export class TaskVersionMismatchError extends Error {
  constructor(readonly current: Pick<Task, "id" | "updatedAt">) {
    super("The task was changed by someone else");
  }
}

/** Raised when a write would leave a repeating task without a due date. */
export class RepeatNeedsDueDateError extends Error {
  constructor() {
    super(REPEAT_NEEDS_DUE_DATE);
  }
}

/** The assignee named is not a member of the task's project (decision 095). */
export class AssigneeNotMemberError extends Error {
  constructor() {
    super("The assignee must be a member of the task's project");
  }
}

/**
 * The database's own refusals, as the errors callers expect: a repeat without a due date, an
 * assignee who is not a member of the project (task_assignee_fk).
 */
async function repeatNeedsDueDate<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (hasErrorCode(error, CHECK_VIOLATION) && violatedConstraint(error) === "task_repeat_check")
      throw new RepeatNeedsDueDateError();
    if (hasErrorCode(error, FOREIGN_KEY_VIOLATION) && violatedConstraint(error) === "task_assignee_fk")
      throw new AssigneeNotMemberError();
    throw error;
  }
}

/**
 * Queues "you were assigned" for the task's assignee when someone else assigned them and they
 * have not turned it off (user.assignment_mail), in the write's own transaction when there is one.
 */
async function tellAssignee(executor: Pick<Database, "select" | "insert">, actorId: string, assigned: Task) {
  if (!assigned.assigneeId || assigned.assigneeId === actorId) return;
  const [row] = await executor
    .select({
      name: user.name,
      email: user.email,
      wanted: user.assignmentMail,
      by: sql<string>`(select u.name from ${user} u where u.id = ${actorId})`,
      project: sql<string>`(select ${qualified(project.name)} from ${project} where ${qualified(project.id)} = ${assigned.projectId})`,
    })
    .from(user)
    .where(eq(user.id, assigned.assigneeId));
  if (!row?.wanted) return;
  await enqueueMail(
    taskAssignedMail(row, { by: row.by, taskId: assigned.id, title: assigned.title, project: row.project }),
    executor,
  );
}

/** The columns a repeat is stored in; in "due" mode anchored on the due date (repeat-dates.ts). */
function repeatColumns(repeat: Repeat | null | undefined, dueDate: string | null | undefined) {
  if (!repeat) return { repeatRule: null, repeatMode: null };
  const anchored = dueDate ? anchorRepeat(repeat, dueDate) : repeat;
  return { repeatRule: anchored.rule, repeatMode: anchored.mode };
}

/**
 * An opaque version of a task: changes on every write. Used for ETag / If-Match. A write to
 * a label that changes how its tasks read (a rename, a delete) moves their updated_at too.
 */
export function taskVersion(row: Pick<Task, "id" | "updatedAt">): string {
  return `${row.updatedAt.getTime().toString(36)}-${row.id.slice(0, 8)}`;
}

type Executor = Pick<Database, "select" | "selectDistinct" | "update" | "delete" | "insert" | "execute">;

/** The task, when the person may change it (editor and up in its project). */
const owned = (userId: string, id: string) => and(eq(task.id, id), tasksAccessibleTo(userId, "edit"));

/**
 * After a write scoped to "edit" found nothing: InsufficientRoleError when the person may see
 * the task (a viewer), else null ("not found", the same as a missing id).
 */
export async function taskRefusedOrMissing(
  executor: Pick<Database, "select">,
  userId: string,
  id: string,
): Promise<null> {
  const [seen] = await executor
    .select({ id: task.id })
    .from(task)
    .where(and(eq(task.id, id), tasksAccessibleTo(userId, "see")));
  if (seen) throw new InsufficientRoleError("edit");
  return null;
}

// The statements every request runs are built once and prepared: drizzle skips composing
// the SQL, and PostgreSQL parses and plans each once per connection instead of per request.
const selectOwnedTask = withCompiledRowMapper(
  db
    .select(taskColumns)
    .from(task)
    .where(and(eq(task.id, sql.placeholder("id")), tasksAccessibleTo(sql.placeholder("userId"), "see")))
    .limit(1)
    .prepare("task_get"),
);

export async function getTaskForUser(userId: string, id: string): Promise<Task | null> {
  if (!isTaskId(id)) return null;
  const [row] = await selectOwnedTask.execute({ userId, id });
  return row ?? null;
}

/**
 * Runs a write whose project_id is `projectForTask(...)`: NULL there means a named project is
 * not one the person may put tasks in (ProjectNotFoundError), or, for a task that named none
 * (`needsInbox`), that they have no Inbox yet: it is made and the write runs once more.
 */
async function intoProject<T>(
  userId: string,
  needsInbox: boolean,
  write: () => Promise<T>,
  projectIds: readonly (string | null | undefined)[] = [],
): Promise<T> {
  const projectMustExist = async () => {
    try {
      return await ownerMustExist(write);
    } catch (error) {
      // A viewer of the project is told their role; anyone else learns nothing.
      if (hasErrorCode(error, NOT_NULL_VIOLATION)) return projectRefusal(userId, projectIds);
      throw error;
    }
  };
  if (!needsInbox) return projectMustExist();
  try {
    return await ownerMustExist(write);
  } catch (error) {
    if (!hasErrorCode(error, NOT_NULL_VIOLATION)) throw error;
    await ensureInbox(userId);
    return projectMustExist();
  }
}

// The create and its "created" activity entry in one prepared statement (decision 112).
const createdTask = db.$with("created").as(
  db
    .insert(task)
    .values({
      // The project's owner (decision 095): NULL, refused, where the project is not one to write in.
      userId: ownerForTask(sql.placeholder("userId"), sql.placeholder("projectId")),
      projectId: projectForTask(sql.placeholder("userId"), sql.placeholder("projectId")),
      assigneeId: sql`${sql.placeholder("assigneeId")}::uuid`,
      title: sql.placeholder("title"),
      description: sql.placeholder("description"),
      priority: sql.placeholder("priority"),
      category: sql.placeholder("category"),
      dueDate: sql.placeholder("dueDate"),
      dueTime: sql.placeholder("dueTime"),
      timeZone: sql.placeholder("timeZone"),
      // Not through the column's encoder, which fails on NULL placeholders: an RFC 3339 string.
      dueAt: sql`${sql.placeholder("dueAt")}::timestamptz`,
      completed: sql.placeholder("completed"),
      repeatRule: sql.placeholder("repeatRule"),
      repeatMode: sql.placeholder("repeatMode"),
    })
    .returning(taskRowColumns),
);
const insertTask = db
  .with(createdTask, recordTaskEntries(createdTask, sql.placeholder("userId"), "task_created"))
  .select()
  .from(createdTask)
  .prepare("task_insert_recorded");

/** A new task: every field of TaskInput, its checklist optional (empty by default). */
export type NewTask = Omit<TaskInput, "steps"> & Partial<Pick<TaskInput, "steps">>;

/**
 * Creates a task in `input.projectId`, else the person's Inbox; throws ProjectNotFoundError
 * when they may not put tasks in that project, UnknownLabelError when `input.labels` names a
 * label they do not have.
 */
export async function createTaskForUser(userId: string, { reminders, ...input }: NewTask): Promise<Task> {
  const created = await createOneTask(userId, input);
  if (reminders?.length) await setTaskReminders(userId, created.id, reminders);
  return created;
}

/** Writes a new task's reminders and schedules them, the task's row locked. */
async function setTaskReminders(userId: string, taskId: string, reminders: readonly ReminderInput[]) {
  await db.transaction(async (tx) => {
    await tx.select({ id: task.id }).from(task).where(owned(userId, taskId)).for("update");
    await replaceTaskReminders(tx, userId, taskId, reminders);
    await scheduleTaskReminders(tx, [taskId]);
  });
}

async function createOneTask(userId: string, input: NewTask): Promise<Task> {
  // Without labels or steps (most creates), one prepared statement.
  if (input.labels.length === 0 && !input.steps?.length) {
    const due = dueColumns(input, await zoneForDue(db, userId, input));
    const [row] = await intoProject(
      userId,
      input.projectId === undefined,
      () =>
        repeatNeedsDueDate(() =>
          insertTask.execute({
            ...input,
            ...due,
            dueAt: due.dueAt && due.dueAt.toISOString(),
            ...repeatColumns(input.repeat, input.dueDate),
            projectId: input.projectId ?? null,
            assigneeId: input.assigneeId ?? null,
            userId,
          }),
        ),
      [input.projectId],
    );
    const created = { ...row!, labels: [] };
    await tellAssignee(db, userId, created);
    return created;
  }
  const [created] = await createTasksForUser(userId, [input]);
  await tellAssignee(db, userId, created!);
  return created!;
}

/** "Created", for each new task: what createTasksForUser records, in its transaction. */
const createdActivity = (userId: string, rows: readonly { id: string; projectId: string; title: string }[]) =>
  rows.map((row): ActivityEntry => ({
    projectId: row.projectId,
    actorId: userId,
    kind: "task_created",
    taskId: row.id,
    taskTitle: row.title,
  }));

/**
 * Inserts many tasks in one statement (imports, seeding), their labels in one more, and their
 * "created" activity in one more, in one transaction.
 */
export async function createTasksForUser(userId: string, inputs: NewTask[]): Promise<Task[]> {
  if (inputs.length === 0) return [];
  const accountZone = await zoneForDue(db, userId, ...inputs);
  if (inputs.some((input) => input.projectId === undefined)) await ensureInbox(userId);
  const named = [...new Set(inputs.flatMap((input) => (input.projectId ? [input.projectId] : [])))];
  try {
    return await ownerMustExist(() =>
      repeatNeedsDueDate(() =>
        db.transaction(async (tx) => {
          // The projects written to, each once (not a subquery per row: a 2,500-task import
          // would plan 5,000 of them), locked with the person's membership rows: a removal
          // or a lowered role waits for this insert, or this insert sees it.
          const targets = await tx
            .select({ id: project.id, ownerId: project.userId, inbox: project.inbox })
            .from(projectMember)
            .innerJoin(project, eq(project.id, projectMember.projectId))
            .where(
              and(
                eq(projectMember.userId, userId),
                inArray(projectMember.role, [...rolesGranting("edit")]),
                or(and(eq(project.inbox, true), eq(project.userId, userId)), inArray(project.id, named)),
              ),
            )
            .for("share");
          const owners = new Map(targets.map((target) => [target.id, target.ownerId]));
          const inbox = targets.find((target) => target.inbox && target.ownerId === userId)?.id;
          const values = inputs.map(({ labels: _labels, projectId, repeat, reminders: _reminders, ...input }) => {
            const target = projectId ?? inbox;
            if (!target || !owners.has(target)) throw new ProjectNotFoundError();
            return {
              ...input,
              ...dueColumns(input, accountZone),
              ...repeatColumns(repeat, input.dueDate),
              userId: owners.get(target)!,
              projectId: target,
            };
          });
          if (inputs.every((input) => input.labels.length === 0)) {
            const rows = await tx.insert(task).values(values).returning(taskRowColumns);
            await recordActivity(tx, createdActivity(userId, rows));
            return rows.map((row) => ({ ...row, labels: [] }));
          }
          const resolved = await resolveLabels(tx, userId, [...new Set(inputs.flatMap((input) => input.labels))]);
          const rows = await tx
            .insert(task)
            .values(values)
            .returning({ id: task.id, projectId: task.projectId, title: task.title });
          await recordActivity(tx, createdActivity(userId, rows));
          const links = rows.map((row, index) => ({
            taskId: row.id,
            labels: labelsNamed(resolved, inputs[index]!.labels),
          }));
          await replaceTaskLabels(tx, links);
          const created = await tx
            .select(taskColumns)
            .from(task)
            .where(
              inArray(
                task.id,
                rows.map((row) => row.id),
              ),
            );
          const byId = new Map(created.map((row) => [row.id, row]));
          return rows.map((row) => byId.get(row.id)!);
        }),
      ),
    );
  } catch (error) {
    // Outside the transaction: a viewer of a named project is told their role.
    if (error instanceof ProjectNotFoundError) return projectRefusal(userId, named);
    throw error;
  }
}

/**
 * The columns a move into `projectId` writes: the project (editor and up there, else NULL:
 * "not found"), its owner, and the assignee kept only while a member there too.
 */
function movedTo(userId: string, projectId: string) {
  const target = projectForTask(userId, projectId);
  return {
    projectId: target,
    userId: ownerForTask(userId, projectId),
    assigneeId: sql`(select ${qualified(projectMember.userId)} from ${projectMember} where ${qualified(projectMember.projectId)} = ${target} and ${qualified(projectMember.userId)} = ${qualified(task.assigneeId)})`,
  };
}

interface WriteOptions {
  /** The version the caller last saw (If-Match); the write fails if the task has moved on. */
  expectedVersion?: string;
}

/**
 * Applies `changes` to the user's task (`projectId` moves it). Returns null when the task does
 * not exist or is not theirs; throws TaskVersionMismatchError when `expectedVersion` is stale,
 * ProjectNotFoundError when they may not put tasks in `changes.projectId`, and
 * UnknownLabelError when `changes.labels` names a label the person does not have.
 */
export async function updateTaskForUser(
  userId: string,
  id: string,
  changes: TaskPatch,
  options: WriteOptions = {},
): Promise<Task | null> {
  const {
    labels: _labels,
    projectId,
    dueDate: _dueDate,
    dueTime: _dueTime,
    timeZone: _timeZone,
    repeat: _repeat,
    reminders: _reminders,
    ...fields
  } = changes;
  const moved = projectId === undefined ? {} : movedTo(userId, projectId);
  const update = (executor: Executor, where: SQL, computed = {}) =>
    intoProject(userId, false, () =>
      repeatNeedsDueDate(() =>
        executor
          .update(task)
          .set({ ...fields, ...computed, ...moved, updatedAt: nextUpdatedAt })
          .where(where)
          .returning(taskColumns),
      ),
    );
  try {
    return await applyTaskChanges(userId, id, update, changes, options);
  } catch (error) {
    // Outside the write's transaction: may the person see the project they named?
    if (error instanceof ProjectNotFoundError && projectId) return projectRefusal(userId, [projectId]);
    throw error;
  }
}

async function applyTaskChanges(
  userId: string,
  id: string,
  update: (executor: Executor, where: SQL, computed?: object) => Promise<Task[]>,
  changes: TaskPatch,
  options: WriteOptions,
): Promise<Task | null> {
  const { labels, projectId, dueDate, dueTime, timeZone, repeat, reminders, ...fields } = changes;
  const changesDue = dueDate !== undefined || dueTime !== undefined || timeZone !== undefined;
  const assigns = fields.assigneeId !== undefined;
  const activity = (before: CurrentTask | null, after: Task) =>
    taskChangeActivity(userId, before ?? after, after, editedFields(changes));
  // New labels, a new due date, a new repeat (anchored on the due date) or a new completion
  // (which may start or take back a repeating task's next occurrence): the task is locked
  // and read first, so the row returned is whole. A move too: its activity names the project left.
  const lock =
    labels !== undefined ||
    changesDue ||
    repeat !== undefined ||
    fields.completed !== undefined ||
    reminders !== undefined ||
    assigns ||
    projectId !== undefined;
  if (!lock && options.expectedVersion === undefined) return editTask(userId, id, fields, editedFields(changes));
  if (!lock) return writeTask(userId, id, options, (executor, where) => update(executor, where), activity);
  const locked: TaskWrite = async (executor, where, current) => {
    if (labels !== undefined) await setTaskLabelNames(executor, userId, id, labels);
    let due = {};
    if (changesDue) {
      const merged: DueFields = {
        dueDate: dueDate === undefined ? current!.dueDate : dueDate,
        // Clearing the date clears the time; a new date keeps the time unless one is given.
        dueTime: dueTime !== undefined ? dueTime : dueDate === null ? null : current!.dueTime,
        timeZone: timeZone ?? null,
      };
      due = dueColumns(merged, await zoneForDue(executor, userId, merged));
    }
    const repeated =
      repeat === undefined ? {} : repeatColumns(repeat, dueDate === undefined ? current?.dueDate : dueDate);
    if (reminders !== undefined) await replaceTaskReminders(executor, userId, id, reminders);
    const rows = await update(executor, where, { ...due, ...repeated });
    if (rows[0] && current) await followCompletion(executor, userId, current.completed, rows[0]);
    if (rows[0] && current && rows[0].assigneeId !== current.assigneeId) {
      await tellAssignee(executor, userId, rows[0]);
      await recordActivity(executor, [
        {
          projectId: rows[0].projectId,
          actorId: userId,
          kind: "task_assigned",
          taskId: id,
          taskTitle: rows[0].title,
          subjectUserId: rows[0].assigneeId,
        },
      ]);
    }
    // Unassigned (by this write, or a move out of their reach): the former assignee's own
    // reminders are cancelled, the others go back to their setters (decision 097).
    const unassigned = current?.assigneeId && rows[0]?.assigneeId === null ? current.assigneeId : null;
    if (unassigned) await followUnassignment(executor, unassigned, [id]);
    else if (rows[0] && projectId !== undefined) await cancelRemindersOutOfReach(executor, [id]);
    // When they are sent follows the due date, completion and recipient, in the same transaction.
    const reassigned = rows[0] && current && rows[0].assigneeId !== current.assigneeId;
    if (rows[0] && (changesDue || fields.completed !== undefined || reminders !== undefined || reassigned))
      await scheduleTaskReminders(executor, [id]);
    return rows;
  };
  return writeTask(userId, id, { ...options, lock: true }, locked, activity);
}

/**
 * A plain edit (no move, completion, labels, due date, repeat or reminders) and its "edited"
 * entry in one statement (decision 112): the UPDATE, then the entry as a CTE of it.
 */
async function editTask(userId: string, id: string, fields: Partial<typeof task.$inferInsert>, edited: string[]) {
  if (!isTaskId(id)) return null;
  const written = db.$with("written").as(
    db
      .update(task)
      .set({ ...fields, updatedAt: nextUpdatedAt })
      .where(owned(userId, id))
      .returning({ ...taskRowColumns, labels: labelsOfTask.as("labels") }),
  );
  const [row] = await repeatNeedsDueDate(() =>
    edited.length === 0
      ? db.with(written).select().from(written)
      : db
          .with(written, recordTaskEntries(written, userId, "task_edited", { fields: edited }))
          .select()
          .from(written),
  );
  return row ?? taskRefusedOrMissing(db, userId, id);
}

/**
 * The zone a due date without one is written in: the account's (decision 090). Read only
 * when some input has a date and no zone; the forms pass the session's.
 */
async function zoneForDue(
  executor: Pick<Database, "select">,
  userId: string,
  ...inputs: { dueDate?: string | null; timeZone?: string | null }[]
): Promise<string> {
  if (!inputs.some((input) => input.dueDate && !input.timeZone)) return DEFAULT_TIME_ZONE;
  return accountZone(executor, userId);
}

/** The account's zone (decision 090): its "today", and the zone quick add reads "5pm" in. */
export async function accountTimeZoneFor(userId: string): Promise<string> {
  return accountZone(db, userId);
}

/** The account's zone: its "today". */
async function accountZone(executor: Pick<Database, "select">, userId: string): Promise<string> {
  const [row] = await executor.select({ timeZone: user.timeZone }).from(user).where(eq(user.id, userId));
  return row?.timeZone ?? DEFAULT_TIME_ZONE;
}

export async function toggleTaskCompletion(
  userId: string,
  id: string,
  options: WriteOptions = {},
): Promise<Task | null> {
  const activity = (before: CurrentTask | null, after: Task) => taskChangeActivity(userId, before ?? after, after, []);
  const toggle: TaskWrite = async (executor, where, current) => {
    const rows = await executor
      .update(task)
      .set({ completed: sql`not ${task.completed}`, updatedAt: nextUpdatedAt })
      .where(where)
      .returning(taskColumns);
    if (rows[0] && current) await followCompletion(executor, userId, current.completed, rows[0]);
    if (rows[0]) await scheduleTaskReminders(executor, [id]);
    return rows;
  };
  return writeTask(userId, id, { ...options, lock: true }, toggle, activity);
}

/**
 * What a change of completion does to a repeating task, in the same transaction: completing
 * it makes the next occurrence (unless one was made already); reopening it the same day takes
 * that occurrence back while nobody has touched it (decision 093). The task is locked by the
 * caller; bulk completion (bulk-actions.server.ts) calls it for each task it changed.
 */
export async function followCompletion(executor: Executor, userId: string, wasCompleted: boolean, after: Task) {
  if (wasCompleted === after.completed) return;
  if (after.completed && !after.repeatRule) return;
  const now = new Date();
  const made = await executor
    .select({ id: task.id, completed: task.completed, createdAt: task.createdAt, updatedAt: task.updatedAt })
    .from(task)
    .where(and(eq(task.repeatOf, after.id), eq(task.userId, after.userId)));
  if (!after.completed && made.length === 0) return;
  // "Today" is the person's: the account's zone (decision 090).
  const timeZone = await accountZone(executor, userId);
  if (!after.completed) {
    const untouched = made.filter(
      (next) =>
        !next.completed &&
        next.updatedAt.getTime() === next.createdAt.getTime() &&
        todayIn(timeZone, next.createdAt) === todayIn(timeZone, now),
    );
    if (untouched.length > 0)
      await executor.delete(task).where(
        and(
          eq(task.userId, after.userId),
          inArray(
            task.id,
            untouched.map((next) => next.id),
          ),
          // Touched since it was read: it stays.
          eq(task.updatedAt, task.createdAt),
        ),
      );
    return;
  }
  if (!after.repeatRule || !after.repeatMode || !after.dueDate || made.length > 0) return;
  const next = nextOccurrence(
    { rule: after.repeatRule, mode: after.repeatMode },
    after.dueDate,
    todayIn(timeZone, now),
  );
  if (!next) return;
  const [created] = await executor
    .insert(task)
    .values({
      // In the same project, with the same owner.
      userId: after.userId,
      projectId: after.projectId,
      title: after.title,
      description: after.description,
      priority: after.priority,
      category: after.category,
      // Still a member of the project (the same project: the foreign key holds).
      assigneeId: after.assigneeId,
      // The same local time in the same zone: 09:00 stays 09:00 across a DST change.
      ...dueColumns({ dueDate: next.dueDate, dueTime: after.dueTime, timeZone: after.timeZone }, DEFAULT_TIME_ZONE),
      repeatRule: next.rule,
      repeatMode: after.repeatMode,
      repeatOf: after.id,
      // The checklist comes back with every step unticked.
      steps: after.steps.map((step) => ({ ...step, done: false })),
    })
    .returning({ id: task.id });
  await executor.execute(
    sql`insert into ${taskLabel} (task_id, label_id) select ${created!.id}, ${taskLabel.labelId} from ${taskLabel} where ${taskLabel.taskId} = ${after.id}`,
  );
  // The next occurrence reminds as this one did, counting from its own due date.
  await copyRemindersToOccurrence(executor, after.id, created!.id);
}

/** Sets completion to a given value (idempotent, unlike toggling). */
export async function setTaskCompletion(
  userId: string,
  id: string,
  completed: boolean,
  options: WriteOptions = {},
): Promise<Task | null> {
  return updateTaskForUser(userId, id, { completed }, options);
}

/** Returns the deleted task, or null when there was none of the user's to delete. */
export async function deleteTaskForUser(userId: string, id: string, options: WriteOptions = {}): Promise<Task | null> {
  return writeTask(
    userId,
    id,
    options,
    (executor, where) => executor.delete(task).where(where).returning(taskColumns),
    (_before, deleted) => [
      {
        projectId: deleted.projectId,
        actorId: userId,
        kind: "task_deleted",
        taskId: deleted.id,
        taskTitle: deleted.title,
      },
    ],
  );
}

/** What a locked write reads of the task before changing it. */
interface CurrentTask {
  id: string;
  assigneeId: string | null;
  projectId: string;
  updatedAt: Date;
  completed: boolean;
  dueDate: string | null;
  dueTime: string | null;
}

type TaskWrite = (executor: Executor, where: SQL, current: CurrentTask | null) => Promise<Task[]>;
/** What a write records in its project's activity, from the row before (when read) and after. */
type TaskWriteActivity = (current: CurrentTask | null, row: Task) => ActivityEntry[];

/**
 * Runs `write` and records its activity in one transaction. With an expected version or
 * `lock`, the row is read and locked first, so two clients cannot both win.
 */
async function writeTask(
  userId: string,
  id: string,
  options: WriteOptions & { lock?: boolean },
  write: TaskWrite,
  activity: TaskWriteActivity,
): Promise<Task | null> {
  const { expectedVersion, lock = false } = options;
  if (!isTaskId(id)) return null;
  return db.transaction(async (tx) => {
    if (expectedVersion === undefined && !lock) {
      const [row] = await write(tx, owned(userId, id)!, null);
      if (!row) return taskRefusedOrMissing(tx, userId, id);
      await recordActivity(tx, activity(null, row));
      return row;
    }
    const [current] = await tx
      .select({
        id: task.id,
        assigneeId: task.assigneeId,
        projectId: task.projectId,
        updatedAt: task.updatedAt,
        completed: task.completed,
        dueDate: task.dueDate,
        dueTime: taskRowColumns.dueTime,
      })
      .from(task)
      .where(owned(userId, id))
      .for("update");
    if (!current) return taskRefusedOrMissing(tx, userId, id);
    if (expectedVersion !== undefined && taskVersion(current) !== expectedVersion)
      throw new TaskVersionMismatchError(current);
    const [row] = await write(tx, owned(userId, id)!, current);
    if (row) await recordActivity(tx, activity(current, row));
    return row ?? null;
  });
}
