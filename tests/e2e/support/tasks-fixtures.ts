import { randomInt, randomUUID } from "node:crypto";
import { type APIRequestContext, expect, test as base } from "@playwright/test";

export const PASSWORD = "Str0ng!Passw0rd";

export interface SignedInUser {
  name: string;
  email: string;
}

/** Signs a browser context up (and so in) through Better Auth's own endpoint. */
export async function signUp(request: APIRequestContext, name = "Tess Tasker"): Promise<SignedInUser> {
  const email = `tasks-${randomUUID()}@example.test`;
  const response = await request.post("/api/auth/sign-up/email", {
    data: { name, email, password: PASSWORD },
    // A client address of its own (the e2e server trusts one proxy hop): per-IP sign-up
    // limits then count this test's user only, not the whole parallel run.
    headers: { "X-Forwarded-For": `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` },
  });
  expect(response.status(), await response.text()).toBe(200);
  return { name, email };
}

export interface NewTask {
  title: string;
  description?: string;
  priority?: "low" | "medium" | "high";
  category?: string;
  dueDate?: string;
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

/** Every test gets a fresh, signed-in user of its own. */
export const test = base.extend<{ user: SignedInUser }>({
  // Named `provide`, not `use`: the React hooks lint rule would take it for React's use().
  user: async ({ page }, provide) => {
    await provide(await signUp(page.request));
  },
});

export { expect };
