// The server-rendered page and the hydrated page must occupy the same boxes: a control that
// moves when the scripts arrive takes the tap meant for it somewhere else (issue 37, item 1).
// The page's scripts are held until the test releases them, so the server HTML is on screen
// first, as on a slow phone, and hydration happens at a moment the test chooses.
import type { Page } from "@playwright/test";
import { createTasks, expect, test } from "./support/tasks-fixtures";

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

/** Core Web Vitals call a cumulative layout shift below 0.1 good. */
const GOOD_CLS = 0.1;

/**
 * Holds every script of the app (Vite's `/assets/*.js`) until `release()`; `arrived()`
 * resolves once each script asked for so far has been handed to the page. Documents and CSS pass.
 */
async function holdScripts(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const pending: Promise<void>[] = [];
  await page.route("**/assets/*.js", (route) => {
    pending.push(released.then(async () => route.fulfill({ response: await route.fetch() })));
  });
  return {
    release,
    arrived: () => Promise.all(pending),
  };
}

/** Sums every layout shift not caused by input, from the page's first paint on (buffered). */
async function recordLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    const record = { score: 0, sources: [] as string[] };
    (window as unknown as { __layoutShifts: typeof record }).__layoutShifts = record;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
      })[]) {
        if (entry.hadRecentInput) continue;
        record.score += entry.value;
        for (const source of entry.sources ?? []) {
          const node = source.node instanceof Element ? source.node : source.node?.parentElement;
          const name = node
            ? `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ""}.${[...node.classList].slice(0, 3).join(".")}`
            : "?";
          record.sources.push(
            `${name} ${Math.round(source.previousRect.y)}/${Math.round(source.previousRect.height)} -> ${Math.round(source.currentRect.y)}/${Math.round(source.currentRect.height)}`,
          );
        }
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** Two frames: whatever the last change was has been laid out and painted. */
const nextPaint = (page: Page) =>
  page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );

/** The whole server HTML is parsed and on screen, and no script of the app has run. */
async function serverPagePainted(page: Page) {
  // "interactive" comes at the end of parsing, before module scripts run.
  await page.waitForFunction(() => document.readyState !== "loading");
  await expect(page.locator("html[data-hydrated]")).toHaveCount(0);
  await nextPaint(page);
}

/** Loads `path` with the scripts held, paints the server HTML, hydrates, and returns the shift score. */
async function layoutShiftAcrossHydration(page: Page, path: string) {
  await recordLayoutShifts(page);
  const scripts = await holdScripts(page);
  await page.goto(path, { waitUntil: "commit" });
  await serverPagePainted(page);
  scripts.release();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await nextPaint(page);
  const shifts = await page.evaluate(
    () => (window as unknown as { __layoutShifts: { score: number; sources: string[] } }).__layoutShifts,
  );
  // The measurement, in the report even when it passes.
  test.info().annotations.push({
    type: "layout shift",
    description: `${path} at ${page.viewportSize()?.width} px: ${shifts.score.toFixed(4)}`,
  });
  return shifts;
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}x${viewport.height} (${viewport.name})`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    for (const path of ["/", "/sign-in", "/sign-up", "/forgot-password"]) {
      test(`${path} does not move while it hydrates @js-only`, async ({ page }) => {
        const shifts = await layoutShiftAcrossHydration(page, path);
        expect(shifts.score, shifts.sources.join("\n")).toBeLessThan(GOOD_CLS);
      });
    }

    test(`the signed-in pages do not move while they hydrate @js-only`, async ({ page, user }) => {
      // Several pages, each loaded cold in a page of its own.
      test.slow();
      const expectNoShift = async (path: string) => {
        const fresh = await page.context().newPage();
        const shifts = await layoutShiftAcrossHydration(fresh, path);
        expect.soft(shifts.score, `${path}\n${shifts.sources.join("\n")}`).toBeLessThan(GOOD_CLS);
        await fresh.close();
      };
      await createTasks(page.request, [
        { title: "Water the plants", category: "Home", priority: "high", dueDate: "2030-01-15" },
        { title: "Call the bank", description: "About the card" },
        { title: "Book the dentist", category: "Health" },
      ]);
      await page.request.post("/labels", { form: { name: "Errand", color: "blue" }, maxRedirects: 0 });
      const project = await page.request.post("/projects", {
        form: { name: "Garden", color: "green" },
        maxRedirects: 0,
      });
      const projectPath = new URL(project.headers().location!, "http://x").pathname;
      await page.goto("/tasks");
      const taskHref = await page.getByRole("link", { name: "Edit “Call the bank”" }).getAttribute("href");

      const paths = [
        "/tasks",
        "/tasks?status=pending&sort=title",
        taskHref!,
        projectPath,
        "/projects",
        "/labels",
        "/settings",
        "/settings/api-keys",
        "/settings/passkeys",
        "/settings/two-factor",
      ];
      for (const path of paths) await expectNoShift(path);
      // The QR code and first code, once the setup has started.
      const started = await page.request.post("/settings/two-factor", {
        form: { intent: "enable", password: user.password },
        maxRedirects: 0,
      });
      expect(started.headers().location).toBe("/settings/two-factor/setup");
      await expectNoShift("/settings/two-factor/setup");
    });
  });
}

for (const viewport of VIEWPORTS) {
  test.describe(`at 4x CPU slowdown, ${viewport.width}x${viewport.height} (${viewport.name})`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height }, hasTouch: true });

    test("a tap on Complete as the scripts arrive completes the task @js-only", async ({ page, user: _ }) => {
      await createTasks(page.request, [{ title: "Older task" }, { title: "Tap me" }]);
      // A mid-range phone: the issue's lost taps were measured at this slowdown.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

      const scripts = await holdScripts(page);
      await page.goto("/tasks", { waitUntil: "commit" });
      await serverPagePainted(page);
      const complete = page.getByRole("button", { name: "Complete “Tap me”", exact: true });
      // Where the person sees the button, and aims, before the scripts run.
      const seen = (await complete.boundingBox())!;

      scripts.release();
      await scripts.arrived();
      await page.touchscreen.tap(seen.x + seen.width / 2, seen.y + seen.height / 2);

      const done = page.getByRole("button", { name: "Reopen “Tap me”", exact: true });
      await expect(done).toBeVisible();
      await expect(page.getByTestId("task-counts")).toHaveText("1 pending · 1 completed");
      // The button did not move under the finger: it is where it was seen.
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      const hydratedBox = (await done.boundingBox())!;
      expect(Math.abs(hydratedBox.y - seen.y)).toBeLessThan(1);

      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
      await page.reload();
      await expect(page.getByRole("button", { name: "Reopen “Tap me”", exact: true })).toBeVisible();
      await expect(page.getByTestId("task-counts")).toHaveText("1 pending · 1 completed");
    });
  });
}
