// The list's query, declared as data: one entry per filter says how its value is read from
// a URL (a Zod schema and its default) and which SQL condition it adds with the values it
// binds. Reading and writing list URLs, "has active filters", the SQL, the summary counts and
// the prepared-statement key (task-list.server.ts) all walk this table, so a new filter is
// one entry here plus its control in the filter form.
//
// The filter form imports this module, so it must not pull the database layer into the
// browser bundle: conditions are written with the `sql` tag and the tables handed to them
// (ConditionKit), and only types are imported from drizzle and the schema.
import type { Column, Placeholder, SQL, sql as sqlTag } from "drizzle-orm";
import { z } from "zod";
import { CONTROL, oneOf } from "~/text-rules";
import { LABEL_FILTER_MAX, labelName } from "~/labels/label-schema";
import type { label, task, taskLabel } from "../../../db/schema";
import { PRIORITIES } from "~/tasks/priority";
import { taskSearchCondition } from "../../../db/task-search";
import { addDays, type Today } from "~/tasks/due-date";
import { CATEGORY_MAX, isoDate } from "~/tasks/task-schema";

/** What a filter's condition is written with (supplied by task-list.server.ts). */
export interface ConditionKit {
  sql: typeof sqlTag;
  task: typeof task;
  label: typeof label;
  taskLabel: typeof taskLabel;
  /**
   * A column as `"table"."column"`: the summary runs the conditions inside its select list,
   * where drizzle writes bare column names, ambiguous inside a subquery.
   */
  ref: (column: Column) => SQL;
  /** The reader's day and zone (decision 090): what "today" means to the views. */
  reader: Today;
  /** The reader's id as the statement binds it. */
  userId: SQL | Placeholder | string;
  /** The people who share a project with the reader, the reader included: whose labels they see on tasks. */
  labelOwners: SQL;
  /**
   * Every value a condition depends on must go through `bind` (named `key` when a filter
   * binds several): a prepared statement is cached per shape, and a value written into the
   * SQL itself would be served to the next request of that shape. The server refuses a
   * statement with a value bound any other way.
   */
  bind: (value: unknown, key?: string) => unknown;
}

export interface ListFilter<Schema extends z.ZodType = z.ZodType> {
  /** Parses the URL value; its default (or undefined, or an empty list) means "not filtering". */
  schema: Schema;
  /** Read every occurrence (`label=a&label=b`) rather than one. */
  repeated?: boolean;
  /** The condition while the filter is in use; undefined adds none. */
  where(value: NonNullable<z.output<Schema>>, kit: ConditionKit): SQL | undefined;
  /**
   * Labels: the ids (an SQL array) whose task_label rows hold every task the filter keeps, and
   * the condition left once a task is reached through one of them (the other names'). The list
   * in creation order then walks each id's rows newest first along task_label_label_created_idx
   * and merges the walks (decision 116), however rare the label.
   */
  walk?(value: NonNullable<z.output<Schema>>, kit: ConditionKit): { labelIds: SQL; where: SQL | undefined };
}

/** A table of filters, by name (LIST_FILTERS, or a test's extension of it). */
export type FilterTable = Record<string, ListFilter<z.ZodType>>;

/** Keeps each entry's `where` typed by its own schema. */
const filter = <Schema extends z.ZodType>(entry: ListFilter<Schema>) => entry;

export const STATUS_OPTIONS = [
  { value: "all", label: "All" },
  { value: "pending", label: "Pending" },
  { value: "completed", label: "Completed" },
] as const;
export const STATUSES = STATUS_OPTIONS.map((option) => option.value);

export const SORT_OPTIONS = [
  { value: "created", label: "Created", order: "desc" },
  { value: "due_date", label: "Due date", order: "asc" },
  { value: "priority", label: "Priority", order: "desc" },
  { value: "title", label: "Title", order: "asc" },
] as const;
export const SORTS = SORT_OPTIONS.map((option) => option.value);
export type TaskSort = (typeof SORTS)[number];

export const ORDER_OPTIONS = [
  { value: "asc", label: "Ascending" },
  { value: "desc", label: "Descending" },
] as const;
export const ORDERS = ORDER_OPTIONS.map((option) => option.value);

export const SEARCH_MAX = 200;

export const VIEWS = ["today", "upcoming"] as const;
export type TaskView = (typeof VIEWS)[number];

/** The navigation counts a view's tasks up to this many; beyond, it says "99+" (decision 101). */
export const VIEW_COUNT_MAX = 99;

/**
 * Today's and Upcoming's pages count their tasks up to this many (20 pages of 50); beyond, the
 * page says "Page 3 of more than 20" and offers Next while another page follows (decision 115).
 */
export const VIEW_MATCHING_MAX = 1000;

/** A view's count as the navigation shows it: "7", or "99+" past VIEW_COUNT_MAX. */
export function viewCountText(count: number): string {
  return count > VIEW_COUNT_MAX ? `${VIEW_COUNT_MAX}+` : String(count);
}

/**
 * The SQL of a due-date view in the reader's zone: the day a pending task falls on (a date
 * without a time is its date; a timed one, its instant's date there), with a bound on due_at
 * that lets task_user_due_idx find the rows. The two views bind differently named bounds: the
 * statement is prepared per shape (the names bound), and their SQL differs. Any zone's day D lies within D 00:00 UTC -14h
 * and D+1 00:00 UTC +12h, so those bounds keep every row the exact condition wants.
 */
function viewCondition(view: TaskView, { sql, task, bind, reader }: ConditionKit): SQL {
  const zone = bind(reader.timeZone, "zone");
  const today = sql`${bind(reader.date, "today")}::date`;
  const day = sql`(case when ${task.dueTime} is null then ${task.dueDate} else (${task.dueAt} at time zone ${zone})::date end)`;
  const HOUR = 3_600_000;
  if (view === "today") {
    const bound = new Date(Date.parse(`${addDays(reader.date, 1)}T00:00:00Z`) + 12 * HOUR).toISOString();
    return sql`not ${task.completed} and ${task.dueAt} < ${bind(bound, "before")}::timestamptz and ${day} <= ${today}`;
  }
  const bound = new Date(Date.parse(`${reader.date}T00:00:00Z`) - 14 * HOUR).toISOString();
  return sql`not ${task.completed} and ${task.dueAt} >= ${bind(bound, "from")}::timestamptz and ${day} >= ${today}`;
}

/** Text typed into the URL: no control characters (PostgreSQL refuses a NUL byte: a 500, not an empty list). */
const urlText = (name: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${name} must be at most ${max} characters`)
    .refine((value) => !CONTROL.test(value), `${name} cannot contain control characters`);

/** Words of a search, each matched on its own (any order). */
export function searchWords(q: string): string[] {
  return q.split(/\s+/).filter(Boolean);
}

// A search word inside LIKE: its own wildcard characters are matched literally.
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** The ids of the labels called `name` that the reader sees (theirs and their projects' members'), as an SQL array. */
const labelIdsNamed = (name: string, index: number, { sql, label, ref, labelOwners, bind }: ConditionKit) =>
  sql`array(select ${ref(label.id)} from ${label} where ${ref(label.userId)} in ${labelOwners} and lower(${ref(label.name)}) = lower(${bind(name, String(index))}))`;

/**
 * Match all: one condition per label name. A name matches any label of that name on a task the
 * reader sees, theirs or another member's (decision 096): the ids are read once per statement
 * (an InitPlan), then each task is a probe of task_label's primary key.
 */
const labelConditions = (names: string[], kit: ConditionKit) =>
  names.map((name, index) => {
    const { sql, task, taskLabel, ref } = kit;
    return sql`exists (select 1 from ${taskLabel} where ${ref(taskLabel.taskId)} = ${ref(task.id)} and ${ref(taskLabel.labelId)} = any(${labelIdsNamed(name, index, kit)}))`;
  });

export const LIST_FILTERS = {
  // One project's tasks (its page, or ?project= in the API). Without it, the list leaves out
  // the tasks of archived projects (task-list.server.ts).
  project: filter({
    schema: z.uuid({ error: "project must be a project's id" }).optional(),
    where: (projectId, { sql, task, bind }) => sql`${task.projectId} = ${bind(projectId)}`,
  }),
  status: filter({
    schema: z.enum(STATUSES, { error: `status must be ${oneOf(STATUSES)}` }).default("all"),
    where: (status, { sql, task, bind }) =>
      status === "all" ? undefined : sql`${task.completed} = ${bind(status === "completed")}`,
  }),
  priority: filter({
    schema: z.enum(PRIORITIES, { error: `priority must be ${oneOf(PRIORITIES)}` }).optional(),
    where: (priority, { sql, task, bind }) => sql`${task.priority} = ${bind(priority)}`,
  }),
  category: filter({
    schema: urlText("category", CATEGORY_MAX).optional(),
    where: (category, { sql, task, bind }) => sql`${task.category} = ${bind(category)}`,
  }),
  label: filter({
    schema: z
      .array(labelName)
      .max(LABEL_FILTER_MAX, `label may be given at most ${LABEL_FILTER_MAX} times`)
      .default([]),
    repeated: true,
    where: (names, kit) => kit.sql.join(labelConditions(names, kit), kit.sql` and `),
    // Every match carries one of the first name's ids: a task reached through one of them
    // needs only the other names' conditions (decision 137).
    walk: (names, kit) => ({
      labelIds: labelIdsNamed(names[0]!, 0, kit),
      where: names.length > 1 ? kit.sql.join(labelConditions(names, kit).slice(1), kit.sql` and `) : undefined,
    }),
  }),
  // Tasks assigned to the reader (me), to nobody (none), or to one member (their id).
  assignee: filter({
    schema: z
      .union([z.enum(["me", "none"]), z.uuid()], { error: "assignee must be me, none or a member's id" })
      .optional(),
    // Each kind binds under its own name, so each has its own prepared statement (the shape).
    where: (assignee, { sql, task, userId, bind }) =>
      assignee === "none"
        ? sql`${task.assigneeId} is null and ${bind(true, "none")}::boolean`
        : assignee === "me"
          ? sql`${task.assigneeId} = ${userId} and ${bind(true, "me")}::boolean`
          : sql`${task.assigneeId} = ${bind(assignee, "id")}::uuid`,
  }),
  // Repeating tasks only (true), or only the ones that do not repeat (false).
  repeating: filter({
    schema: z.enum(["true", "false"], { error: "repeating must be true or false" }).optional(),
    where: (repeating, { sql, task, bind }) => sql`(${task.repeatRule} is not null) = ${bind(repeating === "true")}`,
  }),
  // Today (overdue and due today) and Upcoming (due today or later), pending tasks only, in
  // the reader's zone.
  view: filter({
    schema: z.enum(VIEWS, { error: `view must be ${oneOf(VIEWS)}` }).optional(),
    where: viewCondition,
  }),
  // Due dates as written, before or after a date (both exclusive).
  due_before: filter({
    schema: isoDate.optional(),
    where: (date, { sql, task, bind }) => sql`${task.dueDate} < ${bind(date)}::date`,
  }),
  due_after: filter({
    schema: isoDate.optional(),
    where: (date, { sql, task, bind }) => sql`${task.dueDate} > ${bind(date)}::date`,
  }),
  q: filter({
    schema: urlText("q", SEARCH_MAX).optional(),
    // Every word, in any order, ignoring case and accents (both sides folded alike), through
    // the trigram index on the stored search text; words under three letters have no trigram
    // to look up and fall back to the owner's index.
    where: (q, { sql, task, ref, bind }) => {
      const words = searchWords(q);
      if (words.length === 0) return undefined;
      return sql.join(
        words.map((word, index) =>
          taskSearchCondition(sql, ref(task.searchText), bind(likePattern(word), String(index))),
        ),
        sql` and `,
      );
    },
  }),
};

export type ListFilterName = keyof typeof LIST_FILTERS;
export type ListFilters = { [Name in ListFilterName]: z.output<(typeof LIST_FILTERS)[Name]["schema"]> };

const sortAndOrder = {
  sort: z.enum(SORTS, { error: `sort must be ${oneOf(SORTS)}` }).default("created"),
  order: z.enum(ORDERS, { error: `order must be ${oneOf(ORDERS)}` }).optional(),
};

const filterSchemas = Object.fromEntries(Object.entries(LIST_FILTERS).map(([name, entry]) => [name, entry.schema])) as {
  [Name in ListFilterName]: (typeof LIST_FILTERS)[Name]["schema"];
};

/** Filters, search and sort for the list (page and API alike); strict: a bad value is an error. */
export const TaskListQuerySchema = z.object({ ...filterSchemas, ...sortAndOrder });
export type TaskListQuery = z.output<typeof TaskListQuerySchema>;

/** The query parameters a list URL may repeat. */
export const REPEATED_LIST_PARAMS: string[] = Object.entries(LIST_FILTERS as FilterTable)
  .filter(([, entry]) => entry.repeated)
  .map(([name]) => name);

/** The natural direction of each sort: newest, soonest, most important, A to Z. */
export function defaultOrder(sort: TaskSort): "asc" | "desc" {
  return SORT_OPTIONS.find((option) => option.value === sort)!.order;
}

/** A query string as the schemas expect it: empty values left out, repeated parameters as lists. */
export function listQueryInput(params: URLSearchParams): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length === 0) continue;
    input[name] = REPEATED_LIST_PARAMS.includes(name) ? values : values.at(-1)!;
  }
  return input;
}

/** Reads a query string leniently (the page): a bad value falls back to its default. */
export function readTaskListQuery(params: URLSearchParams): TaskListQuery {
  const input = listQueryInput(params);
  const query: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(TaskListQuerySchema.shape)) {
    const result = (schema as z.ZodType).safeParse(input[key]);
    query[key] = result.success ? result.data : (schema as z.ZodType).parse(undefined);
  }
  return query as TaskListQuery;
}

/** The filters in use, by name, in the table's order: those whose value is not their default, nothing or an empty list. */
export function activeFilters(
  query: Partial<Record<string, unknown>>,
  filters: FilterTable = LIST_FILTERS,
): [string, unknown][] {
  return Object.entries(filters)
    .filter(([name, entry]) => {
      const value = query[name];
      if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return false;
      return value !== entry.schema.safeParse(undefined).data;
    })
    .map(([name]) => [name, query[name]]);
}

/** True when a filter (not the sort) hides some of the user's tasks. */
export function hasActiveFilters(query: Partial<ListFilters>): boolean {
  return activeFilters(query).length > 0;
}

/** The query as URL parameters, leaving out defaults so links stay short and bookmarkable. */
export function listQueryParams(query: TaskListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of activeFilters(query)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  if (query.sort !== "created") params.set("sort", query.sort);
  if (query.order && query.order !== defaultOrder(query.sort)) params.set("order", query.order);
  return params;
}
