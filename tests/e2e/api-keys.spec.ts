import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/auth";
import { waitForMail } from "./support/mail";

const toast = (page: Page) => page.getByTestId("toast");

async function createKey(page: Page, name: string, access: "Read" | "Read and write") {
  await page.goto("/settings");
  await page.getByRole("link", { name: "Manage API keys" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  // With JavaScript, type only once React has hydrated the form (it would start it over).
  if (test.info().project.name === "js-on") await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Access").selectOption({ label: access });
  await page.getByLabel("Expires after").selectOption({ label: "30 days" });
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText(`Your new key “${name}”`)).toBeVisible();
  return page.getByRole("textbox", { name: "API key" }).inputValue();
}

test.describe("API keys in Settings", () => {
  test("a user creates a key, sees it once, a program uses it, and the user revokes it", async ({ page, user }) => {
    const key = await createKey(page, "Backup script", "Read");
    expect(key).toMatch(/^tl_[A-Za-z0-9_-]{43}$/);
    const row = page.getByTestId("api-key").filter({ hasText: "Backup script" });
    await expect(row).toContainText("Read");
    await expect(row).toContainText(`${key.slice(0, 9)}…`);
    await expect(row).toContainText("Never used");

    const mail = await waitForMail(user.email, /API key was created/);
    expect(mail.text).toContain("Backup script");

    // A program with the key reads, and may not write (a read key).
    const headers = { authorization: `Bearer ${key}` };
    expect((await page.request.get("/api/tasks", { headers })).status()).toBe(200);
    expect((await page.request.post("/api/tasks", { headers, data: { title: "No" } })).status()).toBe(403);

    // Shown once: the page, loaded again, has no trace of the secret; the list shows it was used.
    await page.goto("/settings/api-keys");
    await expect(page.getByRole("textbox", { name: "API key" })).toHaveCount(0);
    expect(await page.content()).not.toContain(key);
    await expect(row).not.toContainText("Never used");

    await row.getByRole("button", { name: "Revoke API key Backup script" }).click();
    await expect(toast(page)).toContainText("The key has been revoked");
    await expect(page.getByText("You have no API keys.")).toBeVisible();
    expect((await page.request.get("/api/tasks", { headers })).status()).toBe(401);
  });

  test("the form explains a missing name", async ({ page, user: _user }) => {
    await page.goto("/settings/api-keys");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText("Name the key after the program that will use it.")).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  });

  test("the copy button copies the key @js-only", async ({ page, context, user: _user }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const key = await createKey(page, "Deploy", "Read and write");
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(page.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  });

  test("/settings/api-keys has no axe violations, with a new key and a list @js-only", async ({
    page,
    user: _user,
  }) => {
    await createKey(page, "Axe", "Read");
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });
});
