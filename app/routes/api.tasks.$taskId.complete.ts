// /api/tasks/{id}/complete and /api/{userId}/tasks/{id}/complete
import { apiRoute } from "~/api/handler.server";
import { taskResponse, writeTask } from "~/api/task-responses.server";
import { toggleTaskCompletion } from "~/tasks/tasks.server";

const serveTaskCompletion = apiRoute({
  async PATCH({ request, params, user }) {
    return taskResponse(await writeTask(request, (options) => toggleTaskCompletion(user.userId, params.taskId!, options)));
  },
});

export const loader = serveTaskCompletion;
export const action = serveTaskCompletion;
