import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { addComment, comments, hydrated, jsEnabled } from "./support/sharing";
import { createTasks, expect, test } from "./support/tasks-fixtures";

async function openTask(page: Page, title: string) {
  await page.goto("/tasks");
  // Straight to its address: a click in the moment the list hydrates (and saves the browser's
  // time zone, revalidating the list) can be lost.
  await page.goto((await page.getByRole("link", { name: `Edit “${title}”` }).getAttribute("href"))!);
  await expect(page.getByRole("heading", { name: "Comments" })).toBeVisible();
  await hydrated(page);
}

test("comments on the task page: add, edit and delete one's own, author and time shown", async ({ page, user }) => {
  test.slow();
  await createTasks(page.request, [{ title: "Plan the offsite" }]);
  await openTask(page, "Plan the offsite");
  await expect(page.getByText("No comments yet.")).toBeVisible();
  // With JavaScript a comment is posted by a fetcher: the document stays the same one.
  if (jsEnabled()) await page.evaluate(() => Object.assign(window, { samePage: true }));

  await addComment(page, "Book the room\nand the train");
  const first = comments(page).first();
  await expect(first.getByTestId("comment-body")).toHaveText("Book the room\nand the train");
  await expect(first.getByText(user.name, { exact: true })).toBeVisible();
  await expect(first.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);

  // An empty comment is refused next to the field.
  await page.getByRole("textbox", { name: "New comment" }).fill("   ");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByText("A comment needs some text")).toBeVisible();
  await expect(comments(page)).toHaveCount(1);

  await first.locator("summary").click();
  await first.getByRole("textbox", { name: "Comment" }).fill("Book the big room");
  await first.getByRole("button", { name: "Save comment" }).click();
  await expect(comments(page).first().getByTestId("comment-body")).toHaveText("Book the big room");
  await expect(
    comments(page)
      .first()
      .getByText(/edited/),
  ).toBeVisible();

  await comments(page)
    .first()
    .getByRole("button", { name: /Delete/ })
    .click();
  await expect(comments(page)).toHaveCount(0);
  await expect(page.getByText("No comments yet.")).toBeVisible();
  if (jsEnabled()) expect(await page.evaluate(() => (window as { samePage?: boolean }).samePage)).toBe(true);
});

test("the project's activity page, from the project's page: who did what, newest first", async ({ page, user }) => {
  test.slow();
  await createTasks(page.request, [{ title: "Write the agenda" }]);
  await openTask(page, "Write the agenda");
  await addComment(page, "Draft attached");
  await page.goto("/tasks");
  await page
    .getByRole("navigation")
    .getByRole("link", { name: /^Inbox/ })
    .first()
    .click();
  await page.getByRole("link", { name: "Activity of “Inbox”" }).click();
  await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible();
  await expect(page.getByTestId("activity")).toHaveText([
    new RegExp(`${user.name} commented on “Write the agenda”`),
    new RegExp(`${user.name} created “Write the agenda”`),
  ]);
});

// axe runs inside the page, so it needs JavaScript; the markup it checks is the same server HTML.
for (const [width, colorScheme] of [
  [390, "dark"],
  [1280, "light"],
] as const) {
  test(`comments and the activity page pass axe at ${width} px in the ${colorScheme} theme, an error shown @js-only`, async ({
    page,
    user: _,
  }) => {
    test.slow();
    await page.setViewportSize({ width, height: 844 });
    await page.emulateMedia({ colorScheme });
    await createTasks(page.request, [{ title: "Check the budget" }]);
    await openTask(page, "Check the budget");
    await addComment(page, "A comment long enough to wrap on a phone, so that it has to wrap at least once or twice");
    await comments(page).first().locator("summary").click();
    await page.getByRole("textbox", { name: "New comment" }).fill(" ");
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(page.getByRole("textbox", { name: "New comment" })).toHaveAttribute("aria-invalid", "true");
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);

    const task = new URL(page.url()).pathname;
    expect(task).toMatch(/^\/tasks\//);
    await page.goto("/projects");
    await page
      .getByRole("link", { name: /^Inbox/ })
      .first()
      .click();
    await page.getByRole("link", { name: "Activity of “Inbox”" }).click();
    await expect(page.getByTestId("activity").first()).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
  });
}
