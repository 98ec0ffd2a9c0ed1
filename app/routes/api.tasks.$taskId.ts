// /api/tasks/{id} and /api/{userId}/tasks/{id}
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { taskNotFound } from "~/api/problem.server";
import { taskResponse, writeTask } from "~/api/task-responses.server";
import { TaskInputSchema, TaskPatchSchema } from "~/tasks/task-schema";
import { deleteTaskForUser, getTaskForUser, updateTaskForUser } from "~/tasks/tasks.server";

// A 404 also answers a projectId that is not one of the user's projects.
const writeErrors = { ...doc.taskNotFound, ...doc.preconditionFailed, ...doc.writeResponses };

const serveTask = apiRoute(
  { path: "/api/tasks/{id}", alsoUnderUser: true },
  {
    GET: {
      openapi: {
        operationId: "getTask",
        summary: "One task",
        responses: { "200": doc.taskResponse("The task"), ...doc.taskNotFound, ...doc.authenticatedResponses },
      },
      async handle({ params, user }) {
        const task = await getTaskForUser(user.userId, params.taskId!);
        if (!task) throw taskNotFound();
        return taskResponse(task);
      },
    },

    // Replaces every editable field: what the body leaves out goes back to its default.
    PUT: {
      openapi: {
        operationId: "replaceTask",
        summary:
          "Replace the editable fields (omitted optional fields reset to their defaults; without projectId the task stays in its project)",
        parameters: [doc.ifMatch],
        requestBody: doc.requestBody("TaskInput", TaskInputSchema),
        responses: { "200": doc.taskResponse("The task as stored"), ...doc.bodyErrors, ...writeErrors },
      },
      async handle({ request, params, user }) {
        const input = await readJsonBody(request, TaskInputSchema);
        return taskResponse(
          await writeTask(request, (options) => updateTaskForUser(user.userId, params.taskId!, input, options)),
        );
      },
    },

    PATCH: {
      openapi: {
        operationId: "updateTask",
        summary: "Change only the fields given",
        parameters: [doc.ifMatch],
        requestBody: doc.requestBody("TaskPatch", TaskPatchSchema),
        responses: { "200": doc.taskResponse("The task as stored"), ...doc.bodyErrors, ...writeErrors },
      },
      async handle({ request, params, user }) {
        const changes = await readJsonBody(request, TaskPatchSchema);
        return taskResponse(
          await writeTask(request, (options) => updateTaskForUser(user.userId, params.taskId!, changes, options)),
        );
      },
    },

    DELETE: {
      openapi: {
        operationId: "deleteTask",
        summary: "Delete a task",
        parameters: [doc.ifMatch],
        responses: { "204": { description: "Deleted", headers: doc.rateLimitHeaders }, ...writeErrors },
      },
      async handle({ request, params, user }) {
        await writeTask(request, (options) => deleteTaskForUser(user.userId, params.taskId!, options));
        return new Response(null, { status: 204 });
      },
    },
  },
);

export const loader = serveTask;
export const action = serveTask;
