import { data, isRouteErrorResponse } from "react-router";
import { requireUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { BulkRequestSchema } from "~/tasks/bulk/bulk-actions";
import { getTaskTitlesForUser, TasksNotFoundError } from "~/tasks/bulk/bulk-actions.server";
import { BULK_FORM, bulkRequestFromForm } from "~/tasks/bulk/bulk-form";
import { safeTaskListHref } from "~/tasks/list/task-list-url";
import { ConfirmDeletePage } from "~/ui/confirm-delete-page";
import { ErrorPage } from "~/ui/error-page";
import type { Route } from "./+types/tasks.delete-selected";

/**
 * The confirmation step for deleting the selected tasks without JavaScript: the list's Delete
 * button sends its form here as a query; the deletion itself is the list's bulk action.
 */
export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Delete ${tasksCount(loaderData.tasks.length)}? · Tasklane` : "Tasks not found · Tasklane" },
];

const tasksCount = (count: number) => (count === 1 ? "1 task" : `${count} tasks`);

export async function loader({ request, url, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const back = safeTaskListHref(url.searchParams.get("back"));
  const parsed = BulkRequestSchema.safeParse({ ...bulkRequestFromForm(url.searchParams), action: "delete" });
  if (!parsed.success)
    throw await redirectWithFlash(back, { kind: "error", message: "Select the tasks to delete first." });
  try {
    return { tasks: await getTaskTitlesForUser(user.id, parsed.data.ids), back };
  } catch (error) {
    // The same page for a task deleted meanwhile and someone else's.
    if (error instanceof TasksNotFoundError) throw data("Some of those tasks no longer exist", { status: 404 });
    throw error;
  }
}

export default function ConfirmDeleteSelectedPage({ loaderData }: Route.ComponentProps) {
  const { tasks, back } = loaderData;
  return (
    <ConfirmDeletePage
      title={`Delete ${tasksCount(tasks.length)}?`}
      action={back}
      fields={[["intent", "bulk"], ...tasks.map((task) => [BULK_FORM.ids, task.id] as const)]}
      confirm={{ label: `Delete ${tasksCount(tasks.length)}`, name: BULK_FORM.action, value: "delete" }}
      back={back}
    >
      <p className="text-slate-700 dark:text-slate-300">These will be deleted for good. There is no undo.</p>
      <ul className="list-disc space-y-1 pl-6 break-words text-slate-900 dark:text-slate-100">
        {tasks.map((task) => (
          <li key={task.id}>{task.title}</li>
        ))}
      </ul>
    </ConfirmDeletePage>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <ErrorPage
      title={notFound ? "Those tasks are not all there" : "Something went wrong"}
      detail={
        notFound
          ? "Some of them may have been deleted in another tab. Nothing was deleted."
          : "An unexpected error occurred. Please try again."
      }
      action={{ to: "/tasks", label: "Back to tasks" }}
    />
  );
}
