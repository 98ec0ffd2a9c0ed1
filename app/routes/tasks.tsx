import { parseWithZod } from "@conform-to/zod/v4";
import { useRef } from "react";
import { data, useActionData, useFetcher } from "react-router";
import { requireUser } from "~/auth/session.server";
import { chosenLabels } from "~/labels/labels.server";
import { UnknownLabelError } from "~/labels/task-labels.server";
import { ProjectNotFoundError } from "~/projects/projects.server";
import { withPendingBulkAction } from "~/tasks/bulk/bulk-form";
import { bulkFormAction } from "~/tasks/bulk/bulk-form-action.server";
import { BULK_FETCHER_KEY, BulkSelection, type BulkFailure } from "~/tasks/bulk/bulk-selection";
import { type Flash, replaceWithFlash } from "~/flash.server";
import { CreateTaskForm, type CreateTaskFailure } from "~/tasks/create-task-form";
import { todayIn } from "~/tasks/due-date";
import { ShortcutsDialog, useTaskListShortcuts } from "~/tasks/list/keyboard-shortcuts";
import { TaskFilters } from "~/tasks/list/task-filters";
import { TaskList } from "~/tasks/list/task-list";
import { hasActiveFilters, readTaskListQuery } from "~/tasks/list/task-list-query";
import { listTasksForUser, summarizeTasksForUser, taskMatchesQuery } from "~/tasks/list/task-list.server";
import { readPage, taskListHref, TASKS_PER_PAGE } from "~/tasks/list/task-list-url";
import { TaskPagination } from "~/tasks/list/task-pagination";
import type { TaskRowFailure } from "~/tasks/list/task-row";
import { TaskFormSchema } from "~/tasks/task-schema";
import { toTaskForPage } from "~/tasks/task-for-page";
import { createTaskForUser, deleteTaskForUser, setTaskCompletion } from "~/tasks/tasks.server";
import { readTimeZone, useRememberTimeZone } from "~/tasks/time-zone";
import { buttonClass } from "~/ui/button";
import { FormErrors } from "~/ui/field";
import { useHydrated } from "~/ui/use-hydrated";
import type { Route } from "./+types/tasks";

export const meta: Route.MetaFunction = () => [{ title: "Tasks · Tasklane" }];

export async function loader({ request, url, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const query = readTaskListQuery(url.searchParams);
  const requestedPage = readPage(url.searchParams);
  const listPage = (page: number) =>
    listTasksForUser(user.id, query, { limit: TASKS_PER_PAGE, offset: (page - 1) * TASKS_PER_PAGE });
  // The first page (nearly every visit) needs no count first: read it alongside the summary.
  const [summary, firstPage] = await Promise.all([
    summarizeTasksForUser(user.id, query),
    requestedPage === 1 ? listPage(1) : null,
  ]);
  const pageCount = Math.max(1, Math.ceil(summary.matching / TASKS_PER_PAGE));
  // Past the end (the last task of a page was just deleted, an old bookmark): show the last page.
  const page = Math.min(requestedPage, pageCount);
  const { tasks } = firstPage ?? (await listPage(page));
  return {
    tasks: tasks.map(toTaskForPage),
    view: { ...query, page },
    pageCount,
    counts: { pending: summary.pending, completed: summary.completed },
    categories: summary.categories,
    labels: summary.labels,
    today: todayIn(readTimeZone(request.headers.get("Cookie"))),
    keyboardShortcuts: user.keyboardShortcuts,
  };
}

// Fetcher submissions follow this action's redirects client-side: replaceWithFlash (React
// Router's `replace`) keeps Back from stepping through every toggle.
export async function action({ request, url, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  // Back to the list as the user was looking at it: same filters, sort and page.
  const listUrl = `${url.pathname}${url.search}`;

  switch (intent) {
    case "create": {
      const submission = parseWithZod(formData, { schema: TaskFormSchema });
      if (submission.status !== "success") {
        return data({ intent, result: submission.reply() } satisfies CreateTaskFailure, { status: 400 });
      }
      const { newLabel, ...fields } = submission.value;
      let created;
      try {
        created = await createTaskForUser(user.id, {
          ...fields,
          // The picker's project, else the project being looked at, else (none) the Inbox.
          projectId: fields.projectId ?? readTaskListQuery(url.searchParams).project,
          labels: await chosenLabels(user.id, { labels: fields.labels, newLabel }),
        });
      } catch (error) {
        // A project deleted in another tab (or not the person's: the same answer).
        if (error instanceof ProjectNotFoundError) {
          const result = submission.reply({ fieldErrors: { projectId: [error.message] } });
          return data({ intent, result } satisfies CreateTaskFailure, { status: 400 });
        }
        // A label deleted in another tab since this form was shown.
        if (!(error instanceof UnknownLabelError)) throw error;
        const result = submission.reply({ fieldErrors: { labels: [error.message] } });
        return data({ intent, result } satisfies CreateTaskFailure, { status: 400 });
      }
      // Page 1, where a new task shows first in the default order.
      const view = { ...readTaskListQuery(url.searchParams), page: 1 };
      // The view stays as the user chose it; if it hides the new task, the toast says so
      // and offers the way out, rather than a "created" with nothing to see.
      const hidden = hasActiveFilters(view) && !(await taskMatchesQuery(user.id, created.id, view));
      const flash: Flash = hidden
        ? {
            kind: "success",
            message: "Task created. The current filters hide it.",
            action: { label: "Clear filters", href: "/tasks" },
          }
        : { kind: "success", message: "Task created" };
      return replaceWithFlash(taskListHref(view), flash);
    }
    case "toggle": {
      const taskId = String(formData.get("taskId") ?? "");
      const completed = formData.get("completed");
      if (completed !== "true" && completed !== "false") throw data("completed must be true or false", { status: 400 });
      const task = await setTaskCompletion(user.id, taskId, completed === "true");
      if (!task) return taskGone(intent, taskId);
      const message = task.completed ? "Task completed" : "Task reopened";
      return replaceWithFlash(listUrl, { kind: "success", message });
    }
    case "delete": {
      const taskId = String(formData.get("taskId") ?? "");
      const task = await deleteTaskForUser(user.id, taskId);
      if (!task) return taskGone(intent, taskId);
      return replaceWithFlash(listUrl, { kind: "success", message: "Task deleted" });
    }
    case "bulk":
      return bulkFormAction(user.id, formData, listUrl);
    default:
      throw data("Unknown intent", { status: 400 });
  }
}

/** The same answer for a task that never existed and one that belongs to someone else. */
function taskGone(intent: TaskRowFailure["intent"], taskId: string) {
  const message = "That task no longer exists. It may have been deleted in another tab.";
  return data({ intent, taskId, message } satisfies TaskRowFailure, { status: 404 });
}

export default function TasksPage({ loaderData }: Route.ComponentProps) {
  const { view, pageCount, counts, categories, labels, today, keyboardShortcuts } = loaderData;
  // While a bulk action is in flight the rows show its outcome; a refusal puts them back.
  const bulk = useFetcher<BulkFailure>({ key: BULK_FETCHER_KEY });
  const tasks = withPendingBulkAction(loaderData.tasks, bulk.formData);
  const hydrated = useHydrated();
  const shortcutsDialog = useRef<HTMLDialogElement>(null);
  const shortcutsOn = hydrated && keyboardShortcuts;
  useTaskListShortcuts(shortcutsOn, () => shortcutsDialog.current?.showModal());
  // Only set after a plain form post (no JavaScript): fetchers keep their own results.
  const actionData = useActionData<typeof action>();
  useRememberTimeZone();

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>
        <div className="flex items-center gap-3">
          <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="task-counts">
            {counts.pending} pending · {counts.completed} completed
          </p>
          {/* In the server's HTML too (inert until the page hydrates), so the row does not grow
              under the reader's finger; hidden where scripts do not run. */}
          {keyboardShortcuts ? (
            <button
              type="button"
              className={buttonClass("ghost", "px-2 py-1 font-medium noscript:hidden")}
              aria-keyshortcuts="Shift+?"
              disabled={!shortcutsOn}
              onClick={() => shortcutsDialog.current?.showModal()}
            >
              Shortcuts{" "}
              <kbd className="font-mono" aria-hidden="true">
                ?
              </kbd>
            </button>
          ) : null}
        </div>
      </div>
      {shortcutsOn ? <ShortcutsDialog dialogRef={shortcutsDialog} /> : null}
      {actionData && "message" in actionData ? (
        <FormErrors id="task-action-error" errors={[actionData.message]} />
      ) : null}
      <CreateTaskForm
        categories={categories}
        labels={labels}
        failure={actionData && "result" in actionData ? actionData : undefined}
      />
      <section aria-labelledby="task-list-heading" className="space-y-4">
        <h2 id="task-list-heading" tabIndex={-1} className="sr-only">
          Your tasks
        </h2>
        <TaskFilters view={view} categories={categories} labels={labels} />
        {/* Mounted while the page has tasks, even if a pending delete hides them all: its
            fetcher's refusal must still be reported and the rows restored. */}
        {loaderData.tasks.length > 0 ? (
          <BulkSelection tasks={loaderData.tasks} labels={labels} categories={categories} listHref={taskListHref(view)}>
            <TaskList tasks={tasks} today={today} isNewUser={false} listHref={taskListHref(view)} labels={labels} />
          </BulkSelection>
        ) : (
          <TaskList
            tasks={tasks}
            today={today}
            isNewUser={counts.pending + counts.completed === 0}
            listHref={taskListHref(view)}
            labels={labels}
          />
        )}
        <TaskPagination view={view} pageCount={pageCount} />
      </section>
    </div>
  );
}
