// Task helpers for end-to-end tests; accounts come from ./auth (one way to make a user).
import { type APIRequestContext } from "@playwright/test";
import { expect, test } from "./auth";

export { expect, test };

export interface NewTask {
  title: string;
  description?: string;
  priority?: "low" | "medium" | "high";
  category?: string;
  dueDate?: string;
  dueTime?: string;
}

/** Creates tasks through the real /tasks action, as the page's form would (no test-only back door). */
export async function createTasks(request: APIRequestContext, tasks: NewTask[]) {
  for (const task of tasks) {
    const response = await request.post("/tasks", {
      form: { intent: "create", ...task },
      maxRedirects: 0,
    });
    expect(response.status(), `creating ${task.title}`).toBe(302);
  }
}
