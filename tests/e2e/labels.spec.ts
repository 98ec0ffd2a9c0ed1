import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createTasks, expect, test } from "./support/tasks-fixtures";

const jsEnabled = () => test.info().project.use.javaScriptEnabled !== false;
const rows = (page: Page) => page.getByTestId("task-row");
const row = (page: Page, title: string) => rows(page).filter({ has: page.getByText(title, { exact: true }) });

async function hydrated(page: Page) {
  if (jsEnabled()) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Adds a task through the page's form: ticks `labels` and types `newLabel` into the picker. */
async function addTask(page: Page, title: string, { labels = [], newLabel }: { labels?: string[]; newLabel?: string }) {
  await hydrated(page);
  const form = page.getByRole("form", { name: "Add a task" });
  await form.getByLabel("New task").fill(title);
  const more = form.locator("details");
  if ((await more.getAttribute("open")) === null) await form.getByText("More options").click();
  const picker = form.getByRole("group", { name: "Labels", exact: true });
  for (const name of labels) await picker.getByLabel(name, { exact: true }).check();
  if (newLabel) await picker.getByLabel("New label").fill(newLabel);
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(row(page, title)).toBeVisible();
}

/** Labels through the labels page's own form. */
async function createLabels(page: Page, names: string[]) {
  for (const name of names) {
    const response = await page.request.post("/labels", { form: { name, color: "blue" }, maxRedirects: 0 });
    expect(response.status(), `creating label ${name}`).toBe(302);
  }
}

async function filterByLabels(page: Page, names: string[]) {
  const filters = page.getByRole("search", { name: "Filter and sort tasks" });
  const group = filters.getByRole("group", { name: "Labels (tasks with all of them)" });
  for (const name of names) {
    await group.getByLabel(name, { exact: true }).check();
    if (jsEnabled()) await expect(page).toHaveURL(new RegExp(`label=${encodeURIComponent(name)}`));
  }
  if (!jsEnabled()) await filters.getByRole("button", { name: "Apply" }).click();
}

test("labels are chosen or created in the task form, shown in the list, and filter it (all must match)", async ({
  page,
  user: _,
}) => {
  await page.goto("/tasks");
  await addTask(page, "Buy paint", { newLabel: "DIY" });
  await expect(row(page, "Buy paint").getByText("DIY", { exact: true })).toBeVisible();
  await addTask(page, "Paint the shed", { labels: ["DIY"], newLabel: "Weekend" });
  await addTask(page, "Read a book", {});
  await expect(row(page, "Paint the shed").getByText("Weekend", { exact: true })).toBeVisible();

  await page.goto("/tasks");
  await hydrated(page);
  await filterByLabels(page, ["DIY"]);
  await expect(rows(page)).toHaveCount(2);
  await filterByLabels(page, ["Weekend"]);
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, "Paint the shed")).toBeVisible();
  await expect(page).toHaveURL(/label=DIY&label=Weekend/);

  // The edit page shows the labels ticked, and takes one off.
  await page.getByRole("link", { name: "Edit “Paint the shed”" }).click();
  const picker = page.getByRole("group", { name: "Labels", exact: true });
  await expect(picker.getByLabel("DIY", { exact: true })).toBeChecked();
  await picker.getByLabel("Weekend", { exact: true }).uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/label=DIY&label=Weekend/);
  await expect(page.getByText("No tasks match these filters")).toBeVisible();
});

test("the labels page renames, recolours and deletes a label, and the tasks follow", async ({ page, user: _ }) => {
  await createLabels(page, ["Errands"]);
  await page.goto("/tasks");
  await addTask(page, "Post a parcel", { labels: ["Errands"] });

  await page.goto("/labels");
  await hydrated(page);
  const labelRow = page.getByTestId("label-row");
  await labelRow.getByLabel("Name").fill("Outside");
  await labelRow.getByLabel("Colour").selectOption("green");
  await labelRow.getByRole("button", { name: "Save “Errands”" }).click();
  await expect(page.getByText("Label saved").first()).toBeVisible();
  await expect(labelRow.getByLabel("Name")).toHaveValue("Outside");
  await expect(labelRow.getByLabel("Colour")).toHaveValue("green");

  await page.goto("/tasks");
  await expect(row(page, "Post a parcel").getByText("Outside", { exact: true })).toBeVisible();

  await page.goto("/labels");
  await hydrated(page);
  await page.getByRole("button", { name: "Delete “Outside”" }).click();
  await expect(page.getByText("Label “Outside” deleted").first()).toBeVisible();
  await expect(page.getByTestId("label-row")).toHaveCount(0);
  await page.goto("/tasks");
  await expect(row(page, "Post a parcel").getByText("Outside", { exact: true })).toHaveCount(0);
});

test("a label name that already exists (ignoring case) is refused next to the field", async ({ page, user: _ }) => {
  await createLabels(page, ["Home"]);
  await page.goto("/labels");
  await hydrated(page);
  await page.getByRole("textbox", { name: "New label" }).fill("HOME");
  await page.getByRole("button", { name: "Add label" }).click();
  await expect(page.getByText("You already have a label named “HOME”")).toBeVisible();
  await expect(page.getByTestId("label-row")).toHaveCount(1);
});

test("hostile label names are shown as text", async ({ page, user: _ }) => {
  // Each within the 32-character limit.
  const hostile = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "{{7*7}} ${7*7} &amp;"];
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await createLabels(page, hostile);
  await createTasks(page.request, [{ title: "Tagged" }]);
  await page.goto("/tasks");
  await addTask(page, "Hostile", { labels: hostile });
  for (const name of hostile) await expect(row(page, "Hostile").getByText(name, { exact: true })).toBeVisible();
  await page.goto("/labels");
  for (const name of hostile) await expect(page.getByRole("button", { name: `Delete “${name}”` })).toBeVisible();
  expect(await page.locator("main img").count()).toBe(0);
  expect(dialogs).toEqual([]);
});

// Two tests per theme and width rather than one, each marked slow: an axe run takes ~2 s of CPU
// on these pages, and four in one test ran past the 30 s timeout with two workers on two cores.
const PALETTE_LABELS = ["red", "orange", "yellow", "green", "teal", "violet", "pink", "gray"].map((color, index) => ({
  name: `Colour ${index}`,
  color,
}));

async function createPaletteLabels(page: Page) {
  await createLabels(page, ["Gray one", "Work", "Long label name of thirty-two ch"]);
  for (const { name, color } of PALETTE_LABELS)
    await page.request.post("/labels", { form: { name, color }, maxRedirects: 0 });
}

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [360, 1280]) {
    test(`the labels page passes axe at ${width} px in the ${colorScheme} theme @js-only`, async ({
      page,
      user: _,
    }) => {
      test.slow();
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      await page.goto("/labels");
      expect((await new AxeBuilder({ page }).analyze()).violations, "no labels").toEqual([]);
      await createPaletteLabels(page);
      await page.goto("/labels");
      await hydrated(page);
      expect((await new AxeBuilder({ page }).analyze()).violations, "labels page").toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });

    test(`the label picker and the edit page pass axe at ${width} px in the ${colorScheme} theme @js-only`, async ({
      page,
      user: _,
    }) => {
      test.slow();
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      await createPaletteLabels(page);
      await page.goto("/tasks");
      await addTask(page, "Labelled", { labels: ["Work", "Colour 0", "Colour 4"] });
      await page.getByRole("form", { name: "Add a task" }).getByLabel("New task").fill("");
      await page.getByRole("form", { name: "Add a task" }).getByLabel("New label").fill("x".repeat(33));
      expect((await new AxeBuilder({ page }).analyze()).violations, "picker and list").toEqual([]);
      await page.getByRole("link", { name: "Edit “Labelled”" }).click();
      await expect(page.getByRole("group", { name: "Labels", exact: true })).toBeVisible();
      expect((await new AxeBuilder({ page }).analyze()).violations, "edit page").toEqual([]);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).toBeLessThanOrEqual(0);
    });
  }
}
