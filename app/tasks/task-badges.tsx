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
