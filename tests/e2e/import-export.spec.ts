// Settings → Your data in a browser, with JavaScript on and off: the import form uploads a file
// (multipart), refuses a bad one with each row's line, imports a good one; the downloads are
// files; a project's page links to its own export.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/auth";

const SAMPLE = fileURLToPath(new URL("../fixtures/todoist-template.csv", import.meta.url));
const jsEnabled = () => test.info().project.use.javaScriptEnabled !== false;

async function openYourData(page: Page) {
  await page.goto("/settings");
  await page.getByRole("link", { name: "Export and import" }).click();
  await expect(page.getByRole("heading", { name: "Your data", level: 1 })).toBeVisible();
  if (jsEnabled()) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

test("imports Todoist's sample into a new project named after the file, and lists a bad file's rows", async ({
  page,
  user: _user,
}) => {
  await openYourData(page);
  const form = page.getByRole("region", { name: "Import" });

  await form.getByLabel("File", { exact: true }).setInputFiles({
    name: "broken.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\ntask,Morgen,,1,1,,,morgen,de,\ntask,Fine,,9,1,,,,,\n",
    ),
  });
  await form.getByLabel("Into").selectOption({ label: "A new project named after the file" });
  await form.getByRole("button", { name: "Import" }).click();
  const alert = form.getByRole("alert");
  await expect(alert).toContainText("Nothing was imported");
  await expect(alert).toContainText("Line 2: DATE is in “de”: only English dates (DATE_LANG en) can be read");
  await expect(alert).toContainText("Line 3: PRIORITY must be 1, 2, 3 or 4");

  await form.getByLabel("File", { exact: true }).setInputFiles(SAMPLE);
  await form.getByLabel("Into").selectOption({ label: "A new project named after the file" });
  await form.getByRole("button", { name: "Import" }).click();
  const status = form.getByRole("status");
  await expect(status).toContainText("Imported 5 tasks.");
  await expect(status).toContainText("todoist-template (new project): 5 tasks");
  // Its three notes became comments; a RESPONSIBLE who is someone else is said, not refused.
  await expect(status).toContainText("With them: 3 comments, 0 reminders.");
  await expect(status).toContainText(
    "Line 10: RESPONSIBLE “Bob (34567)” is not you: the task is imported without an assignee",
  );

  // Again: the name is taken, so the new project is numbered.
  await form.getByLabel("File", { exact: true }).setInputFiles(SAMPLE);
  await form.getByLabel("Into").selectOption({ label: "A new project named after the file" });
  await form.getByRole("button", { name: "Import" }).click();
  await expect(status).toContainText("todoist-template (2) (new project): 5 tasks");

  await page.goto("/settings/data");
  if (jsEnabled()) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await form.getByLabel("File", { exact: true }).setInputFiles(SAMPLE);
  await form.getByLabel("Into").selectOption({ label: "todoist-template" });
  await form.getByRole("button", { name: "Import" }).click();
  await expect(status).toContainText("Imported 5 tasks.");
  await expect(status).toContainText("todoist-template: 5 tasks");
  await status.getByRole("link", { name: "todoist-template" }).click();
  await expect(page.getByRole("heading", { name: "todoist-template", level: 1 })).toBeVisible();
  await expect(page.getByText("Renew passport").first()).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Projects" }).getByRole("link", { name: /^todoist-template 10 pending/ }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV of “todoist-template”" })).toBeVisible();
});

test("the export downloads a file: everything as JSON", async ({ page, user: _user }) => {
  await openYourData(page);
  const [json] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download JSON" }).click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/^tasklane-\d{4}-\d{2}-\d{2}\.json$/);
  const document = JSON.parse(await readFile(await json.path(), "utf8"));
  expect(document).toMatchObject({ format: "tasklane-export", version: 1 });
  expect(document.projects.map((each: { name: string }) => each.name)).toEqual(["Inbox"]);
});

test("Your data passes axe, with an import's report on it @js-only", async ({ page, user: _user }) => {
  await openYourData(page);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  const form = page.getByRole("region", { name: "Import" });
  await form.getByLabel("File", { exact: true }).setInputFiles(SAMPLE);
  await form.getByLabel("Only check the file, import nothing").check();
  await form.getByRole("button", { name: "Import" }).click();
  await expect(form.getByRole("status")).toContainText(
    "The file is fine: 5 tasks would be imported (nothing was written).",
  );
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
