import type { Priority } from "./priority";

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
}

/** Only the fields a page shows: the loader's data is sent to the browser as it is. */
export function toTaskForPage(task: TaskForPage): TaskForPage {
  const { id, title, description, priority, category, dueDate, completed, projectId, labels } = task;
  return { id, title, description, priority, category, dueDate, completed, projectId, labels };
}
