// /api/tasks and /api/{userId}/tasks
import { readJsonBody, readQuery } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import { problem } from "~/api/problem.server";
import { TaskListRequestSchema, taskJson } from "~/api/task-json";
import { taskResponse } from "~/api/task-responses.server";
import { REPEATED_LIST_PARAMS } from "~/tasks/list/task-list-query";
import { TaskInputSchema } from "~/tasks/task-schema";
import { InvalidCursorError, listTasksForUser } from "~/tasks/list/task-list.server";
import { createTaskForUser } from "~/tasks/tasks.server";

const serveTasks = apiRoute({
  async GET({ request, user }) {
    const { limit, cursor, ...query } = readQuery(request, TaskListRequestSchema, REPEATED_LIST_PARAMS);
    try {
      const page = await listTasksForUser(user.userId, query, { limit, cursor });
      return Response.json({ tasks: page.tasks.map(taskJson), nextCursor: page.nextCursor });
    } catch (error) {
      if (!(error instanceof InvalidCursorError)) throw error;
      throw problem(400, { detail: "The query has invalid values", errors: [{ path: "cursor", message: error.message }] });
    }
  },

  async POST({ request, user }) {
    const input = await readJsonBody(request, TaskInputSchema);
    const task = await createTaskForUser(user.userId, input);
    const location = new URL(request.url).pathname.replace(/\/$/, "") + `/${task.id}`;
    return taskResponse(task, { status: 201, headers: { Location: location } });
  },
});

export const loader = serveTasks;
export const action = serveTasks;
