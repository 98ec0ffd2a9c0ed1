// Task operations: read, create, change and delete one person's tasks (the list query lives
// in task-list.server.ts). Every statement is scoped by the owner's id in its WHERE clause;
// a task of another user is indistinguishable from a missing one.
import { and, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import { CHECK_VIOLATION, hasErrorCode, NOT_NULL_VIOLATION, violatedConstraint } from "~/database-errors.server";
import { type Database, db, withCompiledRowMapper } from "~/db.server";
import { nextUpdatedAt, ownerMustExist } from "~/db/owned-rows.server";
import { labelsNamed, labelsOfTask, replaceTaskLabels, resolveLabels } from "~/labels/task-labels.server";
import { projectForTask } from "~/projects/project-access.server";
import { ensureInbox, ProjectNotFoundError } from "~/projects/projects.server";
import { isUuid } from "~/text-rules";
import { task, taskLabel } from "../../db/schema";
import { todayIn } from "./due-date";
import { anchorRepeat, nextOccurrence } from "./repeat-dates";
import type { Repeat } from "./repeat-rule";
import { REPEAT_NEEDS_DUE_DATE, type TaskInput, type TaskPatch } from "./task-schema";

// The stored search text is the database's business (the search reads it there): not selected.
const { searchText: _searchText, ...taskRowColumns } = getTableColumns(task);

/** A task row with its label names (A to Z ignoring case). */
export type Task = Omit<typeof task.$inferSelect, "searchText"> & { labels: string[] };

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

type Executor = Pick<Database, "select" | "update" | "delete" | "insert" | "execute">;

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

const insertTask = db
  .insert(task)
  .values({
    userId: sql.placeholder("userId"),
    projectId: projectForTask(sql.placeholder("userId"), sql.placeholder("projectId")),
    title: sql.placeholder("title"),
    description: sql.placeholder("description"),
    priority: sql.placeholder("priority"),
    category: sql.placeholder("category"),
    dueDate: sql.placeholder("dueDate"),
    completed: sql.placeholder("completed"),
    repeatRule: sql.placeholder("repeatRule"),
    repeatMode: sql.placeholder("repeatMode"),
  })
  .returning(taskRowColumns)
  .prepare("task_insert");

/**
 * Creates a task in `input.projectId`, else the person's Inbox; throws ProjectNotFoundError
 * when they may not put tasks in that project, UnknownLabelError when `input.labels` names a
 * label they do not have.
 */
export async function createTaskForUser(userId: string, input: TaskInput): Promise<Task> {
  // Without labels (most creates), one prepared statement.
  if (input.labels.length === 0) {
    const [row] = await intoProject(userId, input.projectId === undefined, () =>
      repeatNeedsDueDate(() =>
        insertTask.execute({
          ...input,
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

/** Inserts many tasks in one statement (imports, seeding), their labels in one more. */
export async function createTasksForUser(userId: string, inputs: TaskInput[]): Promise<Task[]> {
  if (inputs.length === 0) return [];
  const values = inputs.map(({ labels: _labels, projectId, repeat, ...input }) => ({
    ...input,
    ...repeatColumns(repeat, input.dueDate),
    userId,
    projectId: projectForTask(userId, projectId ?? null),
  }));
  const needsInbox = inputs.some((input) => input.projectId === undefined);
  if (inputs.every((input) => input.labels.length === 0)) {
    const rows = await intoProject(userId, needsInbox, () =>
      repeatNeedsDueDate(() => db.insert(task).values(values).returning(taskRowColumns)),
    );
    return rows.map((row) => ({ ...row, labels: [] }));
  }
  return intoProject(userId, needsInbox, () =>
    repeatNeedsDueDate(() =>
      db.transaction(async (tx) => {
        const resolved = await resolveLabels(tx, userId, [...new Set(inputs.flatMap((input) => input.labels))]);
        const rows = await tx.insert(task).values(values).returning({ id: task.id });
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
  /** The person's IANA zone: which day "today" is when a repeating task is completed or reopened. */
  timeZone?: string;
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
  const { labels, projectId, repeat, ...fields } = changes;
  const moved = projectId === undefined ? {} : { projectId: projectForTask(userId, projectId) };
  const update = (executor: Executor, where: SQL, current: CurrentTask | null) =>
    intoProject(userId, false, () =>
      repeatNeedsDueDate(() =>
        executor
          .update(task)
          .set({
            ...fields,
            ...moved,
            ...(repeat === undefined ? {} : repeatColumns(repeat, fields.dueDate ?? current?.dueDate)),
            updatedAt: nextUpdatedAt,
          })
          .where(where)
          .returning(taskColumns),
      ),
    );
  // A new completion may start (or take back) a repeating task's next occurrence, and a new
  // repeat is anchored on the due date: both read the task first, locked.
  const lock = labels !== undefined || fields.completed !== undefined || repeat !== undefined;
  if (!lock) return writeTask(userId, id, options, update);
  return writeTask(userId, id, { ...options, lock }, async (executor, where, current) => {
    // New labels: relinked before the update, so the row returned carries them.
    if (labels !== undefined) {
      const resolved = await resolveLabels(executor, userId, labels);
      await replaceTaskLabels(executor, [{ taskId: id, labels: labelsNamed(resolved, labels) }]);
    }
    const rows = await update(executor, where, current);
    if (rows[0] && current) await followCompletion(executor, userId, current, rows[0], options.timeZone);
    return rows;
  });
}

export async function toggleTaskCompletion(
  userId: string,
  id: string,
  options: WriteOptions = {},
): Promise<Task | null> {
  return writeTask(userId, id, { ...options, lock: true }, async (executor, where, current) => {
    const rows = await executor
      .update(task)
      .set({ completed: sql`not ${task.completed}`, updatedAt: nextUpdatedAt })
      .where(where)
      .returning(taskColumns);
    if (rows[0] && current) await followCompletion(executor, userId, current, rows[0], options.timeZone);
    return rows;
  });
}

/**
 * What a change of completion does to a repeating task, in the same transaction: completing
 * it makes the next occurrence (unless one was made already); reopening it the same day takes
 * that occurrence back while nobody has touched it (decision 093).
 */
async function followCompletion(
  executor: Executor,
  userId: string,
  before: CurrentTask,
  after: Task,
  timeZone: string | undefined,
) {
  if (before.completed === after.completed) return;
  const now = new Date();
  const made = await executor
    .select({ id: task.id, completed: task.completed, createdAt: task.createdAt, updatedAt: task.updatedAt })
    .from(task)
    .where(and(eq(task.repeatOf, after.id), eq(task.userId, userId)));
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
      dueDate: next.dueDate,
      repeatRule: next.rule,
      repeatMode: after.repeatMode,
      repeatOf: after.id,
    })
    .returning({ id: task.id });
  await executor.execute(
    sql`insert into ${taskLabel} (task_id, label_id) select ${created!.id}, ${taskLabel.labelId} from ${taskLabel} where ${taskLabel.taskId} = ${after.id}`,
  );
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
  return writeTask(userId, id, options, (executor, where) => executor.delete(task).where(where).returning(taskColumns));
}

/** What a locked write reads of the task before changing it. */
interface CurrentTask {
  id: string;
  updatedAt: Date;
  completed: boolean;
  dueDate: string | null;
}

async function writeTask(
  userId: string,
  id: string,
  { expectedVersion, lock = false }: WriteOptions & { lock?: boolean },
  write: (executor: Executor, where: SQL, current: CurrentTask | null) => Promise<Task[]>,
): Promise<Task | null> {
  if (!isTaskId(id)) return null;
  if (expectedVersion === undefined && !lock) {
    const [row] = await write(db, owned(userId, id)!, null);
    return row ?? null;
  }
  // Check and write in one transaction, the row locked, so two clients cannot both win.
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: task.id, updatedAt: task.updatedAt, completed: task.completed, dueDate: task.dueDate })
      .from(task)
      .where(owned(userId, id))
      .for("update");
    if (!current) return null;
    if (expectedVersion !== undefined && taskVersion(current) !== expectedVersion)
      throw new TaskVersionMismatchError(current);
    const [row] = await write(tx, owned(userId, id)!, current);
    return row ?? null;
  });
}
