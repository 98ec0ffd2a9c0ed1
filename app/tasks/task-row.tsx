import { useEffect, useRef } from "react";
import { Link, useFetcher } from "react-router";
import { buttonClass } from "~/ui/button";
import { cx } from "~/ui/cx";
import { LabelBadge } from "~/labels/label-badge";
import type { LabelColor } from "~/labels/label-colors";
import { showToast } from "~/ui/toaster";
import { BULK_FORM } from "./bulk-action";
import { DeleteTaskButton } from "./delete-task-button";
import { ROW_CONTROL } from "./keyboard-shortcuts";
import { CategoryBadge, DueDate, PriorityBadge } from "./task-badges";
import { withBack } from "./task-list-url";
import type { TaskSummary } from "./task-summary";

/** What the list action answers when it refuses a row action (a redirect means success). */
export interface TaskRowFailure {
  intent: "toggle" | "delete";
  taskId: string;
  message: string;
}

/**
 * One task in the list. Toggling and deleting go through fetchers and render the outcome
 * at once from the submitted form data; if the server refuses, the fetcher's form data is
 * gone, so the row shows its real state again and a toast says why.
 */
/** `listHref` is the list view this row is shown in: the task's pages come back to it. */
export function TaskRow({
  task,
  today,
  listHref,
  labelColor,
}: {
  task: TaskSummary;
  today: string;
  listHref: string;
  labelColor: (name: string) => LabelColor;
}) {
  const rowRef = useRef<HTMLLIElement>(null);
  const toggle = useFetcher<TaskRowFailure>();
  const remove = useFetcher<TaskRowFailure>();
  useFailureToast(toggle.data);
  useFailureToast(remove.data);

  if (remove.formData?.get("intent") === "delete") return null;

  const completed = toggle.formData ? toggle.formData.get("completed") === "true" : task.completed;
  const shown = { ...task, completed };

  return (
    <li ref={rowRef} className="flex flex-wrap items-start gap-x-3 gap-y-2 px-4 py-3 sm:flex-nowrap" data-testid="task-row">
      {/* A plain input in the list's one bulk form (by its id): no form, no hook per row. */}
      <input
        type="checkbox"
        form={BULK_FORM.id}
        name={BULK_FORM.ids}
        value={task.id}
        aria-label={`Select “${task.title}”`}
        data-row-control={ROW_CONTROL.select}
        className="mt-1 size-4 shrink-0 accent-indigo-600"
      />
      <toggle.Form method="post" preventScrollReset className="shrink-0">
        <input type="hidden" name="intent" value="toggle" />
        <input type="hidden" name="taskId" value={task.id} />
        {/* The state to set, not "flip": a repeated or delayed post cannot undo itself. */}
        <input type="hidden" name="completed" value={String(!completed)} />
        <button
          type="submit"
          aria-label={completed ? `Reopen “${task.title}”` : `Complete “${task.title}”`}
          aria-busy={toggle.state !== "idle" || undefined}
          data-row-control={ROW_CONTROL.toggle}
          className={cx(
            "mt-0.5 grid size-6 place-items-center rounded-full ring-2 ring-inset transition-colors",
            completed
              ? "bg-emerald-700 text-white ring-emerald-700 hover:bg-emerald-600 dark:bg-emerald-400 dark:text-slate-950 dark:ring-emerald-400"
              : "text-transparent ring-slate-400 hover:text-slate-400 dark:ring-slate-500 dark:hover:text-slate-500",
          )}
        >
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
            <path
              fillRule="evenodd"
              d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z"
              clipRule="evenodd"
            />
          </svg>
        </button>
      </toggle.Form>

      <div className="min-w-0 flex-1 basis-48">
        <h3
          className={cx(
            "font-medium break-words",
            completed ? "text-slate-500 line-through dark:text-slate-400" : "text-slate-900 dark:text-slate-100",
          )}
        >
          {task.title}
        </h3>
        {task.description ? (
          // pre-line keeps the description's line breaks; the clamp still caps the row at three lines.
          <p className="mt-0.5 line-clamp-3 text-sm break-words whitespace-pre-line text-slate-600 dark:text-slate-400">{task.description}</p>
        ) : null}
        <div className="mt-1.5 flex flex-wrap items-center gap-2">
          <PriorityBadge priority={task.priority} />
          {task.category ? <CategoryBadge category={task.category} /> : null}
          {task.labels.map((name) => (
            <LabelBadge key={name} name={name} color={labelColor(name)} />
          ))}
          <DueDate task={shown} today={today} />
          {completed ? <span className="sr-only">Completed</span> : null}
        </div>
      </div>

      <div className="ml-auto flex shrink-0 items-center gap-1">
        <Link to={withBack(`/tasks/${task.id}`, listHref)} className={buttonClass("ghost", "px-2.5 py-1.5")} aria-label={`Edit “${task.title}”`} data-row-control={ROW_CONTROL.open}>
          Edit
        </Link>
        <DeleteTaskButton
          taskTitle={task.title}
          confirmHref={withBack(`/tasks/${task.id}/delete`, listHref)}
          onConfirm={() => {
            // The row is about to disappear with the focused button in it: hand focus to a neighbour.
            focusNeighbour(rowRef.current);
            remove.submit({ intent: "delete", taskId: task.id }, { method: "post", preventScrollReset: true });
          }}
        />
      </div>
    </li>
  );
}

function focusNeighbour(row: HTMLLIElement | null) {
  const neighbour = row?.nextElementSibling ?? row?.previousElementSibling;
  const target = neighbour?.querySelector("button") ?? document.getElementById("task-list-heading");
  target?.focus();
}

function useFailureToast(failure: TaskRowFailure | undefined) {
  useEffect(() => {
    if (failure) showToast({ kind: "error", message: failure.message });
  }, [failure]);
}
