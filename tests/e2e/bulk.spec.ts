// Many tasks at once: the bulk form by checkboxes (JavaScript on and off), the selection bar,
// the delete confirmation (page or dialog), keyboard shortcuts and their dialog, the setting.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createTasks, expect, test } from "./support/tasks-fixtures";

const jsEnabled = () => test.info().project.use.javaScriptEnabled !== false;
const rows = (page: Page) => page.getByTestId("task-row");
const row = (page: Page, title: string) => rows(page).filter({ has: page.getByText(title, { exact: true }) });

async function hydrated(page: Page) {
  if (jsEnabled()) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** The bulk controls: a bar once a task is ticked with JavaScript, a panel below the list without. */
const controls = (page: Page) => page.getByRole("region", { name: "Selected tasks" });

async function select(page: Page, titles: string[]) {
  for (const title of titles)
    await row(page, title)
      .getByRole("checkbox", { name: `Select “${title}”` })
      .check();
}

test("completes, reprioritises, labels and deletes the ticked tasks", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Alpha" }, { title: "Bravo" }, { title: "Charlie" }]);
  await page.request.post("/labels", { form: { name: "Errand", color: "green" }, maxRedirects: 0 });
  await page.goto("/tasks");
  await hydrated(page);

  await select(page, ["Alpha", "Bravo"]);
  if (jsEnabled()) await expect(page.getByTestId("bulk-count")).toHaveText("2 tasks selected");
  await controls(page).getByRole("button", { name: "Complete", exact: true }).click();
  await expect(page.getByText("2 tasks completed")).toBeVisible();
  await expect(row(page, "Alpha").getByRole("button", { name: "Reopen “Alpha”" })).toBeVisible();
  await expect(row(page, "Bravo").getByRole("button", { name: "Reopen “Bravo”" })).toBeVisible();
  await expect(row(page, "Charlie").getByRole("button", { name: "Complete “Charlie”" })).toBeVisible();
  await expect(page.getByTestId("task-counts")).toHaveText("1 pending · 2 completed");
  // The selection was used: nothing is ticked any more.
  await expect(page.getByRole("checkbox", { checked: true })).toHaveCount(0);

  await select(page, ["Bravo", "Charlie"]);
  await controls(page).getByLabel("Priority for the selected tasks").selectOption("low");
  await controls(page).getByRole("button", { name: "Set priority" }).click();
  await expect(page.getByText("Priority set to low on 2 tasks")).toBeVisible();
  await expect(row(page, "Charlie").getByText("Low priority", { exact: true })).toBeVisible();

  await page.getByRole("checkbox", { name: /on this page/ }).check();
  await controls(page).getByLabel("Label for the selected tasks").selectOption("Errand");
  await controls(page).getByRole("button", { name: "Add label" }).click();
  await expect(page.getByText("Label “Errand” added to 3 tasks")).toBeVisible();
  for (const title of ["Alpha", "Bravo", "Charlie"])
    await expect(row(page, title).getByText("Errand", { exact: true })).toBeVisible();

  await select(page, ["Alpha", "Charlie"]);
  await controls(page).getByRole("button", { name: "Delete…" }).click();
  if (jsEnabled()) {
    const dialog = page.getByRole("dialog", { name: "Delete 2 tasks?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(rows(page)).toHaveCount(3);
    await controls(page).getByRole("button", { name: "Delete…" }).click();
    await dialog.getByRole("button", { name: "Delete 2 tasks" }).click();
  } else {
    await expect(page.getByRole("heading", { name: "Delete 2 tasks?" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("listitem")).toHaveText(["Charlie", "Alpha"]);
    await page.getByRole("button", { name: "Delete 2 tasks" }).click();
  }
  await expect(page.getByText("2 tasks deleted")).toBeVisible();
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, "Bravo")).toBeVisible();
});

test("without a ticked task the form says so, and a task deleted meanwhile fails the whole batch", async ({
  page,
  user: _,
}) => {
  await createTasks(page.request, [{ title: "Keep me" }, { title: "Gone soon" }]);
  // A page that has not heard of the delete (its live updates cut, as on a dropped network):
  // with them, the row would go before the click (tests/e2e/live-updates.spec.ts).
  await page.route("**/events*", (route) => route.abort());
  await page.goto("/tasks");
  await hydrated(page);
  if (!jsEnabled()) {
    await controls(page).getByRole("button", { name: "Complete", exact: true }).click();
    await expect(page.getByText("Select at least one task first.")).toBeVisible();
  }
  await select(page, ["Keep me", "Gone soon"]);
  // Another tab deletes one of them.
  const other = await page.context().newPage();
  await other.goto("/tasks");
  await other
    .getByRole("link", { name: "Delete “Gone soon”" })
    .or(other.getByRole("button", { name: "Delete “Gone soon”" }))
    .first()
    .click();
  if (await other.getByRole("button", { name: "Confirm delete" }).isVisible())
    await other.getByRole("button", { name: "Confirm delete" }).click();
  else await other.getByRole("button", { name: "Delete task" }).click();
  await expect(other.getByText("Task deleted")).toBeVisible();
  await other.close();

  await controls(page).getByRole("button", { name: "Complete", exact: true }).click();
  await expect(page.getByText(/Some of those tasks no longer exist/).first()).toBeVisible();
  // The row shown completed while the request was in flight is back as it is stored.
  await expect(row(page, "Keep me").getByRole("button", { name: "Complete “Keep me”" })).toBeVisible();
  if (jsEnabled()) await expect(row(page, "Keep me").getByRole("checkbox")).toBeChecked();
  // Nothing changed.
  await page.goto("/tasks");
  await expect(row(page, "Keep me").getByRole("button", { name: "Complete “Keep me”" })).toBeVisible();
});

test("keyboard: n, /, j, k, x, c, e and ? work on the list, not while typing @js-only", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Third" }, { title: "Second" }, { title: "First" }]);
  await page.goto("/tasks");
  await hydrated(page);

  await page.keyboard.press("n");
  await expect(page.getByLabel("New task")).toBeFocused();
  // Typing in a field is typing: no shortcut fires.
  await page.keyboard.type("j/x?");
  await expect(page.getByLabel("New task")).toHaveValue("j/x?");
  await page.getByLabel("New task").fill("");
  await page.getByLabel("New task").blur();

  await page.keyboard.press("/");
  await expect(page.getByLabel("Search")).toBeFocused();
  await page.getByLabel("Search").blur();

  await page.keyboard.press("j");
  await expect(page.getByRole("checkbox", { name: "Select “First”" })).toBeFocused();
  await page.keyboard.press("x");
  await page.keyboard.press("j");
  await expect(page.getByRole("checkbox", { name: "Select “Second”" })).toBeFocused();
  await page.keyboard.press("x");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(page.getByRole("checkbox", { name: "Select “Second”" })).toBeFocused();
  // With a modifier held, nothing happens.
  await page.keyboard.press("Control+j");
  await expect(page.getByRole("checkbox", { name: "Select “Second”" })).toBeFocused();
  await expect(page.getByTestId("bulk-count")).toHaveText("2 tasks selected");
  const bar = page.getByTestId("selection-bar");
  await expect(bar).toBeVisible();
  await bar.getByRole("button", { name: "Complete", exact: true }).click();
  await expect(page.getByText("2 tasks completed")).toBeVisible();
  await expect(bar).toBeHidden();

  await page.getByRole("checkbox", { name: "Select “Third”" }).focus();
  await page.keyboard.press("c");
  await expect(row(page, "Third").getByRole("button", { name: "Reopen “Third”" })).toBeVisible();
  await expect(page.getByText("Task completed")).toBeVisible();

  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("term")).toHaveText(["n", "/", "j", "k", "x", "c", "e", "?"]);
  // While the dialog is open, keys are the dialog's.
  await page.keyboard.press("j");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.getByRole("checkbox", { name: "Select “Second”" }).focus();
  await page.keyboard.press("e");
  await expect(page.getByRole("heading", { name: "Edit task" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Second");
});

test("shortcuts can be turned off in Settings @js-only", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Only" }]);
  await page.goto("/settings");
  await hydrated(page);
  const setting = page.getByLabel("Use single-key shortcuts on the task list");
  await expect(setting).toBeChecked();
  await setting.uncheck();
  await page.getByRole("region", { name: "Keyboard shortcuts" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Keyboard shortcuts are off.")).toBeVisible();
  await expect(setting).not.toBeChecked();

  await page.goto("/tasks");
  await hydrated(page);
  await page.keyboard.press("n");
  await page.keyboard.press("?");
  await expect(page.getByLabel("New task")).not.toBeFocused();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Shortcuts/ })).toHaveCount(0);
});

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [360, 1280]) {
    test(`the selection bar and the shortcuts dialog pass axe at ${width} px in the ${colorScheme} theme @js-only`, async ({
      page,
      user: _,
    }) => {
      // Three full axe runs.
      test.slow();
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      await createTasks(page.request, [
        { title: "One", category: "Home" },
        { title: "Two", priority: "high" },
      ]);
      await page.request.post("/labels", { form: { name: "Work", color: "blue" }, maxRedirects: 0 });
      await page.goto("/tasks");
      await hydrated(page);
      await select(page, ["One", "Two"]);
      await expect(page.getByTestId("selection-bar")).toBeVisible();
      expect((await new AxeBuilder({ page }).analyze()).violations, "selection bar").toEqual([]);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).toBeLessThanOrEqual(0);

      await page.getByTestId("selection-bar").getByRole("button", { name: "Delete…" }).click();
      await expect(page.getByRole("dialog", { name: "Delete 2 tasks?" })).toBeVisible();
      expect((await new AxeBuilder({ page }).analyze()).violations, "delete dialog").toEqual([]);
      await page.keyboard.press("Escape");

      await page.getByRole("button", { name: /Shortcuts/ }).click();
      await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
      expect((await new AxeBuilder({ page }).analyze()).violations, "shortcuts dialog").toEqual([]);
    });
  }
}

test("the delete confirmation page (the no-JavaScript path) passes axe, and Cancel goes back to the view @js-only", async ({
  page,
  user: _,
}) => {
  // axe runs in the page: this opens the page the no-JavaScript Delete button leads to.
  await createTasks(page.request, [{ title: "Draft", category: "Work" }, { title: "Other" }]);
  await page.goto("/tasks?category=Work");
  const id = await row(page, "Draft").getByRole("checkbox").getAttribute("value");
  await page.goto(
    `/tasks/delete-selected?ids=${id}&bulkAction=delete&back=${encodeURIComponent("/tasks?category=Work")}`,
  );
  await expect(page.getByRole("heading", { name: "Delete 1 task?" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/tasks\?category=Work$/);
  await expect(rows(page)).toHaveCount(1);
});
