// HTTP for single tasks: the ETag on every task response, If-Match on every write.
import { problem, taskNotFound } from "./problem.server";
import { reminderJson, taskJson } from "./task-json";
import { remindersOfTask } from "~/reminders/task-reminders.server";
import { type Task, TaskVersionMismatchError, taskVersion } from "~/tasks/tasks.server";

export const etag = (task: Pick<Task, "id" | "updatedAt">) => `"${taskVersion(task)}"`;

/** One task with its reminders (lists leave them out: one more read per task). */
export async function taskResponse(
  task: Task,
  init: { status?: number; headers?: Record<string, string> } = {},
): Promise<Response> {
  const reminders = (await remindersOfTask(task.id)).map(reminderJson);
  return Response.json(
    { ...taskJson(task), reminders },
    { status: init.status ?? 200, headers: { ETag: etag(task), ...init.headers } },
  );
}

/**
 * The version If-Match asks for; undefined when any will do (absent or "*"). A weak or
 * malformed tag is passed on as is: it matches no version, so the write gets 412.
 */
function expectedVersion(request: Request): string | undefined {
  const ifMatch = request.headers.get("if-match")?.trim();
  if (!ifMatch || ifMatch === "*") return undefined;
  return ifMatch.replace(/^"(.*)"$/, "$1");
}

/** Runs a write with the request's If-Match: 404 when the user has no such task, 412 when it has moved on. */
export async function writeTask(
  request: Request,
  write: (options: { expectedVersion?: string }) => Promise<Task | null>,
): Promise<Task> {
  let task: Task | null;
  try {
    task = await write({ expectedVersion: expectedVersion(request) });
  } catch (error) {
    if (!(error instanceof TaskVersionMismatchError)) throw error;
    throw problem(412, {
      detail: "The task has changed since the ETag in If-Match: fetch it again",
      headers: { ETag: etag(error.current) },
    });
  }
  if (!task) throw taskNotFound();
  return task;
}
