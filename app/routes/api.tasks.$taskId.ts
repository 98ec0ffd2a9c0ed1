// /api/tasks/{id} and /api/{userId}/tasks/{id}
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import { taskNotFound } from "~/api/problem.server";
import { taskResponse, writeTask } from "~/api/task-responses.server";
import { TaskInputSchema, TaskPatchSchema } from "~/tasks/task-schema";
import { deleteTaskForUser, getTaskForUser, updateTaskForUser } from "~/tasks/tasks.server";

const serveTask = apiRoute({
  async GET({ params, user }) {
    const task = await getTaskForUser(user.userId, params.taskId!);
    if (!task) throw taskNotFound();
    return taskResponse(task);
  },

  // Replaces every editable field: what the body leaves out goes back to its default.
  async PUT({ request, params, user }) {
    const input = await readJsonBody(request, TaskInputSchema);
    return taskResponse(await writeTask(request, (options) => updateTaskForUser(user.userId, params.taskId!, input, options)));
  },

  async PATCH({ request, params, user }) {
    const changes = await readJsonBody(request, TaskPatchSchema);
    return taskResponse(await writeTask(request, (options) => updateTaskForUser(user.userId, params.taskId!, changes, options)));
  },

  async DELETE({ request, params, user }) {
    await writeTask(request, (options) => deleteTaskForUser(user.userId, params.taskId!, options));
    return new Response(null, { status: 204 });
  },
});

export const loader = serveTask;
export const action = serveTask;
