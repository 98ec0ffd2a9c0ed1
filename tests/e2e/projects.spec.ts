// Projects in the browser, with JavaScript on and off: the navigation and its counts, a
// project's list, the task form's picker, managing projects, and axe at phone and desktop
// widths in both themes. The loaders' and actions' rules are in tests/integration/projects-pages.test.ts.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./support/tasks-fixtures";

const jsEnabled = () => test.info().project.use.javaScriptEnabled !== false;
const toast = (page: Page) => page.getByTestId("toast");
const nav = (page: Page) => page.getByRole("navigation", { name: "Projects" });
const rows = (page: Page) => page.getByTestId("task-row");
const row = (page: Page, title: string) => rows(page).filter({ has: page.getByText(title, { exact: true }) });

async function hydrated(page: Page) {
  if (jsEnabled()) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Creates a project through the /projects action (as its form posts) and answers its page's path. */
async function createProject(request: APIRequestContext, name: string, color = "blue") {
  const response = await request.post("/projects", { form: { name, color }, maxRedirects: 0 });
  expect(response.status(), `creating project ${name}`).toBe(302);
  return new URL(response.headers()["location"]!, "http://x").pathname;
}

async function addTask(page: Page, title: string) {
  await hydrated(page);
  const form = page.getByRole("form", { name: "Add a task" });
  await form.getByLabel("New task").fill(title);
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(row(page, title)).toBeVisible();
}

test("a project is made, filled, shown in the navigation with its count, and tasks move between projects", async ({
  page,
  user: _,
}) => {
  await page.goto("/projects");
  await hydrated(page);
  await page.getByRole("textbox", { name: "New project" }).fill("Garden");
  await page.getByRole("button", { name: "Add project" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Garden" })).toBeVisible();
  await expect(toast(page)).toHaveText(/Project “Garden” created/);

  // A task made on the project's page goes to the project.
  await addTask(page, "Plant roses");
  await expect(nav(page).getByRole("link", { name: /Garden 1 pending/ })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: /Inbox 0 pending/ })).toBeVisible();

  // All tasks: each row names its project; a task made here goes to the Inbox.
  await nav(page).getByRole("link", { name: /Inbox/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await nav(page).getByRole("link", { name: "All tasks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();
  await addTask(page, "Buy milk");
  await expect(row(page, "Plant roses").getByText("Garden")).toBeVisible();
  await expect(row(page, "Buy milk").getByText("Inbox")).toBeVisible();

  // The edit form's picker moves it.
  await row(page, "Buy milk").getByRole("link", { name: "Edit “Buy milk”" }).click();
  await hydrated(page);
  await page.getByRole("combobox", { name: "Project", exact: true }).selectOption({ label: "Garden" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(toast(page)).toHaveText(/Task updated/);
  await expect(row(page, "Buy milk").getByText("Garden")).toBeVisible();
  await expect(nav(page).getByRole("link", { name: /Garden 2 pending/ })).toBeVisible();

  // The project's page lists only its tasks.
  await nav(page)
    .getByRole("link", { name: /Garden/ })
    .click();
  await expect(rows(page)).toHaveCount(2);
});

test("projects are reordered, favourited, archived and unarchived, and deleted after a confirmation", async ({
  page,
  user: _,
}) => {
  await createProject(page.request, "Alpha");
  const beta = await createProject(page.request, "Beta");
  await page.goto(beta);
  await addTask(page, "Beta's task");

  await page.goto("/projects");
  await hydrated(page);
  const names = nav(page).getByRole("list", { name: "Projects" }).getByRole("link");
  await expect(names).toHaveText([/Alpha/, /Beta/]);
  await page.getByRole("button", { name: "Move “Beta” up" }).click();
  await expect(toast(page)).toHaveText(/“Beta” moved up/);
  await expect(names).toHaveText([/Beta/, /Alpha/]);

  await page.getByRole("button", { name: "Favourite “Alpha”" }).click();
  await expect(nav(page).getByRole("list", { name: "Favourites" }).getByRole("link")).toHaveText([/Alpha/]);

  // Archived: out of the navigation and of /tasks; back whole when unarchived.
  await page.goto(`${beta}/edit`);
  await hydrated(page);
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(toast(page)).toHaveText(/“Beta” archived/);
  await expect(nav(page).getByRole("link", { name: /Beta/ })).toHaveCount(0);
  await page.goto("/tasks");
  await expect(row(page, "Beta's task")).toHaveCount(0);
  await page.goto("/projects/archived");
  await hydrated(page);
  await page.getByRole("button", { name: "Unarchive “Beta”" }).click();
  await expect(toast(page)).toHaveText(/“Beta” unarchived/);
  await page.goto("/tasks");
  await expect(row(page, "Beta's task")).toBeVisible();

  // Deleting says how many tasks go with it.
  await page.goto(`${beta}/edit`);
  await page.getByRole("link", { name: "Delete project…" }).click();
  await expect(page.getByText("Its 1 task goes with it.")).toBeVisible();
  await page.getByRole("button", { name: "Delete project" }).click();
  await expect(toast(page)).toHaveText(/Project “Beta” deleted, with 1 task/);
  await expect(row(page, "Beta's task")).toHaveCount(0);
  await expect(nav(page).getByRole("link", { name: /Beta/ })).toHaveCount(0);

  // The Inbox can be renamed, not archived or deleted.
  await nav(page).getByRole("link", { name: /Inbox/ }).click();
  await page.getByRole("link", { name: /Edit project/ }).click();
  await expect(page.getByText("it cannot be archived or deleted")).toBeVisible();
  await expect(page.getByRole("button", { name: "Archive" })).toHaveCount(0);
});

test("with JavaScript a project is dragged to another place @js-only", async ({ page, user: _ }) => {
  await createProject(page.request, "Alpha");
  await createProject(page.request, "Beta");
  await page.goto("/projects");
  await hydrated(page);
  const projectRows = page.getByTestId("project-row");
  await projectRows.filter({ hasText: "Beta" }).dragTo(projectRows.filter({ hasText: "Alpha" }));
  await expect(toast(page)).toHaveText(/“Beta” moved/);
  await expect(nav(page).getByRole("list", { name: "Projects" }).getByRole("link")).toHaveText([/Beta/, /Alpha/]);
});

// One test per theme and width (axe costs ~2 s of CPU a page): the project's list with the
// phone menu open, the projects page, a project's settings and its delete confirmation.
for (const colorScheme of ["light", "dark"] as const) {
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    test(`the project pages pass axe at ${width} px in the ${colorScheme} theme @js-only`, async ({
      page,
      user: _,
    }) => {
      test.slow();
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme });
      await createProject(page.request, "Favourite one", "yellow");
      const project = await createProject(page.request, "Errands", "teal");
      await page.request.post(`${project}/edit`, { form: { intent: "favorite", favorite: "true" }, maxRedirects: 0 });
      await page.goto(project);
      await addTask(page, "Post a parcel");
      if (width < 1024) await nav(page).locator("summary").click();
      await expect(nav(page).getByRole("link", { name: /Errands/ })).toBeVisible();
      const pages: [string, string][] = [
        [project, "project's list"],
        ["/tasks", "all tasks"],
        ["/projects", "projects page"],
        [`${project}/edit`, "settings"],
        [`${project}/delete`, "delete confirmation"],
      ];
      for (const [path, name] of pages) {
        if (page.url() !== new URL(path, page.url()).href) await page.goto(path);
        await hydrated(page);
        expect((await new AxeBuilder({ page }).analyze()).violations, name).toEqual([]);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
          name,
        ).toBeLessThanOrEqual(0);
      }
    });
  }
}
