import type { Page } from "@playwright/test";
import { createTasks, expect, test } from "./support/tasks-fixtures";

/** With JavaScript, a click before hydration can be lost: wait for it. */
async function hydrated(page: Page) {
  if (test.info().project.use.javaScriptEnabled !== false)
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

test("reminders in the edit form (with and without JavaScript) show on the task page; Settings explains an unconfirmed address", async ({
  page,
  user: _,
}) => {
  await createTasks(page.request, [{ title: "Renew the passport", dueDate: "2099-03-01", dueTime: "10:00" }]);
  await page.goto("/tasks");
  await hydrated(page);
  await page.getByRole("link", { name: "Edit “Renew the passport”" }).click();
  await expect(page.getByTestId("reminder-fields")).toBeVisible();
  await hydrated(page);

  await page.getByLabel("Reminder 1", { exact: true }).selectOption("PT1H");
  await page.getByLabel("Reminder 2", { exact: true }).selectOption("custom");
  await page.getByLabel("Reminder 2: minutes before").fill("45");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/tasks(\?|$)/);
  await hydrated(page);
  await page.getByRole("link", { name: "Edit “Renew the passport”" }).click();
  const history = page.getByTestId("reminder-history");
  await expect(history).toContainText("1 hour before: will remind at");
  await expect(history).toContainText("45 minutes before: will remind at");
  await expect(page.getByLabel("Reminder 1", { exact: true })).toHaveValue("PT1H");
  await expect(page.getByLabel("Reminder 2", { exact: true })).toHaveValue("custom");
  await expect(page.getByLabel("Reminder 2: minutes before")).toHaveValue("45");

  await page.goto("/settings#reminders");
  await hydrated(page);
  const section = page.getByRole("region", { name: "Reminders" });
  await expect(section).toContainText("only sent to a confirmed address");
  await section.getByLabel("Daily digest: overdue and due today").check();
  await section.getByLabel("Digest at").selectOption("6");
  await section.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Reminder settings saved.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Reminders" }).getByLabel("Digest at")).toHaveValue("6");
});
