// /api/tasks/{id}/complete and /api/{userId}/tasks/{id}/complete
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { taskResponse, writeTask } from "~/api/task-responses.server";
import { toggleTaskCompletion } from "~/tasks/tasks.server";

const serveTaskCompletion = apiRoute(
  { path: "/api/tasks/{id}/complete", alsoUnderUser: true },
  {
    PATCH: {
      openapi: {
        operationId: "toggleTaskCompletion",
        summary: "Toggle completed",
        parameters: [doc.ifMatch],
        responses: {
          "200": doc.taskResponse("The task as stored"),
          ...doc.taskNotFound,
          ...doc.preconditionFailed,
          ...doc.writeResponses,
        },
      },
      async handle({ request, params, user }) {
        return taskResponse(
          await writeTask(request, (options) => toggleTaskCompletion(user.userId, params.taskId!, options)),
        );
      },
    },
  },
);

export const loader = serveTaskCompletion;
export const action = serveTaskCompletion;
