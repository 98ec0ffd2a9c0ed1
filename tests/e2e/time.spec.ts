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

/** A date `days` after `date` (YYYY-MM-DD), and its Upcoming heading ("Monday 7 December"). */
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const heading = (date: string) =>
  new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );

test("Upcoming shows a heading per day, then Later; bulk complete rolls a repeating task forward", async ({
  page,
  user: _,
}) => {
  test.slow();
  await setZone(page);
  const today = todayIn(ZONE);
  const tasks: Record<string, string>[] = [
    { title: "Weekly review", dueDate: plusDays(today, 1), repeatFrequency: "WEEKLY", repeatInterval: "1" },
    { title: "Buy bread", dueDate: today },
    { title: "Book flights", dueDate: plusDays(today, 3) },
    { title: "Renew lease", dueDate: plusDays(today, 20) },
  ];
  for (const task of tasks) {
    const response = await page.request.post("/tasks", { form: { intent: "create", ...task }, maxRedirects: 0 });
    expect(response.status(), task.title).toBe(302);
  }
  await page.goto("/upcoming");
  if (test.info().project.use.javaScriptEnabled !== false)
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const headings = page.getByTestId("day-heading");
  await expect(headings).toHaveText(["Today", "Tomorrow", heading(plusDays(today, 3)), "Later"]);
  const group = (name: string) => page.getByRole("list", { name });
  await expect(group("Today").getByTestId("task-row")).toHaveText([/Buy bread/]);
  await expect(group("Tomorrow").getByTestId("task-row")).toHaveText([/Weekly review/]);
  await expect(group(heading(plusDays(today, 3))).getByTestId("task-row")).toHaveText([/Book flights/]);
  await expect(group("Later").getByTestId("task-row")).toHaveText([/Renew lease/]);
  // The navigation counts what the page lists.
  await expect(page.getByRole("link", { name: "Upcoming 4 pending" }).first()).toBeAttached();

  // The list's bulk actions across days: the weekly task done makes next week's.
  for (const title of ["Buy bread", "Weekly review"])
    await row(page, title)
      .getByRole("checkbox", { name: `Select “${title}”` })
      .check();
  await page
    .getByRole("region", { name: "Selected tasks" })
    .getByRole("button", { name: "Complete", exact: true })
    .click();
  await expect(page.getByText("2 tasks completed")).toBeVisible();
  await expect(row(page, "Buy bread")).toHaveCount(0);
  await expect(group(heading(plusDays(today, 8))).getByTestId("task-row")).toHaveText([/Weekly review/]);
});

test("keyboard shortcuts walk the rows across Upcoming's days @js-only", async ({ page, user: _ }) => {
  await setZone(page);
  const today = todayIn(ZONE);
  for (const [title, dueDate] of [
    ["First", today],
    ["Second", plusDays(today, 2)],
  ] as const) {
    const response = await page.request.post("/tasks", {
      form: { intent: "create", title, dueDate },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
  }
  await page.goto("/upcoming");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.keyboard.press("j");
  await expect(row(page, "First").getByRole("checkbox")).toBeFocused();
  await page.keyboard.press("j");
  await expect(row(page, "Second").getByRole("checkbox")).toBeFocused();
  await page.keyboard.press("x");
  await expect(row(page, "Second").getByRole("checkbox")).toBeChecked();
  await page.keyboard.press("k");
  await expect(row(page, "First").getByRole("checkbox")).toBeFocused();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test("quick add previews what it read as one types, before anything is created @js-only", async ({ page, user: _ }) => {
  await setZone(page);
  await page.goto("/tasks");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const preview = page.locator("#quick-add-preview");
  await expect(preview).toHaveAttribute("aria-live", "polite");
  const field = page.getByRole("textbox", { name: "New task" });
  await field.fill("Call mom tomorrow 5pm every! 2 weeks #inbox @nolabel p1");
  await expect(preview.getByTestId("quick-add-part")).toHaveText([
    "Due Tomorrow at 17:00",
    "Every! 2 weeks, from Tomorrow at 17:00",
    "In Inbox",
    "No label named “nolabel”",
    "High priority",
  ]);
  await expect(preview).toContainText("Adds “Call mom”");
  // Nothing was created while typing.
  await expect(page.getByTestId("task-row")).toHaveCount(0);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  // Don't parse: no preview.
  await page.locator("summary", { hasText: "More options" }).click();
  await page.getByRole("checkbox", { name: /Don't read dates and tags/ }).check();
  await expect(preview.getByTestId("quick-add-part")).toHaveCount(0);
  await page.getByRole("checkbox", { name: /Don't read dates and tags/ }).uncheck();
  await field.fill("Call mom tomorrow 5pm #inbox p1");
  await expect(preview.getByTestId("quick-add-part")).toHaveCount(3);
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(row(page, "Call mom")).toContainText("High priority");
  // The field is empty again, and so is its preview.
  await expect(field).toHaveValue("");
  await expect(preview.getByTestId("quick-add-part")).toHaveCount(0);
});

test.describe("the browser's zone", () => {
  test.use({ timezoneId: "Australia/Sydney" });

  test("is saved on the first page into an account that never had one @js-only", async ({ page, user: _ }) => {
    await page.goto("/tasks");
    await page.goto("/settings");
    await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue("Australia/Sydney");
    await expect(page.getByText("Today, overdue tasks and due times follow this zone on every device.")).toBeVisible();
  });

  test("never replaces a zone the person picks in Settings while it is detected @js-only", async ({
    page,
    user: _,
  }) => {
    // The first page's detection is held until the person has picked a zone.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let detecting!: () => void;
    const detected = new Promise<void>((resolve) => (detecting = resolve));
    await page.route("**/settings/time-zone*", async (route) => {
      if (route.request().postData()?.includes("detected")) {
        detecting();
        await held;
      }
      await route.continue();
    });
    await page.goto("/settings");
    await detected;
    const zone = page.getByRole("combobox", { name: "Time zone" });
    await zone.selectOption(ZONE);
    release();
    // The detection lands (the account had no zone: Sydney is saved) and the page reloads its data.
    await expect(page.getByText("Today, overdue tasks and due times follow this zone on every device.")).toBeVisible();
    await expect(zone).toHaveValue(ZONE);
    await page.locator("form", { has: zone }).getByRole("button", { name: "Save" }).click();
    await expect(page.getByText(`Time zone set to ${ZONE}.`)).toBeVisible();
    await page.reload();
    await expect(zone).toHaveValue(ZONE);
  });
});
