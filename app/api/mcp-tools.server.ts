// The MCP server's tools (decision 124): each takes the API's Zod schema as its input and calls
// the same domain functions, with the same ownership and roles, as the matching API route.
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { domainProblem } from "./handler.server";
import type { TokenSubject } from "./jwt.server";
import { projectJson, ProjectListRequestSchema } from "./project-json";
import { TaskListRequestSchema, taskJson } from "./task-json";
import { type TokenScope, WRITE_SCOPE } from "~/api-keys/key-rules";
import { listLabelsForUser } from "~/labels/labels.server";
import { getProjectForUser, listProjectsForUser } from "~/projects/projects.server";
import { todayFor } from "~/tasks/due-date";
import { InvalidCursorError, listTasksForUser } from "~/tasks/list/task-list.server";
import { QuickAddError, quickAddInput, QuickAddRequestSchema } from "~/tasks/quick-add.server";
import { TaskInputSchema, TaskPatchSchema } from "~/tasks/task-schema";
import { createTaskForUser, getTaskForUser, setTaskCompletion, updateTaskForUser } from "~/tasks/tasks.server";
import { getAccountTimeZone } from "~/tasks/time-zone.server";

/** Raised inside a tool for an answer the client should read (not found, bad cursor), with the API's status for it. */
class ToolRefusal extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404,
  ) {
    super(message);
  }
}

const TaskIdSchema = z.uuid({ error: "id must be a task's id" });

const SearchTasksSchema = TaskListRequestSchema.extend({
  q: z.string({ error: "q must be the words to look for" }).trim().min(1, "q must not be empty").max(200),
});

/** One tool: its name, the scope it needs, its input schema, and what it does for the person. */
interface ToolDefinition<Schema extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  scope: TokenScope;
  input: Schema;
  run(userId: string, input: z.output<Schema>): Promise<unknown>;
}

const tool = <Schema extends z.ZodObject>(definition: ToolDefinition<Schema>) => definition;

async function listTasks(userId: string, { limit, cursor, ...query }: z.output<typeof TaskListRequestSchema>) {
  try {
    const reader = query.view ? todayFor(await getAccountTimeZone(userId)) : undefined;
    const page = await listTasksForUser(userId, query, { limit, cursor, reader });
    if (query.project && page.tasks.length === 0 && !(await getProjectForUser(userId, query.project))) {
      throw new ToolRefusal("No such project", 404);
    }
    return { tasks: page.tasks.map(taskJson), nextCursor: page.nextCursor };
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new ToolRefusal(error.message, 400);
    throw error;
  }
}

const found = <T>(task: T | null): T => {
  if (!task) throw new ToolRefusal("No such task", 404);
  return task;
};

export const TOOLS = [
  tool({
    name: "list_tasks",
    title: "List tasks",
    description:
      "The person's tasks (their own and those of projects shared with them), filtered and sorted as GET /api/tasks, a page at a time (pass nextCursor back as cursor).",
    scope: "tasks:read",
    input: TaskListRequestSchema,
    run: listTasks,
  }),
  tool({
    name: "search_tasks",
    title: "Search tasks",
    description:
      "Tasks whose title or description hold all the words of q (any order, ignoring case and accents), with the filters of list_tasks.",
    scope: "tasks:read",
    input: SearchTasksSchema,
    run: listTasks,
  }),
  tool({
    name: "get_task",
    title: "Get a task",
    description: "One task by its id, with its checklist, labels and repeat rule.",
    scope: "tasks:read",
    input: z.object({ id: TaskIdSchema }),
    run: async (userId, { id }) => taskJson(found(await getTaskForUser(userId, id))),
  }),
  tool({
    name: "create_task",
    title: "Create a task",
    description: "A new task from its fields, as POST /api/tasks (without projectId: in the Inbox).",
    scope: WRITE_SCOPE,
    input: TaskInputSchema,
    run: async (userId, input) => taskJson(await createTaskForUser(userId, input)),
  }),
  tool({
    name: "quick_add_task",
    title: "Quick-add a task",
    description:
      'A new task from a line of plain words, as typed in the app: "Pay rent every month on the 1st #Home @bills p1" (dates, repeats, #project, @labels, p1-p4).',
    scope: WRITE_SCOPE,
    input: QuickAddRequestSchema,
    run: async (userId, body) => {
      try {
        const { input } = await quickAddInput(userId, body.text, {
          timeZone: "UTC",
          literal: !body.parse,
          projectId: body.projectId,
        });
        return taskJson(await createTaskForUser(userId, input));
      } catch (error) {
        if (error instanceof QuickAddError) throw new ToolRefusal(error.message, 400);
        throw error;
      }
    },
  }),
  tool({
    name: "update_task",
    title: "Update a task",
    description: "Changes only the fields given in changes, as PATCH /api/tasks/{id}.",
    scope: WRITE_SCOPE,
    input: z.object({ id: TaskIdSchema, changes: TaskPatchSchema }),
    run: async (userId, { id, changes }) => taskJson(found(await updateTaskForUser(userId, id, changes))),
  }),
  tool({
    name: "complete_task",
    title: "Complete a task",
    description:
      "Marks a task done (or, with completed: false, not done); completing a repeating task makes its next occurrence.",
    scope: WRITE_SCOPE,
    input: z.object({ id: TaskIdSchema, completed: z.boolean().default(true) }),
    run: async (userId, { id, completed }) => taskJson(found(await setTaskCompletion(userId, id, completed))),
  }),
  tool({
    name: "list_projects",
    title: "List projects",
    description:
      "The person's projects and those shared with them, in their order (archived ones with archived: true).",
    scope: "tasks:read",
    input: ProjectListRequestSchema,
    run: async (userId, { archived }) => ({
      projects: (await listProjectsForUser(userId, { archived: archived === "true" })).map(projectJson),
    }),
  }),
  tool({
    name: "list_labels",
    title: "List labels",
    description: "The person's labels, A to Z.",
    scope: "tasks:read",
    input: z.object({}),
    run: async (userId) => ({ labels: await listLabelsForUser(userId) }),
  }),
] as const;

/** The scope each tool needs, by name (the endpoint refuses a call without it before the SDK sees it). */
export const TOOL_SCOPES: ReadonlyMap<string, TokenScope> = new Map(TOOLS.map(({ name, scope }) => [name, scope]));

/** A tool error in the API's words; `_meta` carries the status (and code) the API would answer. */
const refusal = (message: string, status: number, code?: string): CallToolResult => ({
  content: [{ type: "text", text: message }],
  isError: true,
  _meta: { status, ...(code && { code }) },
});

/**
 * Registers every tool on a server that answers for `subject`. Errors the client caused become
 * tool errors in the API's words; any other is `failed`'s to log and word (never the error's text).
 */
export function registerTools(server: McpServer, subject: TokenSubject, failed: (error: unknown) => string) {
  for (const definition of TOOLS as readonly ToolDefinition<z.ZodObject>[]) {
    server.registerTool(
      definition.name,
      {
        title: definition.title,
        description: definition.description,
        inputSchema: definition.input,
        annotations: { readOnlyHint: definition.scope === "tasks:read" },
      },
      async (input: unknown): Promise<CallToolResult> => {
        try {
          const result = await definition.run(subject.userId, input as never);
          return { content: [{ type: "text", text: JSON.stringify(result) }] };
        } catch (error) {
          if (error instanceof ToolRefusal) return refusal(error.message, error.status);
          const problem = domainProblem(error);
          if (!problem) return refusal(failed(error), 500);
          const { detail, code } = (await problem.json()) as { detail: string; code?: string };
          return refusal(detail, problem.status, code);
        }
      },
    );
  }
}
