import type { Today } from "~/tasks/due-date";
import { buttonClass } from "~/ui/button";
import { cx } from "~/ui/cx";
import { LabelBadge } from "~/labels/label-badge";
import type { LabelColor } from "~/labels/label-colors";
import { ProjectBadge } from "~/projects/project-badge";
import { BULK_FORM } from "~/tasks/bulk/bulk-form";
import { ROW_CONTROL } from "./keyboard-shortcuts";
import { CategoryBadge, DueDate, PriorityBadge, RepeatBadge, StepProgress } from "~/tasks/task-badges";
import type { TaskForPage } from "~/tasks/task-for-page";

/** What the list action answers when it refuses a row action (a redirect means success). */
export interface TaskRowFailure {
  intent: "toggle" | "delete";
  taskId: string;
  message: string;
}

/**
 * The list's two toggle forms (task-list.tsx renders them once): each row's button names one
 * by its id and sends its task's id, so 50 rows need no form of their own (decision 050).
 */
export const TOGGLE_FORMS = { complete: "task-complete-form", reopen: "task-reopen-form" } as const;

/** What a row shows while the list's one state says so (task-list.tsx keeps it). */
export type DeleteStep = "link" | "button" | "confirming";

// Built once: the same classes on every row.
const rowButtonClass = buttonClass("ghost", "px-2.5 py-1.5");
const confirmClass = buttonClass("danger", "px-2.5 py-1.5");
const cancelClass = buttonClass("secondary", "px-2.5 py-1.5");
const toggleClass = {
  done: "mt-0.5 grid size-6 place-items-center rounded-full ring-2 ring-inset transition-colors bg-emerald-700 text-white ring-emerald-700 hover:bg-emerald-600 dark:bg-emerald-400 dark:text-slate-950 dark:ring-emerald-400",
  open: "mt-0.5 grid size-6 place-items-center rounded-full ring-2 ring-inset transition-colors text-transparent ring-slate-400 hover:text-slate-400 dark:ring-slate-500 dark:hover:text-slate-500",
};
const titleClass = {
  done: "font-medium break-words text-slate-500 line-through dark:text-slate-400",
  open: "font-medium break-words text-slate-900 dark:text-slate-100",
};

/**
 * One task in the list: no hooks, no router components, no form of its own. The list holds
 * what is in flight (toggles and deletes through fetchers, shown at once from their form data)
 * and which row asks to confirm a delete; the row only renders it. `back` carries the list view
 * the task's pages come back to. Its links are plain anchors that the list's one click handler
 * turns into client-side navigations.
 */
export function TaskRow({
  task,
  completed,
  toggling,
  today,
  back,
  labelColor,
  project,
  deleteStep,
}: {
  task: TaskForPage;
  /** As shown: the submitted value while a toggle is in flight. */
  completed: boolean;
  /** A toggle of this row is in flight. */
  toggling: boolean;
  today: Today;
  /** The list view to come back to, as a query (task-list-url.ts's backQuery, built once per list). */
  back: string;
  labelColor: (name: string) => LabelColor;
  /** The project it lives in, where the list spans several (none on a project's own page). */
  project?: { name: string; color: LabelColor };
  deleteStep: DeleteStep;
}) {
  const deleteLabel = `Delete “${task.title}”`;
  return (
    <li
      className="flex flex-wrap items-start gap-x-3 gap-y-2 px-4 py-3 sm:flex-nowrap"
      data-testid="task-row"
      data-task-id={task.id}
    >
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
      {/* The state to set, not "flip" (the form says which): a repeated or delayed post cannot undo itself. */}
      <button
        type="submit"
        form={completed ? TOGGLE_FORMS.reopen : TOGGLE_FORMS.complete}
        name="taskId"
        value={task.id}
        aria-label={completed ? `Reopen “${task.title}”` : `Complete “${task.title}”`}
        aria-busy={toggling || undefined}
        data-row-control={ROW_CONTROL.toggle}
        className={cx("shrink-0", completed ? toggleClass.done : toggleClass.open)}
      >
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
          <path
            fillRule="evenodd"
            d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z"
            clipRule="evenodd"
          />
        </svg>
      </button>

      <div className="min-w-0 flex-1 basis-48">
        <h3 className={completed ? titleClass.done : titleClass.open}>{task.title}</h3>
        {task.description ? (
          // pre-line keeps the description's line breaks; the clamp still caps the row at three lines.
          <p className="mt-0.5 line-clamp-3 text-sm break-words whitespace-pre-line text-slate-600 dark:text-slate-400">
            {task.description}
          </p>
        ) : null}
        <div className="mt-1.5 flex flex-wrap items-center gap-2">
          {project ? <ProjectBadge name={project.name} color={project.color} /> : null}
          <PriorityBadge priority={task.priority} />
          {task.category ? <CategoryBadge category={task.category} /> : null}
          {task.repeat ? <RepeatBadge repeat={task.repeat} /> : null}
          {task.labels.map((name) => (
            <LabelBadge key={name} name={name} color={labelColor(name)} />
          ))}
          {task.steps ? <StepProgress steps={task.steps} /> : null}
          <DueDate
            task={{ dueDate: task.dueDate, dueTime: task.dueTime, dueAt: task.dueAt, completed }}
            today={today}
          />
          {completed ? <span className="sr-only">Completed</span> : null}
        </div>
      </div>

      <div className="ml-auto flex shrink-0 items-center gap-1">
        <a
          href={`/tasks/${task.id}${back}`}
          className={rowButtonClass}
          aria-label={`Edit “${task.title}”`}
          data-row-control={ROW_CONTROL.open}
        >
          Edit
        </a>
        {/* Without JavaScript a link to the confirmation page; once hydrated a button that asks in place. */}
        {deleteStep === "link" ? (
          <a href={`/tasks/${task.id}/delete${back}`} className={rowButtonClass} aria-label={deleteLabel}>
            Delete
          </a>
        ) : deleteStep === "button" ? (
          <button type="button" className={rowButtonClass} aria-label={deleteLabel} data-row-delete="ask">
            Delete
          </button>
        ) : (
          <div role="group" aria-label={`Delete “${task.title}”?`} className="flex items-center gap-2">
            <button type="button" className={confirmClass} data-row-delete="confirm">
              Confirm delete
            </button>
            <button type="button" className={cancelClass} data-row-delete="cancel">
              Cancel
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
