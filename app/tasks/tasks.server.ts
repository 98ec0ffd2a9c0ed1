// The only code that touches the `task` table. Every statement is scoped by the owner's
// id in its WHERE clause; a task of another user is indistinguishable from a missing one.
import { and, asc, desc, eq, ilike, isNull, or, type Placeholder, type SQL, sql } from "drizzle-orm";
import { type Database, db } from "~/db.server";
import { task } from "../../db/schema";
import {
  defaultOrder,
  type TaskInput,
  type TaskListQuery,
  type TaskPatch,
} from "./task-schema";

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

// --- Listing ---------------------------------------------------------------------------

const priorityRank = sql<number>`(case ${task.priority} when 'high' then 3 when 'medium' then 2 else 1 end)`;
const titleKey = sql<string>`lower(${task.title})`;

function sortColumn(sort: TaskListQuery["sort"]) {
  switch (sort) {
    case "due_date":
      return task.dueDate;
    case "priority":
      return priorityRank;
    case "title":
      return titleKey;
    default:
      return task.createdAt;
  }
}

/**
 * How a statement gets a value: bound now (the value itself) or when a prepared statement
 * runs (a named placeholder, the value supplied then under that name).
 */
type Bind = <T>(name: string, value: T) => T | Placeholder;
const bindNow: Bind = (_name, value) => value;
const bindLater: Bind = (name) => sql.placeholder(name);

function filtersFor(userId: string, query: TaskListQuery, bind: Bind = bindNow): SQL {
  const conditions: (SQL | undefined)[] = [eq(task.userId, bind("userId", userId))];
  if (query.status === "pending") conditions.push(eq(task.completed, false));
  if (query.status === "completed") conditions.push(eq(task.completed, true));
  if (query.priority) conditions.push(eq(task.priority, bind("priority", query.priority)));
  if (query.category) conditions.push(eq(task.category, bind("category", query.category)));
  if (query.q) {
    const pattern = bind("pattern", searchPattern(query.q));
    conditions.push(or(ilike(task.title, pattern), ilike(task.description, pattern)));
  }
  return and(...conditions)!;
}

/** The values `filtersFor` binds, by name. */
function filterValues(userId: string, query: TaskListQuery) {
  return { userId, priority: query.priority, category: query.category, pattern: query.q ? searchPattern(query.q) : undefined };
}

const searchPattern = (q: string) => `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

interface Cursor {
  /** The sort key of the last task on the previous page (null: a task without a due date). */
  v: string | number | null;
  id: string;
}

function encodeCursor(row: Task, sort: TaskListQuery["sort"]): string {
  const value =
    sort === "created"
      ? row.createdAt.toISOString()
      : sort === "due_date"
        ? row.dueDate
        : sort === "priority"
          ? { low: 1, medium: 2, high: 3 }[row.priority]
          : row.title.toLowerCase();
  return Buffer.from(JSON.stringify({ v: value, id: row.id } satisfies Cursor)).toString("base64url");
}

/** Decodes a cursor from a client; null when it is not one of ours. */
export function decodeCursor(cursor: string, sort: TaskListQuery["sort"]): Cursor | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Cursor;
    if (typeof parsed !== "object" || parsed === null || typeof parsed.id !== "string" || !isTaskId(parsed.id)) return null;
    const { v } = parsed;
    if (sort === "created" && (typeof v !== "string" || Number.isNaN(Date.parse(v)))) return null;
    if (sort === "due_date" && v !== null && (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v))) return null;
    if (sort === "priority" && (typeof v !== "number" || ![1, 2, 3].includes(v))) return null;
    if (sort === "title" && typeof v !== "string") return null;
    return { v, id: parsed.id };
  } catch {
    return null;
  }
}

/** Rows strictly after the cursor in (sort key, id) order; tasks without a due date come last either way. */
function afterCursor(sort: TaskListQuery["sort"], order: "asc" | "desc", cursor: Cursor, bind: Bind = bindNow): SQL {
  const column = sortColumn(sort);
  const value = bind("cursorValue", cursor.v);
  const id = bind("cursorId", cursor.id);
  const beyond = (left: SQL | typeof column, right: unknown) =>
    order === "asc" ? sql`${left} > ${right}` : sql`${left} < ${right}`;
  const idBeyond = order === "asc" ? sql`${task.id} > ${id}` : sql`${task.id} < ${id}`;
  if (sort === "due_date") {
    if (cursor.v === null) return and(isNull(task.dueDate), idBeyond)!;
    return or(beyond(column, value), isNull(task.dueDate), and(eq(task.dueDate, value as string), idBeyond))!;
  }
  return or(beyond(column, value), and(sql`${column} = ${value}`, idBeyond))!;
}

export interface TaskPage {
  tasks: Task[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

type Paging = { limit: number; cursor?: string | null; offset?: number };

/** The user's tasks, filtered and sorted, one page at a time (by cursor or offset). */
export async function listTasksForUser(userId: string, query: TaskListQuery, paging: Paging): Promise<TaskPage> {
  const cursor = paging.cursor ? decodeCursor(paging.cursor, query.sort) : null;
  if (paging.cursor && !cursor) throw new InvalidCursorError();
  // One prepared statement per shape (sort, order, which filters, which cursor): a few hundred
  // at most, each built the first time it is asked for.
  const shape = [query.sort, query.order, query.status, !!query.priority, !!query.category, !!query.q, cursor ? cursor.v === null : "-"].join();
  const statement = preparedLists(shape, (name) => listStatement("userId", query, cursor, bindLater).prepare(name));
  const rows = await statement.execute({
    ...filterValues(userId, query),
    cursorValue: cursor?.v,
    cursorId: cursor?.id,
    limit: paging.limit + 1,
    offset: paging.offset ?? 0,
  });
  const tasks = rows.slice(0, paging.limit);
  const nextCursor = rows.length > paging.limit ? encodeCursor(tasks.at(-1)!, query.sort) : null;
  return { tasks, nextCursor };
}

/** A statement per shape of query, each prepared the first time its shape is asked for. */
function preparedPerShape<Statement>(prefix: string) {
  const statements = new Map<string, Statement>();
  return (shape: string, prepare: (name: string) => Statement): Statement => {
    let statement = statements.get(shape);
    if (!statement) {
      statement = prepare(`${prefix}_${statements.size}`);
      statements.set(shape, statement);
    }
    return statement;
  };
}

const preparedLists = preparedPerShape<ReturnType<ReturnType<typeof listStatement>["prepare"]>>("task_list");

/** The list's SELECT with its values bound now, as the list runs it; for EXPLAIN in tests. */
export function listTasksStatement(userId: string, query: TaskListQuery, { limit, cursor, offset }: Paging) {
  const decoded = cursor ? decodeCursor(cursor, query.sort) : null;
  if (cursor && !decoded) throw new InvalidCursorError();
  return listStatement(userId, query, decoded, bindNow)
    .limit(limit + 1)
    .offset(offset ?? 0);
}

/** The list's SELECT (one row more than a page, to know whether another follows). */
function listStatement(userId: string, query: TaskListQuery, cursor: Cursor | null, bind: Bind) {
  const order = query.order ?? defaultOrder(query.sort);
  const direction = order === "asc" ? asc : desc;
  const column = sortColumn(query.sort);
  const where = [filtersFor(userId, query, bind)];
  if (cursor) where.push(afterCursor(query.sort, order, cursor, bind));
  const orderBy =
    query.sort === "due_date"
      ? [sql`${task.dueDate} ${sql.raw(order)} nulls last`, direction(task.id)]
      : [direction(column), direction(task.id)];
  return db
    .select()
    .from(task)
    .where(and(...where))
    .orderBy(...orderBy)
    .limit(bind("limit", 51))
    .offset(bind("offset", 0))
    .$dynamic();
}

export class InvalidCursorError extends Error {
  constructor() {
    super("cursor is not valid for this list");
  }
}

export interface TaskSummary {
  /** How many tasks match the filters (for page numbers). */
  matching: number;
  /** Totals across all the user's tasks. */
  pending: number;
  completed: number;
  /** The user's own categories, for the filter. */
  categories: string[];
}

/** Whether the list filtered by `query` shows this task (the same conditions as the list). */
export async function taskMatchesQuery(userId: string, taskId: string, query: TaskListQuery): Promise<boolean> {
  const [row] = await db
    .select({ id: task.id })
    .from(task)
    .where(and(filtersFor(userId, query), eq(task.id, taskId)))
    .limit(1);
  return row !== undefined;
}

/** Everything the list page shows around the tasks, in one statement (one round trip). */
export async function summarizeTasksForUser(userId: string, query: TaskListQuery): Promise<TaskSummary> {
  const shape = [query.status, !!query.priority, !!query.category, !!query.q].join();
  const statement = preparedSummaries(shape, (name) => summaryStatement(query).prepare(name));
  const [row] = await statement.execute(filterValues(userId, query));
  return {
    matching: row?.matching ?? 0,
    pending: row?.pending ?? 0,
    completed: row?.completed ?? 0,
    categories: row?.categories ?? [],
  };
}

function summaryStatement(query: TaskListQuery) {
  return db
    .select({
      matching: sql<number>`(count(*) filter (where ${filtersFor("userId", query, bindLater)}))::int`,
      pending: sql<number>`(count(*) filter (where not ${task.completed}))::int`,
      completed: sql<number>`(count(*) filter (where ${task.completed}))::int`,
      categories: sql<string[] | null>`array_agg(distinct ${task.category} order by ${task.category}) filter (where ${task.category} is not null)`,
    })
    .from(task)
    .where(eq(task.userId, sql.placeholder("userId")));
}

const preparedSummaries = preparedPerShape<ReturnType<ReturnType<typeof summaryStatement>["prepare"]>>("task_summary");

/** The user's own categories, for the filter and for suggestions in the form. */
export async function listCategoriesForUser(userId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ category: task.category })
    .from(task)
    .where(and(eq(task.userId, userId), sql`${task.category} is not null`))
    .orderBy(asc(task.category));
  return rows.map((row) => row.category!);
}
