import { cx } from "~/ui/cx";
import { type Due, dueFor, formatDueDate, isDueToday, isOverdue, type Today } from "./due-date";
import { type Priority, PRIORITY_LABELS } from "./priority";
import { describeRepeat, type Repeat } from "./repeat-rule";

const badgeClass = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

// Whole class strings and texts built once: every row of the list shows these badges.
const priorityClass: Record<Priority, string> = {
  high: cx(badgeClass, "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800"),
  medium: cx(
    badgeClass,
    "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  ),
  low: cx(
    badgeClass,
    "bg-slate-100 text-slate-700 ring-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700",
  ),
};
const priorityText = Object.fromEntries(
  Object.entries(PRIORITY_LABELS).map(([priority, label]) => [priority, `${label} priority`]),
) as Record<Priority, string>;
const categoryClass = cx(
  badgeClass,
  "bg-indigo-50 text-indigo-800 ring-indigo-200 dark:bg-indigo-950 dark:text-indigo-200 dark:ring-indigo-800",
);
const overdueClass = cx(
  badgeClass,
  "bg-red-700 text-white ring-red-700 dark:bg-red-400 dark:text-slate-950 dark:ring-red-400",
);
const dueTodayClass = cx(
  badgeClass,
  "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-900 dark:text-amber-100 dark:ring-amber-700",
);

export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={priorityClass[priority]}>{priorityText[priority]}</span>;
}

/** "Every 2 weeks on Mon": a repeating task's rule in words. */
export function RepeatBadge({ repeat }: { repeat: Repeat }) {
  return (
    <span className={categoryClass} data-testid="repeat-badge">
      <span aria-hidden="true">↻ </span>
      {describeRepeat(repeat)}
    </span>
  );
}

export function CategoryBadge({ category }: { category: string }) {
  return <span className={categoryClass}>{category}</span>;
}

const stepsClass = "inline-flex items-center gap-1 text-xs font-medium tabular-nums text-slate-600 dark:text-slate-300";

/** "2/5": the checklist's steps done out of all, said in full to a screen reader. */
export function StepProgress({ steps }: { steps: { done: number; total: number } }) {
  return (
    <span className={stepsClass} data-testid="step-progress">
      <svg viewBox="0 0 20 20" fill="currentColor" className="size-3.5" aria-hidden="true">
        <path
          fillRule="evenodd"
          d="M3 4.5A1.5 1.5 0 0 1 4.5 3h11A1.5 1.5 0 0 1 17 4.5v11a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 3 15.5v-11Zm10.2 2.8a.75.75 0 0 0-1.1-1l-3.6 4-1.6-1.6a.75.75 0 1 0-1.06 1.06l2.15 2.15a.75.75 0 0 0 1.09-.03l4.12-4.58Z"
          clipRule="evenodd"
        />
      </svg>
      <span aria-hidden="true">
        {steps.done}/{steps.total}
      </span>
      <span className="sr-only">
        {steps.done} of {steps.total} steps done
      </span>
    </span>
  );
}

/** The due date (and time) as the reader sees it in their account's zone. */
export function DueDate({ task, today }: { task: Due; today: Today }) {
  const due = dueFor(task, today.timeZone);
  if (!due) return null;
  const overdue = isOverdue(task, today);
  const dueToday = isDueToday(task, today);
  const dateTime = due.time && task.dueAt ? new Date(task.dueAt).toISOString() : due.day;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-300">
      <span>
        Due{" "}
        <time dateTime={dateTime}>
          {formatDueDate(due.day)}
          {due.time ? ` ${due.time}` : ""}
        </time>
      </span>
      {overdue ? <span className={overdueClass}>Overdue</span> : null}
      {dueToday ? <span className={dueTodayClass}>Due today</span> : null}
    </span>
  );
}
