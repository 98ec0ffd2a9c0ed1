// Account helpers for end-to-end tests, shared by every feature's specs.
//
//   import { expect, test } from "./support/auth";
//   test("…", async ({ page, user }) => { … });   // `user` is signed in in `page`'s context
//
// Every helper works with JavaScript on and off (the forms post either way).
import { randomBytes } from "node:crypto";
import { type APIRequestContext, test as base, expect, type Page } from "@playwright/test";
import { PASSWORD } from "../../support/passwords";

export { expect };

export const STRONG_PASSWORD = PASSWORD;

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

/** A fresh identity: unique email per call, so tests never collide (in parallel or across runs). */
export function newTestUser(overrides: Partial<TestUser> = {}): TestUser {
  const suffix = randomBytes(5).toString("hex");
  return { name: `Test User ${suffix}`, email: `e2e-${suffix}@example.com`, password: STRONG_PASSWORD, ...overrides };
}

/** Signs up through the /sign-up form and waits for /tasks. */
export async function signUp(page: Page, user: TestUser = newTestUser()): Promise<TestUser> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  return user;
}

/** Fills and submits the /sign-in form (from `path`, e.g. with ?redirectTo=); does not wait for the result. */
export async function submitSignIn(page: Page, user: Pick<TestUser, "email" | "password">, path = "/sign-in") {
  if (!page.url().includes(path)) await page.goto(path);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in through the form and waits to land on /tasks. */
export async function signIn(page: Page, user: Pick<TestUser, "email" | "password">): Promise<void> {
  await submitSignIn(page, user);
  await expect(page).toHaveURL(/\/tasks$/);
}

/** Uses the header's sign-out button (any signed-in page) and waits for the home page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
}

/**
 * Signs up over Better Auth's HTTP API with `request`. Given `page.request`, the session
 * cookie lands in the page's browser context: the page is signed in without visiting a form.
 */
export async function signUpWithApi(request: APIRequestContext, user: TestUser = newTestUser()): Promise<TestUser> {
  const response = await request.post("/api/auth/sign-up/email", {
    data: { name: user.name, email: user.email, password: user.password },
  });
  expect(response.status(), await response.text()).toBe(200);
  return user;
}

/** Opens another session for `user` over the API (like a second device); its cookie stays in `request`. */
export async function signInWithApi(request: APIRequestContext, user: Pick<TestUser, "email" | "password">) {
  const response = await request.post("/api/auth/sign-in/email", {
    data: { email: user.email, password: user.password },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** `user`: a fresh account, already signed in in the test's browser context. */
export const test = base.extend<{ user: TestUser }>({
  // Named `provide`, not `use`: the React hooks lint rule would mistake it for React's use().
  user: async ({ page }, provide) => {
    await provide(await signUpWithApi(page.request));
  },
});
