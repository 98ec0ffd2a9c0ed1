// Due times in the account's zone (decision 090), Today and Upcoming (decision 091) and quick
// add's repeats (decisions 093, 094), in a real browser with JavaScript on and off.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/tasks-fixtures";

const ZONE = "Asia/Tokyo"; // UTC+9 all year: the instant below needs no daylight-saving rule

/** Today's date in the zone, as the server reads it (the same real clock). */
const todayIn = (zone: string) => new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date());

const row = (page: Page, title: string) => page.getByTestId("task-row").filter({ hasText: title });

async function setZone(page: Page) {
  await page.goto("/settings");
  const zone = page.getByRole("combobox", { name: "Time zone" });
  const saved = page.getByText("Today, overdue tasks and due times follow this zone on every device.");
  // With JavaScript the page saves the browser's zone into an empty setting, and the select
  // shows it once that lands: choose after, or the choice is reset under the cursor.
  if (test.info().project.use.javaScriptEnabled !== false) await expect(saved).toBeVisible();
  await zone.selectOption(ZONE);
  await page.locator("form", { has: zone }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`Time zone set to ${ZONE}.`)).toBeVisible();
  await expect(saved).toBeVisible();
  await expect(zone).toHaveValue(ZONE);
}

test("a due time in the account's zone, on Today and Upcoming; quick add makes a repeating high-priority task", async ({
  page,
  user: _,
}) => {
  test.slow();
  await setZone(page);

  // The form's due time is written in the account's zone: 23:30 in Tokyo is 14:30 UTC.
  const today = todayIn(ZONE);
  const response = await page.request.post("/tasks", {
    form: { intent: "create", title: "Call the dentist", dueDate: today, dueTime: "23:30" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);

  for (const path of ["/tasks", "/today", "/upcoming"]) {
    await page.goto(path);
    const due = row(page, "Call the dentist").locator("time");
    await expect(due, path).toContainText("23:30");
    await expect(due, path).toHaveAttribute("datetime", `${today}T14:30:00.000Z`);
  }
  await expect(page.getByRole("heading", { level: 1, name: "Upcoming" })).toBeVisible();

  await page.goto("/tasks");
  await page.getByRole("textbox", { name: "New task" }).fill("Water plants every monday #Inbox p1");
  await page.getByRole("button", { name: "Add task" }).click();
  const plants = row(page, "Water plants");
  await expect(plants).toContainText("High priority");
  await expect(plants).toContainText("Every week on Mon");
  // The words read out of the title are gone from it.
  await expect(plants).not.toContainText("#Inbox");
  await expect(plants).not.toContainText("every monday");
});

test("Settings' time zone and Today with a timed task pass axe @js-only", async ({ page, user: _ }) => {
  await setZone(page);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  const response = await page.request.post("/tasks", {
    form: { intent: "create", title: "Call the dentist", dueDate: todayIn(ZONE), dueTime: "09:00" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  await page.goto("/today");
  await expect(row(page, "Call the dentist")).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
