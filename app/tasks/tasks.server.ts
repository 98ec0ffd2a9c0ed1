// Task operations: read, create, change and delete one person's tasks (the list query lives
// in task-list.server.ts). Every statement is scoped by the owner's id in its WHERE clause;
// a task of another user is indistinguishable from a missing one.
import { and, eq, type SQL, sql } from "drizzle-orm";
import { type Database, db } from "~/db.server";
import { task } from "../../db/schema";
import type { TaskInput, TaskPatch } from "./task-schema";

export type Task = typeof task.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs: anything that is not a UUID cannot name a task (and must not reach SQL as one). */
export function isTaskId(id: string): boolean {
  return UUID.test(id);
}

/** Raised when a write names a version (If-Match) that is no longer current. */
export class TaskVersionMismatchError extends Error {
  constructor(readonly current: Task) {
    super("The task was changed by someone else");
  }
}

/** An opaque version of a task: changes on every write. Used for ETag / If-Match. */
export function taskVersion(row: Pick<Task, "id" | "updatedAt">): string {
  return `${row.updatedAt.getTime().toString(36)}-${row.id.slice(0, 8)}`;
}

// Every write moves updated_at forward, even two writes within one millisecond.
const nextUpdatedAt = sql`greatest(clock_timestamp(), ${task.updatedAt} + interval '1 millisecond')`;

type Executor = Pick<Database, "update" | "delete">;

const owned = (userId: string, id: string) => and(eq(task.id, id), eq(task.userId, userId));

// The statements every request runs are built once and prepared: drizzle skips composing
// the SQL, and PostgreSQL parses and plans each once per connection instead of per request.
const selectOwnedTask = db
  .select()
  .from(task)
  .where(and(eq(task.id, sql.placeholder("id")), eq(task.userId, sql.placeholder("userId"))))
  .limit(1)
  .prepare("task_get");

export async function getTaskForUser(userId: string, id: string): Promise<Task | null> {
  if (!isTaskId(id)) return null;
  const [row] = await selectOwnedTask.execute({ userId, id });
  return row ?? null;
}

/** The owner no longer exists (an API token can outlive a deleted account by its lifetime). */
export class TaskOwnerNotFoundError extends Error {
  constructor() {
    super("The task's owner does not exist");
  }
}

function isForeignKeyViolation(error: unknown): boolean {
  const code = (value: unknown) => (value as { code?: unknown } | null)?.code;
  return code(error) === "23503" || code((error as { cause?: unknown } | null)?.cause) === "23503";
}

const insertTask = db
  .insert(task)
  .values({
    userId: sql.placeholder("userId"),
    title: sql.placeholder("title"),
    description: sql.placeholder("description"),
    priority: sql.placeholder("priority"),
    category: sql.placeholder("category"),
    dueDate: sql.placeholder("dueDate"),
    completed: sql.placeholder("completed"),
  })
  .returning()
  .prepare("task_insert");

export async function createTaskForUser(userId: string, input: TaskInput): Promise<Task> {
  try {
    const [row] = await insertTask.execute({ ...input, userId });
    return row!;
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new TaskOwnerNotFoundError();
    throw error;
  }
}

/** Inserts many tasks in one statement (imports, seeding). */
export async function createTasksForUser(userId: string, inputs: TaskInput[]): Promise<Task[]> {
  if (inputs.length === 0) return [];
  try {
    return await db
      .insert(task)
      .values(inputs.map((input) => ({ ...input, userId })))
      .returning();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new TaskOwnerNotFoundError();
    throw error;
  }
}

interface WriteOptions {
  /** The version the caller last saw (If-Match); the write fails if the task has moved on. */
  expectedVersion?: string;
}

/**
 * Applies `changes` to the user's task. Returns null when the task does not exist or is
 * not theirs; throws TaskVersionMismatchError when `expectedVersion` is stale.
 */
export async function updateTaskForUser(
  userId: string,
  id: string,
  changes: TaskPatch,
  options: WriteOptions = {},
): Promise<Task | null> {
  return writeTask(userId, id, options, (executor, where) =>
    executor
      .update(task)
      .set({ ...changes, updatedAt: nextUpdatedAt })
      .where(where)
      .returning(),
  );
}

export async function toggleTaskCompletion(userId: string, id: string, options: WriteOptions = {}): Promise<Task | null> {
  return writeTask(userId, id, options, (executor, where) =>
    executor
      .update(task)
      .set({ completed: sql`not ${task.completed}`, updatedAt: nextUpdatedAt })
      .where(where)
      .returning(),
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
  return writeTask(userId, id, options, (executor, where) => executor.delete(task).where(where).returning());
}

async function writeTask(
  userId: string,
  id: string,
  { expectedVersion }: WriteOptions,
  write: (executor: Executor, where: SQL) => Promise<Task[]>,
): Promise<Task | null> {
  if (!isTaskId(id)) return null;
  if (expectedVersion === undefined) {
    const [row] = await write(db, owned(userId, id)!);
    return row ?? null;
  }
  // Check and write in one transaction, the row locked, so two clients cannot both win.
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(task).where(owned(userId, id)).for("update");
    if (!current) return null;
    if (taskVersion(current) !== expectedVersion) throw new TaskVersionMismatchError(current);
    const [row] = await write(tx, owned(userId, id)!);
    return row ?? null;
  });
}
