import { expect, test } from "@playwright/test";
import { newTestUser, signUpWithApi } from "./support/auth";

test("the home page introduces the product and links to sign-in and sign-up", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/Tasklane/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your tasks, in order.");
  await expect(page.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/sign-up");
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/sign-in");
});

test("signed in, the home page leads to the tasks instead of sign-up and sign-in", async ({ page }) => {
  const user = await signUpWithApi(page.request, newTestUser());
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Go to your tasks" })).toHaveAttribute("href", "/tasks");
  await expect(page.getByText(`Signed in as ${user.name}`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Create an account" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await page.getByRole("link", { name: "Go to your tasks" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
});

test("the home page hydrates under the CSP without violations @js-only", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") violations.push(message.text());
  });
  await page.goto("/");
  await page.waitForFunction(() => (window as unknown as { __reactRouterContext?: unknown }).__reactRouterContext);
  expect(violations).toEqual([]);
});

test("/readyz reports the database ready", async ({ request }) => {
  const response = await request.get("/readyz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ready" });
});
