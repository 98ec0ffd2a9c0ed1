// Calendar feeds and webhooks in the browser (issue 34, decisions 119 and 120), with and without
// JavaScript: Settings turns a feed on, shows its address and webcal:// link, makes a new one
// (the old a 404) and turns it off; a project's menu leads to its own feed; Settings → Webhooks
// adds an endpoint (a real receiver started here), shows its secret once, sends a test event the
// receiver verifies with the Standard Webhooks reference verifier, lists the delivery and sends
// it again.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { createTasks, expect, test } from "./support/tasks-fixtures";

const withJavaScript = () => test.info().project.use.javaScriptEnabled !== false;

/** axe runs inside the page, so only with JavaScript (the markup is the same server HTML). */
async function noAxeViolations(page: Page) {
  if (withJavaScript()) expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
}

/** With JavaScript, a click before hydration can be lost: wait for it. */
async function hydrated(page: Page) {
  if (test.info().project.use.javaScriptEnabled !== false)
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

test("a calendar feed from Settings and from a project's menu: on, a new address, off", async ({ page, user: _ }) => {
  await createTasks(page.request, [{ title: "Dentist", dueDate: "2099-03-01", dueTime: "10:00" }]);
  await page.goto("/settings#calendar-feed");
  await hydrated(page);
  const section = page.getByRole("region", { name: "Calendar feed" });
  await section.getByRole("button", { name: "Turn on the calendar feed" }).click();
  const address = section.getByTestId("calendar-feed-url");
  await expect(address).toHaveValue(/\/calendar\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{43}\.ics$/);
  const first = await address.inputValue();
  await expect(section.getByTestId("calendar-feed-webcal")).toHaveAttribute("href", first.replace(/^http:/, "webcal:"));
  const feed = await page.request.get(first);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await feed.text()).toContain("SUMMARY:Dentist");

  await hydrated(page);
  await section.getByRole("button", { name: "Make a new address" }).click();
  await expect(address).not.toHaveValue(first);
  expect((await page.request.get(first)).status()).toBe(404);
  const second = await address.inputValue();
  await hydrated(page);
  await section.getByRole("button", { name: "Turn off" }).click();
  await expect(section.getByRole("button", { name: "Turn on the calendar feed" })).toBeVisible();
  expect((await page.request.get(second)).status()).toBe(404);

  // A project's own feed, from its menu.
  await page.goto("/tasks");
  await hydrated(page);
  await page
    .getByRole("link", { name: /^Inbox/ })
    .first()
    .click();
  await hydrated(page);
  await page.getByRole("link", { name: /Calendar feed of/ }).click();
  await expect(page.getByRole("heading", { name: "Calendar feed" })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Turn on the calendar feed" }).click();
  const projectFeed = await page.getByTestId("calendar-feed-url").inputValue();
  await noAxeViolations(page);
  expect(await (await page.request.get(projectFeed)).text()).toContain("SUMMARY:Dentist");
});

test("a webhook from Settings: the secret once, a test event the receiver verifies, send again", async ({
  page,
  user: _,
}) => {
  const received: { id: string; verified: boolean; type: string }[] = [];
  let secret = "";
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let verified: boolean;
      try {
        new Webhook(secret).verify(body, request.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({
        id: String(request.headers["webhook-id"]),
        verified,
        type: (JSON.parse(body) as { type: string }).type,
      });
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  try {
    await page.goto("/settings#webhooks");
    await hydrated(page);
    await page.getByRole("link", { name: "Manage webhooks" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await hydrated(page);
    await page.getByLabel("Endpoint URL").fill(url);
    await page.getByLabel("Comment added").check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    const shown = page.getByLabel("Signing secret");
    await expect(shown).toHaveValue(/^whsec_[A-Za-z0-9+/]+=*$/);
    secret = await shown.inputValue();
    const hook = page.getByTestId("webhook");
    await expect(hook).toContainText(url);
    await expect(hook).toContainText("Comment added");

    await hydrated(page);
    await hook.getByRole("button", { name: "Send a test event" }).click();
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toMatchObject({ type: "webhook.test", verified: true });
    // The secret is not shown again.
    await page.goto("/settings/webhooks");
    await expect(page.getByLabel("Signing secret")).toHaveCount(0);
    await expect(page.getByTestId("delivery")).toContainText("webhook.test · delivered (200)");
    await noAxeViolations(page);

    await hydrated(page);
    await page.getByTestId("delivery").getByRole("button", { name: "Send again" }).click();
    await expect.poll(() => received.length).toBe(2);
    expect(received[1]).toMatchObject({ id: received[0]!.id, verified: true });
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
