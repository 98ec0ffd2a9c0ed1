// /api/tasks/bulk and /api/{userId}/tasks/bulk: one action on many tasks, all or nothing.
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { problem } from "~/api/problem.server";
import { BulkResultJsonSchema, taskJson } from "~/api/task-json";
import { etag } from "~/api/task-responses.server";
import { BULK_ACTION_NAMES, BULK_ACTIONS, BULK_MAX, BulkRequestSchema } from "~/tasks/bulk/bulk-actions";
import { ProjectNotFoundError } from "~/projects/projects.server";
import { applyBulkAction, TasksNotFoundError } from "~/tasks/bulk/bulk-actions.server";
import { oneOf } from "~/text-rules";

const actions = BULK_ACTION_NAMES.map((name) =>
  BULK_ACTIONS[name].value ? `${name} (with ${BULK_ACTIONS[name].value})` : name,
);

const serveBulk = apiRoute(
  { path: "/api/tasks/bulk", alsoUnderUser: true },
  {
    POST: {
      openapi: {
        operationId: "bulkUpdateTasks",
        summary: `One action on up to ${BULK_MAX} tasks, all or nothing`,
        description: `${oneOf(actions)}. Every id must be one of the user's tasks: otherwise 404 and nothing changes.`,
        requestBody: doc.requestBody("BulkRequest", BulkRequestSchema),
        responses: {
          "200": {
            description: "The tasks as stored, each with its ETag (or the ids deleted)",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("BulkResult", BulkResultJsonSchema)),
          },
          ...doc.bodyErrors,
          "404": doc.problemResponse(
            "An id that is not one of the user's tasks (each listed in errors), or a projectId (move) that is not one of the user's projects; nothing was changed",
            "ValidationProblem",
          ),
          ...doc.writeResponses,
        },
      },
      async handle({ request, user }) {
        const input = await readJsonBody(request, BulkRequestSchema);
        try {
          const result = await applyBulkAction(user.userId, input);
          const tasks = result.tasks.map((task) => ({ ...taskJson(task), etag: etag(task) }));
          return Response.json({ action: result.action, tasks, deleted: result.deleted });
        } catch (error) {
          if (error instanceof ProjectNotFoundError) {
            const errors = [{ path: "projectId", message: error.message }];
            throw problem(404, { detail: "No such project: nothing was changed", errors });
          }
          if (!(error instanceof TasksNotFoundError)) throw error;
          // The same answer for a missing task and someone else's; nothing was changed.
          const errors = error.ids.map((id) => ({ path: "ids", message: `No such task: ${id}` }));
          throw problem(404, { detail: "Some ids name no task of yours: nothing was changed", errors });
        }
      },
    },
  },
);

export const loader = serveBulk;
export const action = serveBulk;
