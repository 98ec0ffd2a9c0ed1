import { expect, test } from "@playwright/test";

test("the home page introduces the product and links to sign-in and sign-up", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/Tasklane/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your tasks, in order.");
  await expect(page.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/sign-up");
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/sign-in");
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
