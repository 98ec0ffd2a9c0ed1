import { Link } from "react-router";
import { labelColorsByName } from "~/labels/label-badge";
import type { Label } from "~/labels/label-schema";
import { TASK_LIST_ID } from "./keyboard-shortcuts";
import { TaskRow } from "./task-row";
import type { TaskSummary } from "./task-summary";

interface TaskListProps {
  tasks: TaskSummary[];
  today: string;
  /** The user has no tasks at all (as opposed to none matching the filters). */
  isNewUser: boolean;
  /** This view's URL, for the rows' links to come back to. */
  listHref: string;
  /** The person's labels, for the colours of the rows' label badges. */
  labels: readonly Label[];
}

export function TaskList({ tasks, today, isNewUser, listHref, labels }: TaskListProps) {
  if (isNewUser) {
    return (
      <EmptyState title="No tasks yet">
        Type what needs doing in <strong className="font-semibold">New task</strong> above and press{" "}
        <strong className="font-semibold">Add task</strong>. Open <em>More options</em> to add a due date, a priority or a
        category.
      </EmptyState>
    );
  }
  if (tasks.length === 0) {
    return (
      <EmptyState title="No tasks match these filters">
        Try another search, or{" "}
        <Link to="/tasks" className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
          clear filters
        </Link>{" "}
        to see all your tasks.
      </EmptyState>
    );
  }
  const labelColor = labelColorsByName(labels);
  return (
    <ul
      id={TASK_LIST_ID}
      aria-label="Tasks"
      className="divide-y divide-slate-200 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:divide-slate-800 dark:bg-slate-900 dark:ring-slate-800"
    >
      {tasks.map((task) => (
        <TaskRow key={task.id} task={task} today={today} listHref={listHref} labelColor={labelColor} />
      ))}
    </ul>
  );
}

function EmptyState({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border-2 border-dashed border-slate-300 px-6 py-10 text-center dark:border-slate-700">
      <h3 className="text-base font-semibold text-slate-900 dark:text-slate-100">{title}</h3>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-300">{children}</p>
    </div>
  );
}
