import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { newTestUser, signUpWithApi } from "./support/auth";
import { createTasks, expect, test } from "./support/tasks-fixtures";

const jsEnabled = () => test.info().project.use.javaScriptEnabled !== false;

const rows = (page: Page) => page.getByTestId("task-row");
const row = (page: Page, title: string) => rows(page).filter({ has: page.getByText(title, { exact: true }) });
const toast = (page: Page) => page.getByTestId("toast");

/** With JavaScript, waits until the page is interactive (enhanced controls have their handlers). */
async function hydrated(page: Page) {
  if (jsEnabled()) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Delete opens the confirmation page without JavaScript (a link) and confirms in place with it (a button). */
const deleteControl = (page: Page, title: string) =>
  page.getByRole(jsEnabled() ? "button" : "link", { name: `Delete “${title}”`, exact: true });

/** Without JavaScript the filters need their Apply button; with it every choice applies at once. */
async function applyFilters(page: Page) {
  if (!jsEnabled()) await page.getByRole("search").getByRole("button", { name: "Apply" }).click();
}

async function taskIdOf(page: Page, title: string): Promise<string> {
  const href = await page.getByRole("link", { name: `Edit “${title}”` }).getAttribute("href");
  return href!.split("/").pop()!;
}

test("a new user is told what to do, then creates a task with every field", async ({ page, user }) => {
  await page.goto("/tasks");
  await expect(page.getByRole("heading", { name: "No tasks yet" })).toBeVisible();
  await expect(page.getByText(user.name)).toBeVisible();

  await page.getByLabel("New task").fill("File the tax return");
  await page.locator("summary", { hasText: "More options" }).click();
  await page.getByLabel("Description").fill("Forms A and B\nand the receipts");
  await page.getByLabel("Priority").first().selectOption("high");
  await page.getByLabel("Category").first().fill("Home");
  await page.getByLabel("Due date").fill("2020-01-15");
  await page.getByRole("button", { name: "Add task" }).click();

  await expect(toast(page)).toHaveText(/Task created/);
  const created = row(page, "File the tax return");
  await expect(created).toContainText("Forms A and B");
  // The description keeps its line break.
  expect(await created.getByText("Forms A and B").innerText()).toBe("Forms A and B\nand the receipts");
  await expect(created).toContainText("High priority");
  await expect(created).toContainText("Home");
  await expect(created).toContainText("Due Jan 15, 2020");
  await expect(created).toContainText("Overdue");
  await expect(page.getByTestId("task-counts")).toHaveText("1 pending · 0 completed");
});

test("an invalid task is refused with the error next to the field and the values kept", async ({ page, user: _ }) => {
  await page.goto("/tasks");
  // Only spaces: passes the browser's `required`, fails the shared schema (trimmed).
  await page.getByLabel("New task").fill("   ");
  await page.locator("summary", { hasText: "More options" }).click();
  await page.getByLabel("Description").fill("keep this text");
  await page.getByLabel("Due date").fill("2027-03-01");
  await page.getByRole("button", { name: "Add task" }).click();

  await expect(page.getByText("Title is required")).toBeVisible();
  await expect(page.getByLabel("New task")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Description")).toHaveValue("keep this text");
  await expect(page.getByLabel("Due date")).toHaveValue("2027-03-01");
  await expect(rows(page)).toHaveCount(0);
});

test("a task is edited on its own page, every field including completed", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Draft the report", category: "Work" }]);
  await page.goto("/tasks");
  // A new account's first page saves the browser's zone as it hydrates; a click before that can be lost.
  await hydrated(page);
  await page.getByRole("link", { name: "Edit “Draft the report”" }).click();
  await expect(page.getByRole("heading", { name: "Edit task" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Draft the report");
  await expect(page.getByLabel("Category")).toHaveValue("Work");

  await page.getByLabel("Title").fill("Send the report");
  await page.getByLabel("Description").fill("To the board");
  await page.getByLabel("Priority").selectOption("low");
  await page.getByLabel("Category").fill("Office");
  await page.getByLabel("Due date").fill("2031-12-24");
  await page.getByLabel("Completed").check();
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(page).toHaveURL(/\/tasks$/);
  await expect(toast(page)).toHaveText(/Task updated/);
  const edited = row(page, "Send the report");
  await expect(edited).toContainText("Low priority");
  await expect(edited).toContainText("Office");
  await expect(edited).toContainText("Due Dec 24, 2031");
  await expect(edited.getByRole("button", { name: "Reopen “Send the report”" })).toBeVisible();
  await expect(page.getByTestId("task-counts")).toHaveText("0 pending · 1 completed");
});

test.describe("in the user's time zone", () => {
  test.use({ timezoneId: "UTC" });

  test("a task due today says so, and stops saying so once completed", async ({ page, user: _ }) => {
    const today = new Date().toISOString().slice(0, 10);
    await createTasks(page.request, [
      { title: "Pay rent", dueDate: today },
      { title: "Later", dueDate: "2099-01-01" },
    ]);
    await page.goto("/tasks");
    await expect(row(page, "Pay rent")).toContainText("Due today");
    await expect(row(page, "Pay rent")).not.toContainText("Overdue");
    await expect(row(page, "Later")).not.toContainText("Due today");
    await hydrated(page);
    await row(page, "Pay rent").getByRole("button", { name: "Complete “Pay rent”" }).click();
    await expect(toast(page)).toHaveText(/Task completed/);
    await expect(row(page, "Pay rent")).not.toContainText("Due today");
  });
});

test("editing or deleting a task returns to the list view it was opened from", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Future plans" }, { title: "Future chores" }, { title: "Past" }]);
  await page.goto("/tasks");
  await page.goto("/tasks?q=Future");
  await expect(rows(page)).toHaveCount(2);
  // Hydrated first: a click while the scripts arrive was lost once in CI (two cores, busy).
  await hydrated(page);

  await page.getByRole("link", { name: "Edit “Future plans”" }).click();
  await expect(page.getByRole("heading", { name: "Edit task" })).toBeVisible();
  // Cancel goes back to the same view.
  await expect(page.getByRole("link", { name: "Cancel" })).toHaveAttribute("href", "/tasks?q=Future");
  await page.getByLabel("Title").fill("Future plans, revised");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(toast(page)).toHaveText(/Task updated/);
  await expect(page).toHaveURL(/\/tasks\?q=Future$/);
  await expect(rows(page).getByRole("heading")).toHaveText(["Future chores", "Future plans, revised"]);
  if (jsEnabled()) {
    // The edit page's history entry was replaced: Back does not reopen the form.
    await page.goBack();
    await expect(page).toHaveURL(/\/tasks\?q=Future$/);
    await expect(page.getByRole("heading", { name: "Edit task" })).toHaveCount(0);
  }

  await page.getByRole("link", { name: "Edit “Future chores”" }).click();
  // The edit page first: with JavaScript the list's row has a Delete button of the same name,
  // which a click could reach while the navigation is still on its way.
  await expect(page.getByRole("heading", { name: "Edit task" })).toBeVisible();
  await hydrated(page);
  await deleteControl(page, "Future chores").click();
  if (jsEnabled()) {
    await page.getByRole("button", { name: "Confirm delete" }).click();
  } else {
    await expect(page.getByRole("link", { name: "Cancel" })).toHaveAttribute("href", "/tasks?q=Future");
    await page.getByRole("button", { name: "Delete task" }).click();
  }
  await expect(toast(page)).toHaveText(/Task deleted/);
  await expect(page).toHaveURL(/\/tasks\?q=Future$/);
  await expect(rows(page).getByRole("heading")).toHaveText(["Future plans, revised"]);
});

test("a new task the filters hide is announced as hidden, with a way to clear the filters", async ({
  page,
  user: _,
}) => {
  await createTasks(page.request, [{ title: "Existing errand", category: "Errands" }]);
  await page.goto("/tasks?q=errand");
  await expect(rows(page)).toHaveCount(1);
  await page.getByLabel("New task").fill("Book flights");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(toast(page)).toContainText("Task created. The current filters hide it.");
  await expect(page).toHaveURL(/\/tasks\?q=errand$/);
  await expect(rows(page)).toHaveCount(1);

  await toast(page).getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(row(page, "Book flights")).toHaveCount(1);
});

test("toggling completes and reopens a task", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Water the plants", dueDate: "2020-05-01" }]);
  await page.goto("/tasks");
  const task = row(page, "Water the plants");
  await expect(task).toContainText("Overdue");

  await task.getByRole("button", { name: "Complete “Water the plants”" }).click();
  await expect(toast(page)).toHaveText(/Task completed/);
  await expect(task.getByRole("button", { name: "Reopen “Water the plants”" })).toBeVisible();
  // A completed task is not overdue any more.
  await expect(task).not.toContainText("Overdue");
  await expect(page.getByTestId("task-counts")).toHaveText("0 pending · 1 completed");

  await task.getByRole("button", { name: "Reopen “Water the plants”" }).click();
  await expect(toast(page)).toHaveText(/Task reopened/);
  await expect(task.getByRole("button", { name: "Complete “Water the plants”" })).toBeVisible();
  await expect(page.getByTestId("task-counts")).toHaveText("1 pending · 0 completed");
});

test("filters, search and sort narrow and order the list, in a bookmarkable URL", async ({ page, user: _ }) => {
  await createTasks(page.request, [
    { title: "Buy milk", category: "Home", priority: "low", description: "Oat milk" },
    { title: "Call the bank", category: "Money", priority: "high" },
    { title: "Answer email", category: "Work", priority: "medium", description: "About the milk delivery" },
    { title: "Book dentist", category: "Home", priority: "high" },
  ]);
  await page.goto("/tasks");
  await hydrated(page);
  await row(page, "Call the bank")
    .getByRole("button", { name: /Complete/ })
    .click();
  await expect(toast(page)).toHaveText(/Task completed/);
  const filters = page.getByRole("search", { name: "Filter and sort tasks" });
  // Shown without JavaScript, visually hidden with it (nothing waits for it).
  const applyWidth = await filters
    .getByRole("button", { name: "Apply" })
    .evaluate((button) => button.parentElement!.getBoundingClientRect().width);
  if (jsEnabled()) expect(applyWidth).toBeLessThanOrEqual(1);
  else expect(applyWidth).toBeGreaterThan(20);

  // Newest first by default.
  await expect(rows(page).getByRole("heading")).toHaveText([
    "Book dentist",
    "Answer email",
    "Call the bank",
    "Buy milk",
  ]);

  await filters.getByLabel("Status").selectOption("pending");
  await applyFilters(page);
  await expect(page).toHaveURL(/status=pending/);
  await expect(rows(page)).toHaveCount(3);

  await filters.getByLabel("Category").selectOption("Home");
  await applyFilters(page);
  await expect(page).toHaveURL(/category=Home/);
  await expect(rows(page).getByRole("heading")).toHaveText(["Book dentist", "Buy milk"]);

  await filters.getByLabel("Priority").selectOption("high");
  await applyFilters(page);
  await expect(rows(page).getByRole("heading")).toHaveText(["Book dentist"]);

  // A bookmark reproduces the view; search looks in titles and descriptions.
  await page.goto("/tasks?q=MILK");
  await expect(filters.getByLabel("Search")).toHaveValue("MILK");
  await expect(rows(page).getByRole("heading")).toHaveText(["Answer email", "Buy milk"]);

  await filters.getByLabel("Search").fill("zebra");
  await filters.getByLabel("Search").press("Enter");
  await expect(page.getByRole("heading", { name: "No tasks match these filters" })).toBeVisible();
  await page.getByRole("link", { name: "clear filters", exact: true }).click();
  await expect(rows(page)).toHaveCount(4);

  await filters.getByLabel("Sort by").selectOption("title");
  await filters.getByLabel("Order").selectOption("asc");
  await applyFilters(page);
  await expect(page).toHaveURL(/sort=title/);
  await expect(rows(page).getByRole("heading")).toHaveText([
    "Answer email",
    "Book dentist",
    "Buy milk",
    "Call the bank",
  ]);

  await filters.getByLabel("Order").selectOption("desc");
  await applyFilters(page);
  await expect(rows(page).getByRole("heading")).toHaveText([
    "Call the bank",
    "Buy milk",
    "Book dentist",
    "Answer email",
  ]);

  await filters.getByLabel("Sort by").selectOption("priority");
  await filters.getByLabel("Order").selectOption("desc");
  await applyFilters(page);
  await expect(rows(page).getByRole("heading").first()).toHaveText(/Book dentist|Call the bank/);
  await expect(rows(page).getByRole("heading").last()).toHaveText("Buy milk");
});

test("the list pages by 50 and the page links keep the filters", async ({ page, user: _ }) => {
  const bulk = Array.from({ length: 55 }, (_, index) => ({
    title: `Bulk task ${String(index + 1).padStart(2, "0")}`,
    category: "Bulk",
  }));
  await createTasks(page.request, [{ title: "Not in the batch", category: "Other" }, ...bulk]);

  await page.goto("/tasks?category=Bulk&sort=title&order=asc");
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await expect(rows(page).first()).toContainText("Bulk task 01");

  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/category=Bulk/);
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(rows(page).getByRole("heading")).toHaveText([
    "Bulk task 51",
    "Bulk task 52",
    "Bulk task 53",
    "Bulk task 54",
    "Bulk task 55",
  ]);

  await page.getByRole("link", { name: "Previous" }).click();
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByTestId("task-counts")).toHaveText("56 pending · 0 completed");
});

test("deleting asks for confirmation first", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Keep me" }, { title: "Remove me" }]);
  await page.goto("/tasks");
  await hydrated(page);
  await deleteControl(page, "Remove me").click();

  if (jsEnabled()) {
    // In place: the row's button turns into a confirmation; Cancel backs out.
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("button", { name: "Delete “Remove me”" })).toBeFocused();
    await page.getByRole("button", { name: "Delete “Remove me”" }).click();
    await page.getByRole("button", { name: "Confirm delete" }).click();
  } else {
    // No stray "?" from a field-less GET form.
    await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]+\/delete$/);
    await expect(page.getByRole("heading", { name: "Delete this task?" })).toBeVisible();
    await expect(page.getByText("Remove me")).toBeVisible();
    await page.getByRole("button", { name: "Delete task" }).click();
    await expect(page).toHaveURL(/\/tasks$/);
  }

  await expect(toast(page)).toHaveText(/Task deleted/);
  await expect(row(page, "Remove me")).toHaveCount(0);
  await expect(row(page, "Keep me")).toHaveCount(1);
});

test("a task can be deleted from its edit page", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Short-lived" }]);
  await page.goto("/tasks");
  // A new account's first page saves the browser's zone as it hydrates; a click before that can be lost.
  await hydrated(page);
  await page.getByRole("link", { name: "Edit “Short-lived”" }).click();
  await expect(page.getByRole("heading", { name: "Edit task" })).toBeVisible();
  await hydrated(page);
  // Red like every other destructive button: the same colour as the final confirmation.
  const dangerColour = await deleteControl(page, "Short-lived").evaluate(
    (element) => getComputedStyle(element).backgroundColor,
  );
  await deleteControl(page, "Short-lived").click();
  await page.mouse.move(0, 0);
  const confirm = jsEnabled()
    ? page.getByRole("button", { name: "Confirm delete" })
    : page.getByRole("button", { name: "Delete task" });
  await expect(confirm).toHaveCSS("background-color", dangerColour);
  await confirm.click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(toast(page)).toHaveText(/Task deleted/);
  await expect(page.getByRole("heading", { name: "No tasks yet" })).toBeVisible();
});

test("another user sees none of the first user's tasks and gets 404 on them", async ({ page, browser, user: _ }) => {
  await createTasks(page.request, [{ title: "Alice's private plan", category: "Secret" }]);
  await page.goto("/tasks");
  const id = await taskIdOf(page, "Alice's private plan");

  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signUpWithApi(bob.request, newTestUser({ name: "Bob" }));
  await bob.goto("/tasks");
  await expect(bob.getByRole("heading", { name: "No tasks yet" })).toBeVisible();
  await expect(bob.getByText("Alice's private plan")).toHaveCount(0);
  await expect(bob.getByRole("option", { name: "Secret" })).toHaveCount(0);

  // Someone else's task, a missing one and a malformed id look exactly alike.
  const bodies: string[] = [];
  for (const path of [
    `/tasks/${id}`,
    `/tasks/${id}/delete`,
    "/tasks/00000000-0000-4000-8000-000000000000",
    "/tasks/not-a-uuid",
  ]) {
    const response = await bob.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(bob.getByRole("heading", { name: "Task not found" })).toBeVisible();
    bodies.push(await bob.locator("main").innerText());
  }
  expect(new Set(bodies).size).toBe(1);

  // Posting to it changes nothing either.
  const toggle = await bob.request.post("/tasks", {
    form: { intent: "toggle", taskId: id, completed: "true" },
    maxRedirects: 0,
  });
  expect(toggle.status()).toBe(404);
  const remove = await bob.request.post(`/tasks/${id}`, { form: { intent: "delete" }, maxRedirects: 0 });
  expect(remove.status()).toBe(404);
  await bobContext.close();

  await page.reload();
  await expect(row(page, "Alice's private plan").getByRole("button", { name: /^Complete/ })).toBeVisible();
});

test("a missing task and a missing page share one look", async ({ page, user: _ }) => {
  const looks: { title: string | null; action: string | null }[] = [];
  const pages = [
    { path: "/tasks/not-a-uuid", heading: "Task not found", action: "Back to tasks" },
    { path: "/no-such-page", heading: "Page not found", action: "Go home" },
  ];
  for (const { path, heading, action: actionLabel } of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    const title = page.getByRole("heading", { level: 1, name: heading });
    await expect(title).toBeVisible();
    const action = page.getByRole("link", { name: actionLabel });
    looks.push({ title: await title.getAttribute("class"), action: await action.getAttribute("class") });
  }
  expect(looks[0]).toEqual(looks[1]);
});

test("every filter shows its whole value at 1280 px", async ({ page, user: _ }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/tasks?sort=title&order=desc&status=completed");
  const filters = page.getByRole("search", { name: "Filter and sort tasks" });
  for (const label of ["Status", "Priority", "Category", "Sort by", "Order"]) {
    const select = filters.getByLabel(label);
    await expect(select).toBeVisible();
    // The chosen option's text plus the select's padding and arrow fit in its box.
    const fits = await select.evaluate((element: HTMLSelectElement) => {
      const style = getComputedStyle(element);
      const probe = document.createElement("span");
      probe.style.font = style.font;
      probe.style.position = "absolute";
      probe.textContent = element.selectedOptions[0]!.textContent;
      document.body.append(probe);
      const needed = probe.getBoundingClientRect().width + parseFloat(style.paddingLeft) + 24;
      probe.remove();
      return needed <= element.getBoundingClientRect().width;
    });
    expect(fits, label).toBe(true);
  }
});

test("on a phone the filters fold away and the first task shows without scrolling", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "First thing", category: "Home" }]);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/tasks");
  const filters = page.getByRole("search", { name: "Filter and sort tasks" });
  await expect(filters.getByLabel("Status")).toBeHidden();
  await expect(row(page, "First thing")).toBeInViewport({ ratio: 1 });

  await filters.getByText("Filter and sort").click();
  await filters.getByLabel("Category").selectOption("Home");
  await applyFilters(page);
  await expect(page).toHaveURL(/category=Home/);
  // A filter in use keeps the disclosure open, and says so.
  await expect(filters.getByLabel("Category")).toBeVisible();
  await page.reload();
  await expect(filters.getByText("Filter and sort (1 in use)")).toBeVisible();
  await expect(filters.getByLabel("Category")).toHaveValue("Home");
});

test("the list fits a 360 px wide screen", async ({ page, user: _ }) => {
  await createTasks(page.request, [
    {
      title: "A rather long task title that needs to wrap on a small phone screen",
      category: "Errands",
      dueDate: "2020-02-02",
      priority: "high",
    },
  ]);
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/tasks"]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  // The header keeps brand, navigation and Sign out on one line.
  const header = page.getByRole("banner");
  const brand = (await header.getByRole("link", { name: "Tasklane" }).boundingBox())!;
  const signOut = (await header.getByRole("button", { name: "Sign out" }).boundingBox())!;
  expect(Math.abs(signOut.y + signOut.height / 2 - (brand.y + brand.height / 2))).toBeLessThan(4);
  expect(signOut.height).toBeLessThan(40);
  await page.getByRole("link", { name: /^Edit/ }).click();
  await expect(page.getByRole("heading", { name: "Edit task" })).toBeVisible();
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
});

// --- With JavaScript -------------------------------------------------------------------

/** Marks the window: if it is still there later, the page was never reloaded. */
async function markWindow(page: Page) {
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = "still here"));
}
const markerSurvived = (page: Page) =>
  page.evaluate(() => (window as unknown as { __marker?: string }).__marker === "still here");

test("create resets the form and returns focus to the title, without a reload @js-only", async ({ page, user: _ }) => {
  await page.goto("/tasks");
  await markWindow(page);
  await page.getByLabel("New task").fill("First");
  await page.getByLabel("New task").press("Enter");
  await expect(row(page, "First")).toHaveCount(1);
  await expect(page.getByLabel("New task")).toHaveValue("");
  await expect(page.getByLabel("New task")).toBeFocused();
  await page.getByLabel("New task").fill("Second");
  await page.getByLabel("New task").press("Enter");
  await expect(rows(page).getByRole("heading")).toHaveText(["Second", "First"]);
  expect(await markerSurvived(page)).toBe(true);
});

test("toggle and delete show their result at once, without a reload @js-only", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Quick one" }, { title: "Doomed" }]);
  await page.goto("/tasks");
  await markWindow(page);

  // Hold the server's answers back: what shows meanwhile is the optimistic state.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/tasks.data**", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });

  await page.getByRole("button", { name: "Complete “Quick one”" }).click();
  await expect(page.getByRole("button", { name: "Reopen “Quick one”" })).toBeVisible();
  await page.getByRole("button", { name: "Delete “Doomed”" }).click();
  await page.getByRole("button", { name: "Confirm delete" }).click();
  await expect(row(page, "Doomed")).toHaveCount(0);
  // Focus does not fall back to the top of the page with the removed row.
  await expect(page.getByRole("button", { name: "Reopen “Quick one”" })).toBeFocused();

  release();
  await expect(page.getByTestId("task-counts")).toHaveText("0 pending · 1 completed");
  await expect(page.getByRole("button", { name: "Reopen “Quick one”" })).toBeVisible();
  await expect(row(page, "Doomed")).toHaveCount(0);
  expect(await markerSurvived(page)).toBe(true);
});

test("a refused toggle or delete rolls back and says why @js-only", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Deleted elsewhere" }, { title: "Also deleted elsewhere" }]);
  // A page that has not heard of the deletes (its live updates cut, as on a dropped network):
  // with them, the rows would go before the clicks (tests/e2e/live-updates.spec.ts).
  await page.route("**/events*", (route) => route.abort());
  await page.goto("/tasks");
  await markWindow(page);
  // Another tab deletes both tasks behind this page's back.
  for (const title of ["Deleted elsewhere", "Also deleted elsewhere"]) {
    const id = await taskIdOf(page, title);
    const response = await page.request.post(`/tasks/${id}`, { form: { intent: "delete" }, maxRedirects: 0 });
    expect(response.status()).toBe(302);
  }

  await page.getByRole("button", { name: "Complete “Deleted elsewhere”" }).click();
  await expect(toast(page)).toHaveText(/That task no longer exists/);
  await expect(toast(page)).toHaveAttribute("data-kind", "error");
  await expect(page.getByRole("button", { name: "Complete “Deleted elsewhere”" })).toBeVisible();

  await page.getByRole("button", { name: "Delete “Also deleted elsewhere”" }).click();
  await page.getByRole("button", { name: "Confirm delete" }).click();
  await expect(toast(page)).toHaveText(/That task no longer exists/);
  await expect(row(page, "Also deleted elsewhere")).toHaveCount(1);
  expect(await markerSurvived(page)).toBe(true);
});

test("the search applies as you type @js-only", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Paint the fence" }, { title: "Fix the bike" }]);
  await page.goto("/tasks");
  await markWindow(page);
  await page.getByLabel("Search").pressSequentially("fence", { delay: 30 });
  await expect(page).toHaveURL(/\/tasks\?q=fence$/);
  await expect(rows(page).getByRole("heading")).toHaveText(["Paint the fence"]);
  await expect(page.getByLabel("Search")).toBeFocused();
  expect(await markerSurvived(page)).toBe(true);
});

test("a search adds one history entry, so Back returns to the list as it was @js-only", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Paint the fence" }, { title: "Fix the bike" }]);
  await page.goto("/tasks");
  await markWindow(page);
  await page.getByLabel("Search").pressSequentially("fe", { delay: 30 });
  await expect(page).toHaveURL(/\/tasks\?q=fe$/);
  await page.getByLabel("Search").pressSequentially("nce", { delay: 30 });
  await expect(page).toHaveURL(/\/tasks\?q=fence$/);
  await expect(rows(page)).toHaveCount(1);

  await page.goBack();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByLabel("Search")).toHaveValue("");
  expect(await markerSurvived(page)).toBe(true);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the task pages pass axe in the ${colorScheme} theme @js-only`, async ({ page, user: _ }) => {
    // Seven full axe runs.
    test.slow();
    await page.emulateMedia({ colorScheme });
    await page.goto("/tasks");
    const empty = await new AxeBuilder({ page }).analyze();
    expect(empty.violations, "empty list").toEqual([]);

    await createTasks(page.request, [
      { title: "Overdue bill", priority: "high", category: "Money", dueDate: "2020-01-01", description: "Electricity" },
      { title: "Someday", priority: "low" },
      { title: "This week", priority: "medium", category: "Work", dueDate: "2099-01-01" },
    ]);
    await page.goto("/tasks");
    await hydrated(page);
    await row(page, "Someday")
      .getByRole("button", { name: /^Complete/ })
      .click();
    await expect(toast(page)).toBeVisible();
    await page.locator("summary", { hasText: "More options" }).click();
    await page.getByRole("button", { name: "Delete “This week”" }).click();
    const list = await new AxeBuilder({ page }).analyze();
    expect(list.violations, "list").toEqual([]);

    await page.getByRole("button", { name: "Add task" }).click();
    await expect(page.getByText("Title is required")).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations, "list with errors").toEqual([]);

    await page.goto("/tasks?q=nothing-matches");
    expect((await new AxeBuilder({ page }).analyze()).violations, "no matches").toEqual([]);

    await page.goto("/tasks");
    await page.getByRole("link", { name: "Edit “Overdue bill”" }).click();
    await expect(page.getByRole("heading", { name: "Edit task" })).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations, "edit page").toEqual([]);

    await page.goto(`${page.url()}/delete`);
    expect((await new AxeBuilder({ page }).analyze()).violations, "delete confirmation").toEqual([]);

    await page.goto("/tasks/not-a-task");
    expect((await new AxeBuilder({ page }).analyze()).violations, "not found").toEqual([]);
  });
}
