import type { Priority } from "./priority";

/** What the list and the edit page need of a task (no owner id, no timestamps). */
export interface TaskSummary {
  id: string;
  title: string;
  description: string;
  priority: Priority;
  category: string | null;
  dueDate: string | null;
  completed: boolean;
  /** Label names: the page finds their colours in the person's labels. */
  labels: string[];
}

export function toTaskSummary(task: TaskSummary): TaskSummary {
  const { id, title, description, priority, category, dueDate, completed, labels } = task;
  return { id, title, description, priority, category, dueDate, completed, labels };
}
