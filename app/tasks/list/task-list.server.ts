// The list query: the user's tasks filtered, sorted and paged, and the counts around them.
// Its WHERE clause is built from the filter table (task-list-query.ts); so is the key under
// which each shape of statement is prepared, so the two cannot drift apart.
import { and, asc, Column, desc, eq, is, isNull, or, Placeholder, type SQL, sql } from "drizzle-orm";
import { db, withCompiledRowMapper } from "~/db.server";
import { alias } from "drizzle-orm/pg-core";
import { label, project, task, taskLabel, taskTally } from "../../../db/schema";
import {
  peopleSharingWith,
  projectsAccessibleTo,
  sharedProjectIds,
  tasksAccessibleTo,
} from "~/projects/project-access.server";
import { hasSharedProjects } from "~/projects/projects.server";
import type { Label } from "~/labels/label-schema";
import { qualified } from "~/db/sql";
import { PRIORITIES, priorityRank } from "~/tasks/priority";
import {
  activeFilters,
  type ConditionKit,
  defaultOrder,
  type FilterTable,
  LIST_FILTERS,
  type TaskListQuery,
  type TaskSort,
  type TaskView,
  VIEW_COUNT_MAX,
  VIEW_MATCHING_MAX,
} from "./task-list-query";
import { type Today, todayFor } from "~/tasks/due-date";
import { DATE_PATTERN } from "~/tasks/task-schema";
import { DEFAULT_TIME_ZONE } from "~/tasks/time-zone";
import { isTaskId, type Task, taskColumns } from "~/tasks/tasks.server";

// The rank of each priority, written into the SQL from the one list (constants, not input).
const priorityRankSql = sql<number>`(case ${task.priority} ${sql.raw(
  PRIORITIES.map((priority) => `when '${priority}' then ${priorityRank(priority)}`).join(" "),
)} end)`;
const titleKey = sql<string>`lower(${task.title})`;

function sortColumn(sort: TaskSort) {
  switch (sort) {
    case "due_date":
      return task.dueDate;
    case "priority":
      return priorityRankSql;
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
type Bind = (name: string, value: unknown) => unknown;
const bindNow: Bind = (_name, value) => value;
const bindLater: Bind = (name) => sql.placeholder(name);

interface BoundFilters {
  where: SQL;
  /**
   * What is being looked at, before the filters: one project's tasks, or (without the
   * project filter) every task outside the archived projects. The summary's counts read it.
   */
  scope: SQL;
  /** The values bound, by placeholder name (the owner's id as `userId`). */
  values: Record<string, unknown>;
  /** The filters in use and the names they bound: together they fix the SQL text. */
  shape: string;
  /** Whether any filter is in use (the project's included). */
  filtered: boolean;
  /** The label ids every match carries (the label filter's, decision 116), when one is in use. */
  walkedLabelIds?: SQL;
  /** `where` for a task reached through one of walkedLabelIds: without that label's own test. */
  walkedWhere: SQL;
}

/**
 * The owner condition and every active filter's condition, as `bind` binds their values.
 * `where` and `scope` are built when read: a list whose statement is prepared for its shape
 * needs only the values and the shape (decision 136's measurements: the SQL built on every
 * request and never used was a twentieth of the JSON list's allocations).
 */
function boundFilters(
  filters: FilterTable,
  userId: string,
  query: TaskListQuery,
  bind: Bind,
  reader: Today = UTC_READER(),
  shared = true,
): BoundFilters {
  const values: Record<string, unknown> = { userId };
  const owner = bind("userId", userId);
  const filterConditions: SQL[] = [];
  const walkedConditions: SQL[] = [];
  const shape: string[] = [];
  let projectCondition: SQL | undefined;
  let walkedLabelIds: SQL | undefined;
  for (const [name, value] of activeFilters(query, filters)) {
    const names = new Set<string>();
    const kit: ConditionKit = {
      sql,
      task,
      label,
      taskLabel,
      ref: qualified,
      reader,
      userId: owner as SQL,
      labelOwners: peopleSharingWith(owner as SQL),
      bind: (bound, key) => {
        const placeholder = key === undefined ? name : `${name}_${key}`;
        names.add(placeholder);
        values[placeholder] = bound;
        return bind(placeholder, bound);
      },
    };
    const condition = filters[name]!.where(value as never, kit);
    const walk = walkedLabelIds ? undefined : filters[name]!.walk?.(value as never, kit);
    walkedLabelIds ??= walk?.labelIds;
    if (condition) filterConditions.push(condition);
    const walkedCondition = walk ? walk.where : condition;
    if (walkedCondition) walkedConditions.push(walkedCondition);
    if (condition && name === "project") projectCondition = condition;
    shape.push(`${name}(${[...names].join()})`);
  }
  // The tasks of every project the reader is a member of (decision 095).
  const accessible = () => tasksAccessibleTo(owner as SQL, "see", { shared });
  // One project's tasks, archived or not; without it, none of an archived project's.
  const scoped = (conditions: SQL[]) =>
    and(accessible(), ...conditions, ...(projectCondition ? [] : [withoutArchivedProjects(owner)]))!;
  return {
    get where() {
      return scoped(filterConditions);
    },
    get walkedWhere() {
      return scoped(walkedConditions);
    },
    get scope() {
      return and(accessible(), projectCondition ?? withoutArchivedProjects(owner))!;
    },
    values,
    filtered: shape.length > 0,
    shape: `${shared ? "shared" : "own"};${shape.join()}`,
    walkedLabelIds,
  };
}

// The archived projects' ids are read once per statement (an InitPlan), then each task is
// one comparison: nearly always against an empty list.
const withoutArchivedProjects = (owner: unknown) =>
  sql`${task.projectId} <> all(array(select ${qualified(project.id)} from ${project} where ${projectsAccessibleTo(owner as SQL, "see")} and ${qualified(project.archived)}))`;

interface Cursor {
  /** The sort key of the last task on the previous page (null: a task without a due date). */
  v: string | number | null;
  id: string;
  /** "due": a view's cursor in due order (decision 115), whose key is an instant or a date. */
  o?: "due";
}

/**
 * Today and Upcoming in their own order (due date, either direction) read by the due instant
 * (decision 115): see viewStatement.
 */
const inDueOrder = (query: TaskListQuery) => query.view !== undefined && query.sort === "due_date";

function encodeCursor(row: Task, query: TaskListQuery): string {
  const { sort } = query;
  const value = inDueOrder(query)
    ? // A timed task by its instant, a task for the whole day by its date (viewStatement).
      row.dueTime !== null && row.dueAt !== null
      ? row.dueAt.toISOString()
      : row.dueDate
    : sort === "created"
      ? row.createdAt.toISOString()
      : sort === "due_date"
        ? row.dueDate
        : sort === "priority"
          ? priorityRank(row.priority)
          : row.title.toLowerCase();
  const cursor: Cursor = inDueOrder(query) ? { v: value, id: row.id, o: "due" } : { v: value, id: row.id };
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** Decodes a cursor from a client; null when it is not one of ours. */
export function decodeCursor(cursor: string, query: TaskListQuery): Cursor | null {
  const { sort } = query;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Cursor;
    if (typeof parsed !== "object" || parsed === null || typeof parsed.id !== "string" || !isTaskId(parsed.id))
      return null;
    const { v } = parsed;
    // A view's cursor says so: another order's key (an instant of creation) is not a due instant.
    if (inDueOrder(query))
      return parsed.o === "due" &&
        typeof v === "string" &&
        (DATE_PATTERN.test(v) || INSTANT_PATTERN.test(v)) &&
        !Number.isNaN(Date.parse(v))
        ? { v, id: parsed.id, o: "due" }
        : null;
    if (parsed.o !== undefined) return null;
    if (sort === "created" && (typeof v !== "string" || Number.isNaN(Date.parse(v)))) return null;
    if (sort === "due_date" && v !== null && (typeof v !== "string" || !DATE_PATTERN.test(v))) return null;
    if (sort === "priority" && !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= PRIORITIES.length))
      return null;
    if (sort === "title" && typeof v !== "string") return null;
    return { v, id: parsed.id };
  } catch {
    return null;
  }
}

/** An instant as encodeCursor writes it (toISOString). */
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A view's cursor (viewStatement): the last row's due instant when it was timed, else its date. */
const cursorInstant = (cursor: Cursor | null) =>
  typeof cursor?.v === "string" && INSTANT_PATTERN.test(cursor.v) ? cursor.v : null;
const cursorDay = (cursor: Cursor | null) =>
  typeof cursor?.v === "string" && DATE_PATTERN.test(cursor.v) ? cursor.v : null;

/** Rows strictly after the cursor in (sort key, id) order; tasks without a due date come last either way. */
function afterCursor(sort: TaskSort, order: "asc" | "desc", cursor: Cursor, bind: Bind): SQL {
  const column = sortColumn(sort);
  const value = bind("cursorValue", cursor.v);
  const id = bind("cursorId", cursor.id);
  const beyond = (left: SQL | typeof column, right: unknown) =>
    order === "asc" ? sql`${left} > ${right}` : sql`${left} < ${right}`;
  const idBeyond = order === "asc" ? sql`${task.id} > ${id}` : sql`${task.id} < ${id}`;
  if (sort === "due_date") {
    if (cursor.v === null) return and(isNull(task.dueDate), idBeyond)!;
    return or(beyond(column, value), isNull(task.dueDate), and(sql`${task.dueDate} = ${value}`, idBeyond))!;
  }
  return or(beyond(column, value), and(sql`${column} = ${value}`, idBeyond))!;
}

export interface TaskPage {
  tasks: Task[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

type Paging = {
  limit: number;
  cursor?: string | null;
  offset?: number;
  /** The reader's day and zone, for the views (UTC's today without one). */
  reader?: Today;
  /** Whether the reader is a member of others' projects (hasSharedProjects); true without it. */
  shared?: boolean;
};

const UTC_READER = () => todayFor(DEFAULT_TIME_ZONE);

export class InvalidCursorError extends Error {
  constructor() {
    super("cursor is not valid for this list");
  }
}

/** What the list page shows around its tasks: counts, and the choices for the filters. */
export interface TaskListSummary {
  /**
   * How many tasks match the filters (for page numbers); with a view (Today, Upcoming), at most
   * VIEW_MATCHING_MAX + 1: more than VIEW_MATCHING_MAX means "more than that" (decision 115).
   */
  matching: number;
  /** Totals across what is being looked at (one project, or every unarchived one). */
  pending: number;
  completed: number;
  /** The categories of what is being looked at, for the filter. */
  categories: string[];
  /** The user's labels, A to Z: for the filter, the picker and the colours of the list's badges. */
  labels: Label[];
}

interface Preparable<Statement> {
  prepare(name: string): Statement;
  toSQL(): { params: unknown[] };
}

/**
 * Statements prepared once per shape, the first time each is asked for. One cache per
 * process (statement names are per connection), whatever filter table built the shape.
 */
function preparedPerShape<Statement>(prefix: string) {
  const statements = new Map<string, Statement>();
  return (shape: string, build: () => Preparable<Statement>): Statement => {
    let statement = statements.get(shape);
    if (!statement) {
      const query = build();
      // A value written into the SQL instead of bound would be replayed for every later
      // request of this shape: refuse the statement rather than serve another person's filter.
      if (!query.toSQL().params.every((param) => is(param, Placeholder))) {
        throw new Error(`A list statement (${shape}) binds a value that is not a placeholder`);
      }
      statement = withCompiledRowMapper(query.prepare(`${prefix}_${statements.size}`));
      statements.set(shape, statement);
    }
    return statement;
  };
}

/**
 * The list's columns read from a FROM clause written in SQL and named "task" (the label walk,
 * decision 116): each column by name, decoded as the column decodes it.
 */
const walkedColumns = Object.fromEntries(
  Object.entries(taskColumns).map(([key, field]) => [
    key,
    is(field, Column) ? sql`${sql.identifier("task")}.${sql.identifier(field.name)}`.mapWith(field) : field,
  ]),
) as unknown as typeof taskColumns;

/** The person's task_tally rows under the task table's name (summaryStatement). */
const tally = alias(taskTally, "task");
/**
 * The filters whose conditions read only columns the tally has (the owner, the project,
 * `completed`, `category`); the scope (archived projects left out) reads the same.
 */
const TALLIED = new Set(["status", "category", "project"]);

/**
 * How many of a person's tasks (in the list's order, after the cursor) a filtered list reads
 * first, before it asks for every match (decision 076).
 */
const WALK_WINDOW = 2000;

/**
 * A filtered list in the default order (newest first) is read in two steps (decision 076):
 * first the person's next WALK_WINDOW tasks in that order, walked through the owner's
 * (user_id, created_at, id) index and filtered, stopping at a full page; only when that finds
 * less than a page (a rare match, none among the newest, or the end of the list) the statement
 * over every match (the search's trigram index), which then sorts them. A common word among
 * 100,000 tasks costs a few hundred rows instead of every match. A label filter walks its
 * labels' own rows instead (decision 116); other orders have no index by owner to walk.
 */
function walksFirst(query: TaskListQuery, bound: Pick<BoundFilters, "filtered" | "walkedLabelIds">, shared: boolean) {
  // Unfiltered, the person's own tasks in this order are one read of the owner's index already:
  // the window would only add a second statement to every list shorter than a page (decision 140).
  // A member of others' projects keeps it: their list is no one index's order (decision 117).
  return query.sort === "created" && !bound.walkedLabelIds && (bound.filtered || shared);
}

/**
 * The list queries for a table of filters. The app uses LIST_FILTERS (exported below);
 * tests extend the table to show that a new filter changes the statement it runs.
 */
export function taskListQueries(filters: FilterTable) {
  /**
   * The list's SELECT (one row more than a page, to know whether another follows). `walk`:
   * the same SELECT over only the person's next WALK_WINDOW tasks in the list's order (see
   * walksFirst below); its rows are the list's own whenever it finds a full page.
   */
  function listStatement(
    userId: string,
    query: TaskListQuery,
    cursor: Cursor | null,
    bind: Bind,
    reader?: Today,
    walk = false,
    shared = true,
    pageEnd = 51,
  ) {
    const order = query.order ?? defaultOrder(query.sort);
    if (inDueOrder(query) && !walk)
      return viewStatement(userId, query, cursor, bind, reader ?? UTC_READER(), order, undefined, shared);
    const direction = order === "asc" ? asc : desc;
    const column = sortColumn(query.sort);
    const bound = boundFilters(filters, userId, query, bind, reader, shared);
    const after = cursor ? afterCursor(query.sort, order, cursor, bind) : undefined;
    if (query.sort === "created" && bound.walkedLabelIds && !walk)
      return labelWalkStatement(bound, order, and(bound.walkedWhere, after)!, cursor, bind, pageEnd);
    const where = [bound.where];
    if (after && !walk) where.push(after);
    const orderBy =
      query.sort === "due_date"
        ? [sql`${task.dueDate} ${sql.raw(order)} nulls last`, direction(task.id)]
        : [direction(column), direction(task.id)];
    if (walk) {
      // The window reads the owner's (user_id, created_at, id) index and stops after
      // WALK_WINDOW rows; it is named "task", so the filters' conditions ("task"."…") and the
      // order read its rows.
      if (shared) return sharedWindowStatement(userId, order, and(...where)!, after, bind);
      const window = db
        .select()
        .from(task)
        .where(and(tasksAccessibleTo(bind("userId", userId) as SQL, "see", { shared }), after))
        .orderBy(...orderBy)
        .limit(bind("walkWindow", WALK_WINDOW) as number)
        .as("task");
      const columns = Object.fromEntries(
        // The labels and the due time (read as HH:MM) are expressions over the row, not its columns.
        Object.keys(taskColumns).map((key) => [
          key,
          key === "labels" || key === "dueTime" ? taskColumns[key] : window[key as "id"],
        ]),
      ) as unknown as typeof taskColumns;
      return db
        .select(columns)
        .from(window)
        .where(and(...where))
        .orderBy(...orderBy)
        .limit(bind("limit", 51) as number)
        .offset(bind("offset", 0) as number)
        .$dynamic();
    }
    return db
      .select(taskColumns)
      .from(task)
      .where(and(...where))
      .orderBy(...orderBy)
      .limit(bind("limit", 51) as number)
      .offset(bind("offset", 0) as number)
      .$dynamic();
  }

  /**
   * Decision 076's window for a member of others' projects, in creation order (decision 117):
   * "mine or my projects'" is no one index's order, so the window merges ordered walks, each
   * stopped at WALK_WINDOW rows after the cursor: the person's own tasks along the owner's
   * index, and each shared project's along task_project_created_idx (the two sets never meet:
   * a shared project's tasks belong to its owner). The first WALK_WINDOW rows of the merge are
   * the first of every task the person sees, filtered and paged as the single window is.
   */
  function sharedWindowStatement(
    userId: string,
    order: "asc" | "desc",
    where: SQL,
    after: SQL | undefined,
    bind: Bind,
  ) {
    const key = sql.raw(order);
    const owner = bind("userId", userId) as SQL;
    const windowSize = bind("walkWindow", WALK_WINDOW);
    const afterCursor = after ? sql` and ${after}` : sql``;
    const walkOrder = sql`order by ${task.createdAt} ${key}, ${task.id} ${key} limit ${windowSize}`;
    const window = sql`(select * from (
      (select ${task}.* from ${task} where ${task.userId} = ${owner}${afterCursor} ${walkOrder})
      union all
      (select shared_walk.* from unnest(${sharedProjectIds(owner, "see")}) as shared_project (id) cross join lateral (
        select ${task}.* from ${task} where ${task.projectId} = shared_project.id${afterCursor} ${walkOrder}) as shared_walk)
    ) as mine_and_shared order by created_at ${key}, id ${key} limit ${windowSize}) as ${task}`;
    const direction = order === "asc" ? asc : desc;
    return db
      .select(walkedColumns)
      .from(window)
      .where(where)
      .orderBy(direction(task.createdAt), direction(task.id))
      .limit(bind("limit", 51) as number)
      .offset(bind("offset", 0) as number)
      .$dynamic();
  }

  /**
   * A label's list in creation order (decision 116): for each id the first label's name stands
   * for (its own and its projects' members' labels of that name), that label's task_label rows
   * walked along task_label_label_created_idx in the list's order from the cursor, each joined
   * to its task and kept when every other condition holds (`walkedWhere`, decision 137), up to
   * the page's end; the page is the first rows of those walks merged. A task carrying two of the
   * ids appears in two walks: once here.
   * However rare the label among the newest tasks, each walk reads its own matches and those the
   * other conditions refuse, not the person's other tasks.
   */
  function labelWalkStatement(
    bound: BoundFilters,
    order: "asc" | "desc",
    where: SQL,
    cursor: Cursor | null,
    bind: Bind,
    pageEnd: number,
  ) {
    const direction = order === "asc" ? asc : desc;
    const beyond = sql.raw(order === "asc" ? ">" : "<");
    const key = sql.raw(order);
    const from = cursor
      ? sql`and (walked_link.task_created_at, walked_link.task_id) ${beyond} (${bind("cursorValue", cursor.v)}::timestamptz, ${bind("cursorId", cursor.id)}::uuid)`
      : sql``;
    // Named "task", so the conditions, the order and the row's own expressions read its rows.
    // Each link's task is read by its key and tested there (`offset 0` keeps the planner from
    // turning the probe into a join of every task the conditions allow, read before the walk).
    const walks = sql`(select walked.* from unnest(${bound.walkedLabelIds}) as walked_label (id) cross join lateral (
      select walked_task.* from ${taskLabel} as walked_link cross join lateral (
        select ${task}.* from ${task} where ${task.id} = walked_link.task_id and ${where} offset 0) as walked_task
      where walked_link.label_id = walked_label.id ${from}
      order by walked_link.task_created_at ${key}, walked_link.task_id ${key}
      limit ${bind("branchLimit", pageEnd)}) as walked) as ${task}`;
    return db
      .selectDistinctOn([task.createdAt, task.id], walkedColumns)
      .from(walks)
      .orderBy(direction(task.createdAt), direction(task.id))
      .limit(bind("limit", 51) as number)
      .offset(bind("offset", 0) as number)
      .$dynamic();
  }

  /**
   * The two halves of a view (decision 115), each a condition an index walks in order: the
   * timed tasks through task_user_due_idx (user_id, due_at, id), the tasks for the whole day
   * through task_user_due_date_idx (user_id, due_date, id). The view's day test (the reader's
   * day of each task, task-list-query.ts) becomes, per half, a bound on the indexed column:
   * a timed task is due from today's start in the reader's zone (Upcoming) or before
   * tomorrow's (Today); a whole day from today's date or up to it. The other filters as usual.
   */
  function viewHalves(userId: string, query: TaskListQuery, bind: Bind, reader: Today, shared = true) {
    const view = query.view!;
    const { where } = boundFilters(filters, userId, { ...query, view: undefined }, bind, reader, shared);
    // The same placeholder names as the view's own condition (task-list-query.ts).
    const zone = bind("view_zone", reader.timeZone);
    const today = sql`${bind("view_today", reader.date)}::date`;
    const dayStart = (date: SQL | unknown) => sql`((${date})::timestamp at time zone ${zone})`;
    const timed = and(
      where,
      sql`not ${task.completed} and ${task.dueTime} is not null`,
      view === "upcoming"
        ? sql`${task.dueAt} >= ${dayStart(today)}`
        : sql`${task.dueAt} < ${dayStart(sql`${today} + 1`)}`,
    )!;
    const wholeDay = and(
      where,
      sql`not ${task.completed} and ${task.dueTime} is null`,
      view === "upcoming" ? sql`${task.dueDate} >= ${today}` : sql`${task.dueDate} <= ${today}`,
    )!;
    return { timed, wholeDay, zone, dayStart };
  }

  /**
   * Today and Upcoming in due order (decision 115): by the instant each task falls due for the
   * reader (a timed task's due_at; a task for the whole day, the start of its date in the
   * reader's zone), then id. That order groups the rows by the reader's day (decision 100) and
   * puts a day's timed tasks by their time, after its tasks for the whole day. The two halves
   * (viewHalves) are each walked in their index's order up to the page's end (the start of a
   * date in one zone rises with the date), and the page is the first rows of the two merged.
   * The cursor carries the last row's instant (a timed task) or date (a whole day), which each
   * walk reads as its own key.
   */
  function viewStatement(
    userId: string,
    query: TaskListQuery,
    cursor: Cursor | null,
    bind: Bind,
    reader: Today,
    order: "asc" | "desc",
    pageEnd = 51,
    shared = true,
  ) {
    const halves = viewHalves(userId, query, bind, reader, shared);
    const { zone, dayStart } = halves;
    const direction = order === "asc" ? asc : desc;
    // The owner's index walks in due order only while every row is the reader's own; with
    // shared projects' tasks (other owners) each half is ordered by its due key alone.
    const byOwner = shared ? [] : [direction(task.userId)];
    const beyond = sql.raw(order === "asc" ? ">" : "<");
    const branchLimit = bind("branchLimit", pageEnd) as number;
    // The cursor's instant: a timed task's due_at, or the start of a whole day's date.
    const cursorAt = cursor
      ? sql`coalesce(${bind("cursorAt", cursorInstant(cursor))}::timestamptz, ${dayStart(sql`${bind("cursorDate", cursorDay(cursor))}::date`)})`
      : undefined;
    const timed = db
      .select()
      .from(task)
      .where(
        and(
          halves.timed,
          cursorAt && sql`(${task.dueAt}, ${task.id}) ${beyond} (${cursorAt}, ${bind("cursorId", cursor?.id)}::uuid)`,
        ),
      )
      .orderBy(...byOwner, direction(task.dueAt), direction(task.id))
      .limit(branchLimit);
    // A whole day after the cursor: a later date, or the cursor's own date when the cursor is
    // that date's start and the id is beyond (otherwise the cursor is a timed task later that
    // day, and every whole-day task of the date lies before it: compared with the largest id).
    const cursorDate = cursorAt && sql`((${cursorAt}) at time zone ${zone})::date`;
    const wholeDay = db
      .select()
      .from(task)
      .where(
        and(
          halves.wholeDay,
          cursorDate &&
            sql`(${task.dueDate}, ${task.id}) ${beyond} (${cursorDate}, case when ${dayStart(cursorDate)} = ${cursorAt} then ${bind("cursorId", cursor?.id)}::uuid else 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid end)`,
        ),
      )
      .orderBy(...byOwner, direction(task.dueDate), direction(task.id))
      .limit(branchLimit);
    const instant = sql`(case when ${task.dueTime} is null then ${dayStart(task.dueDate)} else ${task.dueAt} end)`;
    // Named "task", so the order and the row's own expressions (labels, due time) read it.
    const both = timed.unionAll(wholeDay).as("task");
    const columns = Object.fromEntries(
      Object.keys(taskColumns).map((key) => [
        key,
        key === "labels" || key === "dueTime" ? taskColumns[key] : both[key as "id"],
      ]),
    ) as unknown as typeof taskColumns;
    return db
      .select(columns)
      .from(both)
      .orderBy(direction(instant), direction(task.id))
      .limit(bind("limit", 51) as number)
      .offset(bind("offset", 0) as number)
      .$dynamic();
  }

  const preparedLists = preparedPerShape<ReturnType<ReturnType<typeof listStatement>["prepare"]>>("task_list");
  const preparedWalks = preparedPerShape<ReturnType<ReturnType<typeof listStatement>["prepare"]>>("task_walk");

  /** The user's tasks, filtered and sorted, one page at a time (by cursor or offset). */
  async function listTasksForUser(userId: string, query: TaskListQuery, paging: Paging): Promise<TaskPage> {
    const cursor = paging.cursor ? decodeCursor(paging.cursor, query) : null;
    if (paging.cursor && !cursor) throw new InvalidCursorError();
    // Someone in no one else's project reads their own tasks in the owner's index order.
    const shared = paging.shared ?? (await hasSharedProjects(userId));
    const bound = boundFilters(filters, userId, query, bindNow, paging.reader, shared);
    const { values, shape } = bound;
    const order = query.order ?? defaultOrder(query.sort);
    const key = [query.sort, order, cursor ? (cursor.v === null ? "after-null" : "after") : "first", shape].join("|");
    const params = {
      ...values,
      cursorValue: cursor?.v,
      cursorId: cursor?.id,
      limit: paging.limit + 1,
      offset: paging.offset ?? 0,
      walkWindow: WALK_WINDOW,
      // viewStatement: each walk reads up to the page's end.
      branchLimit: (paging.offset ?? 0) + paging.limit + 1,
      cursorAt: cursorInstant(cursor),
      cursorDate: cursorDay(cursor),
    };
    let rows: Task[] | undefined;
    if (walksFirst(query, bound, shared)) {
      const walk = preparedWalks(key, () => listStatement(userId, query, cursor, bindLater, undefined, true, shared));
      rows = await walk.execute(params);
      // Fewer than a page and one: the window may have ended before the matches did.
      if (rows.length <= paging.limit) rows = undefined;
    }
    rows ??= await preparedLists(key, () =>
      listStatement(userId, query, cursor, bindLater, undefined, false, shared),
    ).execute(params);
    const tasks = rows.slice(0, paging.limit);
    const nextCursor = rows.length > paging.limit ? encodeCursor(tasks.at(-1)!, query) : null;
    return { tasks, nextCursor };
  }

  /** The list's SELECT with its values bound now, as the list runs it; for EXPLAIN in tests. */
  function listTasksStatement(
    userId: string,
    query: TaskListQuery,
    { limit, cursor, offset, reader, shared = true }: Paging,
  ) {
    const decoded = cursor ? decodeCursor(cursor, query) : null;
    if (cursor && !decoded) throw new InvalidCursorError();
    if (inDueOrder(query))
      return viewStatement(
        userId,
        query,
        decoded,
        bindNow,
        reader ?? UTC_READER(),
        query.order ?? defaultOrder(query.sort),
        (offset ?? 0) + limit + 1,
        shared,
      )
        .limit(limit + 1)
        .offset(offset ?? 0);
    return listStatement(userId, query, decoded, bindNow, reader, false, shared, (offset ?? 0) + limit + 1)
      .limit(limit + 1)
      .offset(offset ?? 0);
  }

  /** Whether the list filtered by `query` shows this task (the same conditions as the list). */
  async function taskMatchesQuery(
    userId: string,
    taskId: string,
    query: TaskListQuery,
    reader?: Today,
  ): Promise<boolean> {
    const [row] = await db
      .select({ id: task.id })
      .from(task)
      .where(and(boundFilters(filters, userId, query, bindNow, reader).where, eq(task.id, taskId)))
      .limit(1);
    return row !== undefined;
  }

  /**
   * The counts and categories come from the person's task_tally rows (decision 077), a few
   * rows whatever the number of tasks. The tally is named "task" here, so that the scope (one
   * project, or every unarchived one) and the filters it can answer (TALLIED) read it as they
   * read task; any other filter counts its matches in task.
   */
  function summaryStatement(userId: string, query: TaskListQuery, bind: Bind = bindLater, reader?: Today) {
    const { where, scope } = boundFilters(filters, userId, query, bind, reader);
    const tallied = activeFilters(query, filters).every(([name]) => TALLIED.has(name));
    const matching = tallied
      ? sql<number>`coalesce(sum(${tally.tasks}) filter (where ${where}), 0)::int`
      : query.view
        ? viewMatching(userId, query, bind, reader ?? UTC_READER())
        : sql<number>`(select count(*) from ${task} where ${where})::int`;
    return db
      .select({
        matching,
        pending: sql<number>`coalesce(sum(${tally.tasks}) filter (where not ${tally.completed}), 0)::int`,
        completed: sql<number>`coalesce(sum(${tally.tasks}) filter (where ${tally.completed}), 0)::int`,
        categories: sql<
          string[] | null
        >`array_agg(distinct ${tally.category} order by ${tally.category}) filter (where ${tally.category} is not null and ${tally.tasks} > 0)`,
        // A subquery rides along in the same statement: no extra round trip for the labels.
        labels: sql<
          Label[] | null
        >`(select json_agg(json_build_object('id', ${qualified(label.id)}, 'name', ${qualified(label.name)}, 'color', ${qualified(label.color)}) order by lower(${qualified(label.name)}), ${qualified(label.name)}) from ${label} where ${qualified(label.userId)} = ${bind("userId", userId)})`,
      })
      .from(tally)
      .where(scope);
  }

  const preparedSummaries =
    preparedPerShape<ReturnType<ReturnType<typeof summaryStatement>["prepare"]>>("task_summary");

  /**
   * A view's count for its page numbers, up to VIEW_MATCHING_MAX + 1 (decision 115): each half
   * (viewHalves) counted along its index up to that many, so 100,000 dated tasks are not all
   * read per page; past VIEW_MATCHING_MAX either half's count makes the sum say "more".
   */
  function viewMatching(userId: string, query: TaskListQuery, bind: Bind, reader: Today) {
    const { timed, wholeDay } = viewHalves(userId, query, bind, reader);
    const cap = sql.raw(String(VIEW_MATCHING_MAX + 1));
    const counted = (where: SQL, key: SQL) =>
      sql`(select count(*) from (select 1 from ${task} where ${where} order by ${task.userId}, ${key} limit ${cap}) as capped)`;
    return sql<number>`least(${counted(timed, sql`${task.dueAt}`)} + ${counted(wholeDay, sql`${task.dueDate}`)}, ${cap})::int`;
  }

  /** The summary's statement with its values bound now, as the page runs it; for EXPLAIN in tests. */
  function summarizeTasksStatement(userId: string, query: TaskListQuery, reader?: Today) {
    return summaryStatement(userId, query, bindNow, reader);
  }

  /** Everything the list page shows around the tasks, in one statement (one round trip). */
  async function summarizeTasksForUser(userId: string, query: TaskListQuery, reader?: Today): Promise<TaskListSummary> {
    const { values, shape } = boundFilters(filters, userId, query, bindNow, reader);
    const statement = preparedSummaries(shape, () => summaryStatement(userId, query));
    const [row] = await statement.execute(values);
    return {
      matching: row?.matching ?? 0,
      pending: row?.pending ?? 0,
      completed: row?.completed ?? 0,
      categories: row?.categories ?? [],
      labels: row?.labels ?? [],
    };
  }

  /**
   * The navigation's counts as one statement, its values bound now (countViewsForUser; EXPLAIN
   * in tests). Each counts at most VIEW_COUNT_MAX + 1 rows, walked through task_user_due_idx
   * from the view's bound on due_at: a person's 100,000 dated tasks are never all read on
   * every page (decision 101).
   */
  function countViewsStatement(userId: string, reader: Today, shared = true): SQL {
    const capped = (view: TaskView) => {
      // `shared: false` (no one else's project): the owner's index alone, walked from the bound.
      const { where } = boundFilters(filters, userId, { view } as TaskListQuery, bindNow, reader, shared);
      // In the index's order, so the walk starts at the bound and stops at the cap.
      return sql`(select count(*)::int from (select 1 from ${task} where ${where} and ${task.dueAt} is not null order by ${task.userId}, ${task.dueAt} limit ${VIEW_COUNT_MAX + 1}) as capped)`;
    };
    return sql`select ${capped("today")} as today, ${capped("upcoming")} as upcoming`;
  }

  /** How many pending tasks Today and Upcoming show, up to VIEW_COUNT_MAX + 1 (the navigation's counts). */
  async function countViewsForUser(userId: string, reader: Today): Promise<Record<TaskView, number>> {
    const shared = await hasSharedProjects(userId);
    const { rows } = await db.execute<Record<TaskView, number>>(countViewsStatement(userId, reader, shared));
    return { today: Number(rows[0]?.today ?? 0), upcoming: Number(rows[0]?.upcoming ?? 0) };
  }

  return {
    listTasksForUser,
    listTasksStatement,
    taskMatchesQuery,
    summarizeTasksForUser,
    summarizeTasksStatement,
    countViewsForUser,
    countViewsStatement,
  };
}

export const {
  listTasksForUser,
  listTasksStatement,
  taskMatchesQuery,
  summarizeTasksForUser,
  summarizeTasksStatement,
  countViewsForUser,
  countViewsStatement,
} = taskListQueries(LIST_FILTERS);

/** The categories of the tasks the person sees, for the filter and for suggestions in the form (from the tally, decision 077). */
export async function listCategoriesForUser(userId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ category: tally.category })
    .from(tally)
    .where(and(tasksAccessibleTo(userId, "see"), sql`${tally.category} is not null`, sql`${tally.tasks} > 0`))
    .orderBy(asc(tally.category));
  return rows.map((row) => row.category!);
}
