// Task operations: read, create, change and delete one person's tasks (the list query lives
// in task-list.server.ts). Every statement is scoped by the owner's id in its WHERE clause;
// a task of another user is indistinguishable from a missing one.
import { and, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import {
  type ActivityEntry,
  editedFields,
  recordActivity,
  recordTaskEntries,
  taskChangeActivity,
} from "~/activity/record-activity.server";
import { CHECK_VIOLATION, hasErrorCode, NOT_NULL_VIOLATION, violatedConstraint } from "~/database-errors.server";
import { type Database, db, withCompiledRowMapper } from "~/db.server";
import { nextUpdatedAt, ownerMustExist } from "~/db/owned-rows.server";
import { labelsNamed, labelsOfTask, replaceTaskLabels, resolveLabels } from "~/labels/task-labels.server";
import { projectForTask } from "~/projects/project-access.server";
import { ensureInbox, ProjectNotFoundError } from "~/projects/projects.server";
import {
  copyRemindersToOccurrence,
  replaceTaskReminders,
  scheduleTaskReminders,
} from "~/reminders/task-reminders.server";
import type { ReminderInput } from "~/reminders/reminder-schema";
import { isUuid } from "~/text-rules";
import { task, taskLabel, user } from "../../db/schema";
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

/** The database's own refusal of a repeat without a due date, as the error callers expect. */
async function repeatNeedsDueDate<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (hasErrorCode(error, CHECK_VIOLATION) && violatedConstraint(error) === "task_repeat_check")
      throw new RepeatNeedsDueDateError();
    throw error;
  }
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

const owned = (userId: string, id: string) => and(eq(task.id, id), eq(task.userId, userId));

// The statements every request runs are built once and prepared: drizzle skips composing
// the SQL, and PostgreSQL parses and plans each once per connection instead of per request.
const selectOwnedTask = withCompiledRowMapper(
  db
    .select(taskColumns)
    .from(task)
    .where(and(eq(task.id, sql.placeholder("id")), eq(task.userId, sql.placeholder("userId"))))
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
async function intoProject<T>(userId: string, needsInbox: boolean, write: () => Promise<T>): Promise<T> {
  const projectMustExist = async () => {
    try {
      return await ownerMustExist(write);
    } catch (error) {
      if (hasErrorCode(error, NOT_NULL_VIOLATION)) throw new ProjectNotFoundError();
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
      userId: sql.placeholder("userId"),
      projectId: projectForTask(sql.placeholder("userId"), sql.placeholder("projectId")),
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
    const [row] = await intoProject(userId, input.projectId === undefined, () =>
      repeatNeedsDueDate(() =>
        insertTask.execute({
          ...input,
          ...due,
          dueAt: due.dueAt && due.dueAt.toISOString(),
          ...repeatColumns(input.repeat, input.dueDate),
          projectId: input.projectId ?? null,
          userId,
        }),
      ),
    );
    return { ...row!, labels: [] };
  }
  const [created] = await createTasksForUser(userId, [input]);
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
  const values = inputs.map(({ labels: _labels, projectId, repeat, reminders: _reminders, ...input }) => ({
    ...input,
    ...dueColumns(input, accountZone),
    ...repeatColumns(repeat, input.dueDate),
    userId,
    projectId: projectForTask(userId, projectId ?? null),
  }));
  const needsInbox = inputs.some((input) => input.projectId === undefined);
  if (inputs.every((input) => input.labels.length === 0)) {
    const rows = await intoProject(userId, needsInbox, () =>
      repeatNeedsDueDate(() =>
        db.transaction(async (tx) => {
          const inserted = await tx.insert(task).values(values).returning(taskRowColumns);
          await recordActivity(tx, createdActivity(userId, inserted));
          return inserted;
        }),
      ),
    );
    return rows.map((row) => ({ ...row, labels: [] }));
  }
  return intoProject(userId, needsInbox, () =>
    repeatNeedsDueDate(() =>
      db.transaction(async (tx) => {
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
  const { labels, projectId, dueDate, dueTime, timeZone, repeat, reminders, ...fields } = changes;
  const moved = projectId === undefined ? {} : { projectId: projectForTask(userId, projectId) };
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
  const changesDue = dueDate !== undefined || dueTime !== undefined || timeZone !== undefined;
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
    projectId !== undefined;
  if (!lock && options.expectedVersion === undefined) return editTask(userId, id, fields, editedFields(changes));
  if (!lock) return writeTask(userId, id, options, (executor, where) => update(executor, where), activity);
  const locked: TaskWrite = async (executor, where, current) => {
    if (labels !== undefined) {
      const resolved = await resolveLabels(executor, userId, labels);
      await replaceTaskLabels(executor, [{ taskId: id, labels: labelsNamed(resolved, labels) }]);
    }
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
    // When they are sent follows the due date and completion, in the same transaction.
    if (rows[0] && (changesDue || fields.completed !== undefined || reminders !== undefined))
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
  return row ?? null;
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
    .where(and(eq(task.repeatOf, after.id), eq(task.userId, userId)));
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
          eq(task.userId, userId),
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
      userId,
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
      if (row) await recordActivity(tx, activity(null, row));
      return row ?? null;
    }
    const [current] = await tx
      .select({
        id: task.id,
        projectId: task.projectId,
        updatedAt: task.updatedAt,
        completed: task.completed,
        dueDate: task.dueDate,
        dueTime: taskRowColumns.dueTime,
      })
      .from(task)
      .where(owned(userId, id))
      .for("update");
    if (!current) return null;
    if (expectedVersion !== undefined && taskVersion(current) !== expectedVersion)
      throw new TaskVersionMismatchError(current);
    const [row] = await write(tx, owned(userId, id)!, current);
    if (row) await recordActivity(tx, activity(current, row));
    return row ?? null;
  });
}
