import type { Priority } from "./priority";
import { stepProgress, type TaskStep } from "./steps/step-schema";

/** A task as the list and the edit page receive it: no owner id, no timestamps. */
export interface TaskForPage {
  id: string;
  title: string;
  description: string;
  priority: Priority;
  category: string | null;
  dueDate: string | null;
  completed: boolean;
  /** The project it lives in: the page finds its name and colour in the person's projects. */
  projectId: string;
  /** Label names: the page finds their colours in the person's labels. */
  labels: string[];
  /** How far its checklist has got ("2/5"), null without steps; the steps themselves only on the task's page. */
  steps: { done: number; total: number } | null;
}

/** Only the fields a page shows: the loader's data is sent to the browser as it is. */
export function toTaskForPage(task: Omit<TaskForPage, "steps"> & { steps: readonly TaskStep[] }): TaskForPage {
  const { id, title, description, priority, category, dueDate, completed, projectId, labels } = task;
  return {
    id,
    title,
    description,
    priority,
    category,
    dueDate,
    completed,
    projectId,
    labels,
    // null rather than 0/0: most tasks have no steps, and each row is sent to the browser.
    steps: task.steps.length > 0 ? stepProgress(task.steps) : null,
  };
}
