// Clicks made while a page is not yet hydrated, or while it hydrates, are not lost. A new
// account's first page saves the browser's time zone as it hydrates (a fetcher action, then
// the page's loaders again); a link followed in that moment must still arrive (decision 099).
// Before hydration links and forms are plain HTML and work as such.
import type { Page, Route } from "@playwright/test";
import { createTasks, expect, test } from "./support/tasks-fixtures";

/** Holds the page's scripts back (the server HTML shows, nothing hydrates) until the answer is called. */
async function holdScripts(page: Page) {
  const held: Route[] = [];
  let holding = true;
  await page.route(/\/assets\/.*\.js$/, async (route) => {
    if (holding) held.push(route);
    else await route.continue();
  });
  return async () => {
    holding = false;
    for (const route of held.splice(0)) await route.continue();
  };
}

test("a link followed while the first page saves the zone arrives at its page @js-only", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Water the plants" }]);
  // The zone's save waits until the link has been followed ...
  let releaseZone!: () => void;
  const zoneGate = new Promise<void>((resolve) => (releaseZone = resolve));
  await page.route("**/settings/time-zone.data", async (route) => {
    await zoneGate;
    await route.continue();
  });
  const zoneSent = page.waitForRequest("**/settings/time-zone.data");
  await page.goto("/tasks");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await zoneSent;
  const link = page.getByRole("link", { name: "Edit “Water the plants”" });
  const taskPath = (await link.getAttribute("href"))!;
  // ... and the navigation's first request (its data, or a route look-up) waits until the
  // save and the loaders it starts are done: the save finishes in the middle of the navigation.
  let releaseNavigation!: () => void;
  const navigationGate = new Promise<void>((resolve) => (releaseNavigation = resolve));
  let heldOne = false;
  await page.route(
    (url) => url.href.includes(taskPath.split("/").at(-1)!) && /\.data$|__manifest/.test(url.pathname),
    async (route) => {
      if (!heldOne) {
        heldOne = true;
        await navigationGate;
      }
      await route.continue();
    },
  );
  await link.click();
  await expect.poll(() => heldOne).toBe(true);
  const revalidated = page.waitForResponse(
    (response) => response.request().method() === "GET" && new URL(response.url()).pathname.endsWith(".data"),
  );
  releaseZone();
  await revalidated;
  releaseNavigation();
  await expect(page).toHaveURL(taskPath);
  await expect(page.getByRole("heading", { name: "Edit task" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue("Water the plants");
});

test("before the scripts run, a link and a form work as plain HTML @js-only", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Sweep the yard" }]);
  const releaseScripts = await holdScripts(page);
  await page.goto("/tasks", { waitUntil: "domcontentloaded" });
  await expect(page.locator("html[data-hydrated]")).toHaveCount(0);
  await page.getByLabel("New task").fill("Made before hydration");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByRole("link", { name: "Edit “Made before hydration”" })).toBeVisible();
  await page.getByRole("link", { name: "Edit “Sweep the yard”" }).click();
  await expect(page.getByRole("heading", { name: "Edit task" })).toBeVisible();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(0);
  await releaseScripts();
});

test("a link clicked before hydration still arrives when the scripts then load @js-only", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Fix the gate" }]);
  const releaseScripts = await holdScripts(page);
  await page.goto("/tasks", { waitUntil: "domcontentloaded" });
  await page.getByRole("link", { name: "Edit “Fix the gate”" }).click({ noWaitAfter: true });
  await releaseScripts();
  await expect(page.getByRole("heading", { name: "Edit task" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue("Fix the gate");
});
