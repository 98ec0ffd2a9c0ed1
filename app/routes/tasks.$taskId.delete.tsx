import { data, Form, Link, useNavigation } from "react-router";
import { requireUser } from "~/auth/session.server";
import { Button, buttonClass } from "~/ui/button";
import { TaskErrorBoundary } from "~/tasks/task-not-found";
import { safeTaskListHref } from "~/tasks/list/task-list-url";
import { getTaskForUser } from "~/tasks/tasks.server";
import type { Route } from "./+types/tasks.$taskId.delete";

/** The confirmation step for deleting without JavaScript; the deletion itself is the task page's action. */
export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Delete “${loaderData.task.title}”? · Tasklane` : "Task not found · Tasklane" },
];

export async function loader({ request, url, params, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const task = await getTaskForUser(user.id, params.taskId);
  if (!task) throw data("Task not found", { status: 404 });
  return { task: { id: task.id, title: task.title }, back: safeTaskListHref(url.searchParams.get("back")) };
}

export default function ConfirmDeleteTaskPage({ loaderData }: Route.ComponentProps) {
  const { task, back } = loaderData;
  const navigation = useNavigation();
  return (
    <div className="mx-auto max-w-lg space-y-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Delete this task?</h1>
      <p className="break-words text-slate-700 dark:text-slate-300">
        “<strong className="font-semibold">{task.title}</strong>” will be deleted for good. There is no undo.
      </p>
      <Form method="post" action={`/tasks/${task.id}`} className="flex flex-wrap gap-3">
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="back" value={back} />
        <Button type="submit" variant="danger" pending={navigation.state === "submitting"}>
          Delete task
        </Button>
        <Link to={back} className={buttonClass("secondary")}>
          Cancel
        </Link>
      </Form>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <TaskErrorBoundary error={error} />;
}
