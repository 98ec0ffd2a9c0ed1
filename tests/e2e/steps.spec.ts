import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createTasks, expect, test } from "./support/tasks-fixtures";

const jsEnabled = () => test.info().project.use.javaScriptEnabled !== false;
const steps = (page: Page) => page.getByTestId("step");
/** The steps' texts as their fields hold them, in order. */
const expectSteps = (page: Page, texts: string[]) =>
  expect
    .poll(() =>
      steps(page)
        .locator('input[type="text"]')
        .evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value)),
    )
    .toEqual(texts);

async function hydrated(page: Page) {
  if (jsEnabled()) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

async function addStep(page: Page, text: string) {
  const count = await steps(page).count();
  const field = page.getByRole("textbox", { name: "New step" });
  await field.fill(text);
  await page.getByRole("button", { name: "Add step" }).click();
  await expect(steps(page)).toHaveCount(count + 1);
  // With JavaScript the field empties itself for the next step; without, the page is new.
  await expect(field).toHaveValue("");
}

test("a checklist on the task page: add, tick, rename, reorder and delete steps; the list shows 1/2", async ({
  page,
  user: _,
}) => {
  test.slow();
  await createTasks(page.request, [{ title: "Pack for the trip" }]);
  await page.goto("/tasks");
  await expect(page.getByTestId("step-progress")).toHaveCount(0);
  // A new account's first page saves the browser's zone as it hydrates; a click before that can be lost.
  await hydrated(page);
  await page.getByRole("link", { name: "Edit “Pack for the trip”" }).click();
  await expect(page.getByRole("heading", { name: "Steps" })).toBeVisible();
  await hydrated(page);

  for (const text of ["Passport", "Tickets", "Charger"]) await addStep(page, text);
  await expectSteps(page, ["Passport", "Tickets", "Charger"]);

  await page.getByRole("button", { name: "Mark “Tickets” done" }).click();
  await expect(page.getByRole("button", { name: "Mark “Tickets” not done" })).toBeVisible();
  await expect(page.getByText("1 of 3 done")).toBeVisible();

  await page.getByRole("button", { name: "Move “Passport” down" }).click();
  await expectSteps(page, ["Tickets", "Passport", "Charger"]);
  await expect(page.getByRole("button", { name: "Move “Tickets” up" })).toBeDisabled();

  // Rename: Enter in the step's field saves it.
  const third = page.getByRole("textbox", { name: "Step 3" });
  await third.fill("Phone charger");
  await third.press("Enter");
  await expect(page.getByRole("button", { name: "Delete “Phone charger”" })).toBeVisible();

  // An empty name is refused next to the step, and the step keeps its name.
  await page.getByRole("textbox", { name: "Step 2" }).fill("   ");
  await page.getByRole("button", { name: "Save step 2" }).click();
  await expect(page.getByText("A step needs some text")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Step 2" })).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("button", { name: "Delete “Passport”" }).click();
  await expectSteps(page, ["Tickets", "Phone charger"]);
  await expect(page.getByText("1 of 2 done")).toBeVisible();

  await page.getByRole("link", { name: "← Back to tasks" }).click();
  const progress = page.getByTestId("task-row").getByTestId("step-progress");
  await expect(progress).toHaveText("1/21 of 2 steps done");
  await expect(progress.getByText("1 of 2 steps done")).toHaveClass(/sr-only/);
});

// axe runs inside the page, so it needs JavaScript; the markup it checks is the same server HTML.
for (const [width, colorScheme] of [
  [390, "dark"],
  [1280, "light"],
] as const) {
  test(`the task page's checklist passes axe at ${width} px in the ${colorScheme} theme, an error shown @js-only`, async ({
    page,
    user: _,
  }) => {
    await page.setViewportSize({ width, height: 844 });
    await page.emulateMedia({ colorScheme });
    await createTasks(page.request, [{ title: "Pack for the trip" }]);
    await page.goto("/tasks");
    // A new account's first page saves the browser's zone as it hydrates; a click before that can be lost.
    await hydrated(page);
    await page.getByRole("link", { name: "Edit “Pack for the trip”" }).click();
    await hydrated(page);
    for (const text of ["Passport", "A step long enough to wrap on a phone, if it has to wrap at all"])
      await addStep(page, text);
    await page.getByRole("button", { name: "Mark “Passport” done" }).click();
    await page.getByRole("textbox", { name: "New step" }).fill(" ");
    await page.getByRole("button", { name: "Add step" }).click();
    await expect(page.getByRole("textbox", { name: "New step" })).toHaveAttribute("aria-invalid", "true");
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
  });
}
