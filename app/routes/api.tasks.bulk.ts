// /api/tasks/bulk and /api/{userId}/tasks/bulk: one action on many tasks, all or nothing.
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import { problem } from "~/api/problem.server";
import { taskJson } from "~/api/task-json";
import { etag } from "~/api/task-responses.server";
import { BulkRequestSchema } from "~/tasks/bulk/bulk-actions";
import { applyBulkAction, TasksNotFoundError } from "~/tasks/bulk/bulk-actions.server";

const serveBulk = apiRoute({
  async POST({ request, user }) {
    const input = await readJsonBody(request, BulkRequestSchema);
    try {
      const result = await applyBulkAction(user.userId, input);
      const tasks = result.tasks.map((task) => ({ ...taskJson(task), etag: etag(task) }));
      return Response.json({ action: result.action, tasks, deleted: result.deleted });
    } catch (error) {
      if (!(error instanceof TasksNotFoundError)) throw error;
      // The same answer for a missing task and someone else's; nothing was changed.
      const errors = error.ids.map((id) => ({ path: "ids", message: `No such task: ${id}` }));
      throw problem(404, { detail: "Some ids name no task of yours: nothing was changed", errors });
    }
  },
});

export const loader = serveBulk;
export const action = serveBulk;
