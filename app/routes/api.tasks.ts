// /api/tasks and /api/{userId}/tasks
import { z } from "zod";
import { readBodyValue, readJsonBody, readQuery } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { problem, projectNotFound } from "~/api/problem.server";
import { TaskListRequestSchema, TaskPageJsonSchema, taskJson } from "~/api/task-json";
import { taskResponse } from "~/api/task-responses.server";
import { REPEATED_LIST_PARAMS } from "~/tasks/list/task-list-query";
import { TaskInputSchema } from "~/tasks/task-schema";
import { QuickAddError, quickAddInput, QuickAddRequestSchema } from "~/tasks/quick-add.server";
import { InvalidCursorError, listTasksForUser } from "~/tasks/list/task-list.server";
import { createTaskForUser } from "~/tasks/tasks.server";
import { getProjectForUser } from "~/projects/projects.server";
import { todayFor } from "~/tasks/due-date";
import { getAccountTimeZone } from "~/tasks/time-zone.server";

/** The list's query parameters, one per field of the schema that reads them. */
function listParameters() {
  return Object.entries(TaskListRequestSchema.shape).map(([name, schema]) => {
    const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });
    const parameter = { name, in: "query", required: false, schema: jsonSchema };
    return name === "label"
      ? {
          ...parameter,
          description: "A label name (ignoring case); repeat to require several (label=a&label=b)",
          style: "form",
          explode: true,
        }
      : name === "project"
        ? {
            ...parameter,
            description:
              "One project's tasks (its id), archived or not; without it, the tasks of archived projects are left out",
          }
        : name === "view"
          ? {
              ...parameter,
              description:
                "today: pending tasks due today or overdue; upcoming: due today or later; both on the account's day (its time zone). With sort=due_date (the order a view is meant for) the tasks come by the instant each falls due in the account's zone, a task for the whole day at its date's start (before that day's timed tasks), then by id, so they run day by day; page on with nextCursor (a cursor of another sort or view is refused with 400)",
            }
          : name === "q"
            ? {
                ...parameter,
                description:
                  "Words that must all appear in the title or description, in any order, ignoring case and accents",
              }
            : parameter;
  });
}

// A body with `text` and no `title` is quick add: the text is read for the task's fields.
const TaskCreateRequestSchema = z.union([TaskInputSchema, QuickAddRequestSchema]);
const isQuickAdd = (body: unknown) => typeof body === "object" && body !== null && "text" in body && !("title" in body);

async function quickAdd(userId: string, body: z.output<typeof QuickAddRequestSchema>) {
  try {
    // "today" and "5pm" are read in the account's zone (UTC until it has one).
    const { input } = await quickAddInput(userId, body.text, {
      timeZone: "UTC",
      literal: !body.parse,
      projectId: body.projectId,
    });
    return input;
  } catch (error) {
    if (!(error instanceof QuickAddError)) throw error;
    throw problem(400, { detail: error.message, errors: error.issues });
  }
}

const serveTasks = apiRoute(
  { path: "/api/tasks", alsoUnderUser: true },
  {
    GET: {
      openapi: {
        operationId: "listTasks",
        summary: "The user's tasks, filtered, sorted, a page at a time",
        parameters: listParameters(),
        responses: {
          "200": {
            description: "A page of tasks",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("TaskPage", TaskPageJsonSchema)),
          },
          "400": doc.problemResponse("An invalid query value", "ValidationProblem"),
          ...doc.projectNotFound,
          ...doc.authenticatedResponses,
        },
      },
      async handle({ request, user }) {
        const { limit, cursor, ...query } = readQuery(request, TaskListRequestSchema, REPEATED_LIST_PARAMS);
        try {
          // The views read "today" in the account's zone.
          const reader = query.view ? todayFor(await getAccountTimeZone(user.userId)) : undefined;
          const page = await listTasksForUser(user.userId, query, { limit, cursor, reader });
          // Another person's project is a 404, as on every other path, not an empty list. A page
          // with tasks proves the project is the user's (a task's project is its owner's), so
          // only an empty one pays for the look-up.
          if (query.project && page.tasks.length === 0 && !(await getProjectForUser(user.userId, query.project)))
            throw projectNotFound();
          return Response.json({ tasks: page.tasks.map(taskJson), nextCursor: page.nextCursor });
        } catch (error) {
          if (!(error instanceof InvalidCursorError)) throw error;
          throw problem(400, {
            detail: "The query has invalid values",
            errors: [{ path: "cursor", message: error.message }],
          });
        }
      },
    },

    POST: {
      openapi: {
        operationId: "createTask",
        summary: "Create a task (without projectId: in the Inbox)",
        requestBody: doc.requestBody("TaskInputOrQuickAdd", TaskCreateRequestSchema),
        responses: {
          "201": doc.taskResponse("The new task", doc.locationHeader),
          ...doc.bodyErrors,
          ...doc.projectNotFound,
          ...doc.writeResponses,
        },
      },
      async handle({ request, user }) {
        const body = await readJsonBody(request, z.unknown());
        const input = isQuickAdd(body)
          ? await quickAdd(user.userId, readBodyValue(body, QuickAddRequestSchema))
          : readBodyValue(body, TaskInputSchema);
        const task = await createTaskForUser(user.userId, input);
        const location = new URL(request.url).pathname.replace(/\/$/, "") + `/${task.id}`;
        return taskResponse(task, { status: 201, headers: { Location: location } });
      },
    },
  },
);

export const loader = serveTasks;
export const action = serveTasks;
