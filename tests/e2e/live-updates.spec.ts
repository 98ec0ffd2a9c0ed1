// Live updates (issue 32, decision 108): two members of a shared project, each in a browser of
// their own, see each other's changes without reloading; what one is typing stays, and a small
// "Updated" cue says the page changed. Without JavaScript nothing follows (no stream is opened).
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, newTestUser, signUpWithApi, test } from "./support/auth";
import { createProject, hydrated, joinProject } from "./support/sharing";

const row = (page: Page, title: string) => page.getByTestId("task-row").filter({ hasText: title });

/** A task added through the project page's form post, as its form sends it. */
async function addTask(request: APIRequestContext, projectPath: string, title: string) {
  const response = await request.post(projectPath, { form: { intent: "create", title }, maxRedirects: 0 });
  expect(response.status(), `adding ${title}`).toBe(302);
}

test("two members see each other's changes live, keeping what they type @js-only", async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  await signUpWithApi(page.request, newTestUser({ name: "Olivia Owner" }));
  const projectPath = await createProject(page.request, `Live ${test.info().project.name}`);
  await addTask(page.request, projectPath, "Water the plants");
  const bea = await joinProject(page, browser, baseURL, projectPath);

  // Each account's zone, set now: a new account's first page would save the browser's as it hydrates.
  for (const { request } of [page, bea.page]) {
    const zone = await request.post("/settings/time-zone", { form: { timeZone: "UTC" }, maxRedirects: 0 });
    expect(zone.status()).toBeLessThan(400);
  }
  await page.goto(projectPath);
  await bea.page.goto(projectPath);
  await hydrated(page);
  await hydrated(bea.page);
  await expect(row(bea.page, "Water the plants")).toBeVisible();

  // Bea is in the middle of typing a task when Olivia adds one: it appears in Bea's list, with
  // the cue, and Bea's half-typed text is still there, still focused.
  const field = bea.page.getByRole("form", { name: "Add a task" }).getByLabel("New task");
  await field.fill("Buy comp");
  await addTask(page.request, projectPath, "Mow the lawn");
  await expect(row(bea.page, "Mow the lawn")).toBeVisible();
  await expect(bea.page.getByTestId("live-update-cue")).toContainText("Updated");
  await expect(field).toHaveValue("Buy comp");
  await expect(field).toBeFocused();

  // And the other way: Bea finishes her task, and Olivia's page shows it.
  await field.fill("Buy compost");
  await bea.page.getByRole("form", { name: "Add a task" }).getByRole("button", { name: "Add task" }).click();
  await expect(row(bea.page, "Buy compost")).toBeVisible();
  await expect(row(page, "Buy compost")).toBeVisible();
  await expect(page.getByTestId("live-update-cue")).toContainText("Updated");
  await bea.context.close();
});
