// In the browser: user text is shown as text wherever it appears (no script runs, no element
// is injected, the raw HTML is escaped), and the app works under its CSP with no violation.
import type { Page } from "@playwright/test";
import { newTestUser, signUp, signUpWithApi } from "./support/auth";
import { createTasks, expect, test } from "./support/tasks-fixtures";

const jsEnabled = () => test.info().project.use.javaScriptEnabled !== false;

async function hydrated(page: Page) {
  if (jsEnabled()) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

// Each payload, if it ran, would open a dialog or leave an element with id="xss".
const PAYLOADS = [
  `<script>alert("xss-script")</script>`,
  `<img src=x onerror="alert('xss-img')" id="xss">`,
  `"><svg onload=alert("xss-attr") id="xss">`,
  `' onmouseover='alert(1)' data-x='`,
  `javascript:alert("xss-url")`,
  `</textarea><script>alert(1)</script>`,
  `{{constructor.constructor('alert(1)')()}}`,
];

/** Fails the test on any dialog (a payload that ran) and collects CSP reports from the console. */
function watch(page: Page) {
  const dialogs: string[] = [];
  const violations: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  return { dialogs, violations };
}

async function expectNothingInjected(page: Page, label: string) {
  await expect(page.locator("#xss"), label).toHaveCount(0);
  // Every <script> on the page is one of the app's own (it carries the nonce).
  const foreignScripts = await page.locator("script:not([nonce])").count();
  expect(foreignScripts, label).toBe(0);
  for (const link of await page.locator("a[href]").all()) {
    expect(await link.getAttribute("href"), label).not.toMatch(/^\s*javascript:/i);
  }
}

test("payloads in a name and in every task field render as text, in the page and in the raw HTML", async ({ page }) => {
  const { dialogs } = watch(page);
  const name = `<img src=x onerror=alert("name") id="xss">`;
  await signUpWithApi(page.request, newTestUser({ name }));
  await createTasks(
    page.request,
    PAYLOADS.map((payload, i) => ({
      title: `${i} ${payload}`.slice(0, 200),
      description: `${payload}\n[link](javascript:alert(1))`,
      category: payload.slice(0, 50),
    })),
  );

  await page.goto("/tasks");
  await hydrated(page);
  await expect(page.getByRole("banner")).toContainText(name);
  for (const [i, payload] of PAYLOADS.entries()) {
    await expect(page.getByText(`${i} ${payload}`.slice(0, 200), { exact: true })).toBeVisible();
  }
  await expectNothingInjected(page, "/tasks");

  const raw = await (await page.request.get("/tasks")).text();
  expect(raw).not.toContain(`<img src=x onerror`);
  expect(raw).not.toContain(`<svg onload`);
  expect(raw).not.toContain(`<script>alert`);
  expect(raw).toContain("&lt;script&gt;alert");

  // Each task's own pages, and the settings page with the name in its form.
  const ids = await page
    .locator('a[href^="/tasks/"]')
    .evaluateAll((links) =>
      links.map((link) => link.getAttribute("href")!).filter((href) => /^\/tasks\/[0-9a-f-]{36}$/.test(href)),
    );
  expect(ids.length).toBe(PAYLOADS.length);
  for (const href of [ids[0]!, ids[1]!, `${ids[2]!}/delete`, "/settings", "/tasks?q=%3Cscript%3E&category=%3Cimg"]) {
    await page.goto(href);
    await hydrated(page);
    await expectNothingInjected(page, href);
    const html = await (await page.request.get(href)).text();
    expect(html, href).not.toMatch(/<(img|svg) [^>]*on(error|load)=/);
    expect(html, href).not.toContain(`<script>alert`);
  }
  expect(dialogs).toEqual([]);
});

test("a javascript: redirectTo after sign-in goes nowhere but the app @js-only", async ({ page }) => {
  const { dialogs } = watch(page);
  const user = await signUpWithApi(page.request);
  await page.context().clearCookies();
  await page.goto(`/sign-in?redirectTo=${encodeURIComponent("javascript:alert(document.domain)")}`);
  await hydrated(page);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  expect(dialogs).toEqual([]);
});

test("the app works under its CSP with no violation: sign up, create, toggle, edit, settings, sign out", async ({
  page,
}) => {
  const { dialogs, violations } = watch(page);
  await signUp(page, newTestUser());
  await hydrated(page);

  await page.getByLabel("New task").fill("Under CSP");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByTestId("toast")).toHaveText(/Task created/);

  await page.getByRole("button", { name: "Complete “Under CSP”" }).click();
  await expect(page.getByTestId("toast")).toHaveText(/Task completed/);
  // Settled: the server's answer has replaced the optimistic row before we navigate away.
  await expect(page.getByRole("button", { name: "Reopen “Under CSP”" })).toBeVisible();

  await page.getByRole("link", { name: "Edit “Under CSP”" }).click();
  await page.waitForURL(/\/tasks\/[0-9a-f-]{36}/);
  await hydrated(page);
  await page.getByLabel("Title").fill("Under CSP, edited");
  await page.getByRole("button", { name: /Save/ }).click();
  await page.waitForURL(/\/tasks(\?|$)/);
  await expect(page.getByRole("link", { name: "Edit “Under CSP, edited”" })).toBeVisible();

  await page.goto("/settings");
  await hydrated(page);
  await page.getByLabel("Name").fill("CSP Tester");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByTestId("toast")).toHaveText(/name has been updated/);

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);

  expect(violations).toEqual([]);
  expect(dialogs).toEqual([]);
});
