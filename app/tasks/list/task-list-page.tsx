import { useRef } from "react";
import { useFetcher } from "react-router";
import type { ProjectForPage } from "~/projects/project-for-page";
import { withPendingBulkAction } from "~/tasks/bulk/bulk-form";
import { BULK_FETCHER_KEY, BulkSelection, type BulkFailure } from "~/tasks/bulk/bulk-selection";
import { CreateTaskForm, type CreateTaskFailure } from "~/tasks/create-task-form";
import { buttonClass } from "~/ui/button";
import { FormErrors } from "~/ui/field";
import { useHydrated } from "~/ui/use-hydrated";
import { ShortcutsDialog, useTaskListShortcuts } from "./keyboard-shortcuts";
import { TaskFilters } from "./task-filters";
import { TaskList } from "./task-list";
import { defaultOrder } from "./task-list-query";
import type { TaskListPageData } from "./task-list-page.server";
import { taskListHref } from "./task-list-url";
import { TaskPagination } from "./task-pagination";
import type { TaskRowFailure } from "./task-row";

/**
 * The list page's body, for every task (/tasks) and for one project's: counts, the new-task
 * form, filters, the rows with their bulk actions, pages. `heading` is the page's title and
 * whatever the route puts beside it.
 */
export function TaskListPage({
  loaderData,
  actionData,
  heading,
  projects,
}: {
  loaderData: TaskListPageData;
  /** Only set after a plain form post (no JavaScript): fetchers keep their own results. */
  actionData: CreateTaskFailure | TaskRowFailure | BulkFailure | undefined;
  heading: React.ReactNode;
  /** The person's unarchived projects (the layout's): the picker, the rows' project, Move. */
  projects: readonly ProjectForPage[];
}) {
  const { view, pageCount, countedAll, hasNextPage, counts, categories, labels, today, keyboardShortcuts } = loaderData;
  // While a bulk action is in flight the rows show its outcome; a refusal puts them back.
  const bulk = useFetcher<BulkFailure>({ key: BULK_FETCHER_KEY });
  const tasks = withPendingBulkAction(loaderData.tasks, bulk.formData);
  const hydrated = useHydrated();
  const shortcutsDialog = useRef<HTMLDialogElement>(null);
  const shortcutsOn = hydrated && keyboardShortcuts;
  useTaskListShortcuts(shortcutsOn, () => shortcutsDialog.current?.showModal());
  const listHref = taskListHref(view);
  // Rows name their project where the list spans several.
  const rowProjects = view.project ? undefined : projects;
  // Upcoming, soonest first: under a heading per day (another sort is a plain list).
  const byDay =
    view.view === "upcoming" && view.sort === "due_date" && (view.order ?? defaultOrder(view.sort)) === "asc";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        {heading}
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
        projects={projects}
        project={view.project}
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
          <BulkSelection
            tasks={loaderData.tasks}
            labels={labels}
            categories={categories}
            projects={projects}
            listHref={listHref}
          >
            <TaskList
              tasks={tasks}
              today={today}
              isNewUser={false}
              listHref={listHref}
              labels={loaderData.badgeLabels}
              projects={rowProjects}
              byDay={byDay}
            />
          </BulkSelection>
        ) : (
          <TaskList
            tasks={tasks}
            today={today}
            isNewUser={counts.pending + counts.completed === 0}
            listHref={listHref}
            labels={labels}
          />
        )}
        <TaskPagination view={view} pageCount={pageCount} countedAll={countedAll} hasNext={hasNextPage} />
      </section>
    </div>
  );
}
