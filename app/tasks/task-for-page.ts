import type { Priority } from "./priority";
import type { Repeat, RepeatMode } from "./repeat-rule";
import { stepProgress, type TaskStep } from "./steps/step-schema";

/** A task as the list and the edit page receive it: no owner id, no timestamps. */
export interface TaskForPage {
  id: string;
  title: string;
  description: string;
  priority: Priority;
  category: string | null;
  dueDate: string | null;
  /** HH:MM in timeZone; null: the whole day. */
  dueTime: string | null;
  /** The zone the due date was written in. */
  timeZone: string | null;
  /** The due instant (RFC 3339), for showing a timed task in the reader's zone. */
  dueAt: string | null;
  completed: boolean;
  /** The project it lives in: the page finds its name and colour in the person's projects. */
  projectId: string;
  /** The member it is assigned to (decision 095); null: nobody. */
  assigneeId: string | null;
  /** Label names: the page finds their colours in the person's labels. */
  labels: string[];
  /** How it repeats; null when it does not. */
  repeat: Repeat | null;
  /** How far its checklist has got ("2/5"), null without steps; the steps themselves only on the task's page. */
  steps: { done: number; total: number } | null;
}

/** Only the fields a page shows: the loader's data is sent to the browser as it is. */
export function toTaskForPage(
  task: Omit<TaskForPage, "dueAt" | "repeat" | "steps"> & {
    dueAt: Date | null;
    repeatRule: string | null;
    repeatMode: RepeatMode | null;
    steps: readonly TaskStep[];
  },
): TaskForPage {
  const { id, title, description, priority, category, dueDate, dueTime, timeZone, completed, projectId, labels } = task;
  const assigneeId = task.assigneeId;
  const dueAt = task.dueAt && task.dueAt.toISOString();
  return {
    id,
    title,
    description,
    priority,
    category,
    dueDate,
    dueTime,
    timeZone,
    dueAt,
    completed,
    projectId,
    assigneeId,
    labels,
    repeat: task.repeatRule && task.repeatMode ? { rule: task.repeatRule, mode: task.repeatMode } : null,
    // null rather than 0/0: most tasks have no steps, and each row is sent to the browser.
    steps: task.steps.length > 0 ? stepProgress(task.steps) : null,
  };
}
