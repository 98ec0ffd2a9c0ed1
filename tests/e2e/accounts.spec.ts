import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import {
  expect,
  newTestUser,
  signIn,
  signInWithApi,
  signOut,
  signUp,
  signUpWithApi,
  submitSignIn,
  test,
} from "./support/auth";

const toast = (page: Page) => page.getByTestId("toast");

/**
 * The server never sends a password back. Without JavaScript the page is re-rendered from
 * the server, so the field is empty; with it, the browser keeps what was typed (it never
 * left the page) so a typo can be fixed.
 */
async function expectPasswordNotEchoed(field: Locator) {
  if (test.info().project.name === "js-off") await expect(field).toHaveValue("");
}

test.describe("signing up, out and in", () => {
  test("a new user signs up, signs out and signs back in", async ({ page }) => {
    const user = await signUp(page);
    await expect(toast(page)).toContainText(`Welcome to Tasklane, ${user.name}!`);
    await expect(page.getByRole("banner")).toContainText(user.name);

    await signOut(page);
    await expect(toast(page)).toContainText("You have signed out.");
    // The session is gone: protected pages send us to sign-in again.
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fsettings$/);

    await page.goto("/sign-in");
    await signIn(page, user);
    await expect(page.getByRole("banner")).toContainText(user.name);
  });

  test("a wrong password and an unknown email get the same message, and the email is kept", async ({ page, user }) => {
    await page.context().clearCookies();
    await submitSignIn(page, { email: user.email, password: "Wr0ng!password" });
    await expect(page.getByRole("alert")).toHaveText("Invalid email or password.");
    await expect(page.getByLabel("Email")).toHaveValue(user.email);
    await expectPasswordNotEchoed(page.getByLabel("Password"));

    await submitSignIn(page, { email: newTestUser().email, password: "Wr0ng!password" });
    await expect(page.getByRole("alert")).toHaveText("Invalid email or password.");
  });

  test("sign-up explains a weak password and an email already registered", async ({ page, user }) => {
    await page.context().clearCookies();
    await page.goto("/sign-up");
    await expect(page.getByText("A special character")).toBeVisible();
    await page.getByLabel("Name").fill("Second");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("alllowercase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Password needs an uppercase letter, a digit and a special character.")).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("An account with this email already exists.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Name")).toHaveValue("Second");
    // The way out is a real link, and it keeps where the visitor was going.
    await expect(page.getByRole("link", { name: "Sign in instead" })).toHaveAttribute("href", "/sign-in");
    await page.goto("/sign-up?redirectTo=%2Fsettings");
    await page.getByLabel("Name").fill("Second");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("link", { name: "Sign in instead" }).click();
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fsettings$/);
    await submitSignIn(page, user);
    await expect(page).toHaveURL(/\/settings$/);
  });

  test("a protected page sends visitors to sign-in and back afterwards", async ({ page }) => {
    const user = await signUpWithApi(page.request);
    await page.context().clearCookies();
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fsettings$/);
    await submitSignIn(page, user, "/sign-in?redirectTo=%2Fsettings");
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  });

  test("signed-in users who open sign-in or sign-up go to their tasks", async ({ page, user }) => {
    await page.goto("/sign-in");
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(page.getByRole("banner")).toContainText(user.name);
    await page.goto("/sign-up");
    await expect(page).toHaveURL(/\/tasks$/);
  });

  test("an off-site redirectTo is ignored", async ({ page }) => {
    const user = await signUpWithApi(page.request);
    await page.context().clearCookies();
    await page.goto("/sign-in?redirectTo=%2F%2Fevil.example");
    await submitSignIn(page, user, "/sign-in?redirectTo");
    await expect(page).toHaveURL(/localhost:\d+\/tasks$/);
  });
});

test.describe("settings", () => {
  test("rename", async ({ page, user }) => {
    await page.goto("/settings");
    await expect(page.getByLabel("Name")).toHaveValue(user.name);
    await page.getByLabel("Name").fill("Grace Hopper");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(toast(page)).toContainText("Your name has been updated.");
    await expect(page.getByRole("banner")).toContainText("Grace Hopper");
    await expect(page.getByLabel("Name")).toHaveValue("Grace Hopper");
  });

  test("change password, then sign in with the new one", async ({ page, user }) => {
    await page.goto("/settings");
    // The email section asks for the current password too.
    const section = page.getByRole("region", { name: "Password" });
    await section.getByLabel("Current password").fill("Wr0ng!password");
    await section.getByLabel("New password").fill("N3w!password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("That password is not correct.")).toBeVisible();
    await expectPasswordNotEchoed(section.getByLabel("Current password"));

    await section.getByLabel("Current password").fill(user.password);
    await section.getByLabel("New password").fill("N3w!password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(toast(page)).toContainText("Password changed.");
    // The form starts over: no password left in the fields, no rule still ticked.
    await expect(section.getByLabel("Current password")).toHaveValue("");
    await expect(section.getByLabel("New password")).toHaveValue("");
    await expect(page.locator("[data-rule][data-met]")).toHaveCount(0);

    await signOut(page);
    await submitSignIn(page, user);
    await expect(page.getByRole("alert")).toHaveText("Invalid email or password.");
    await signIn(page, { email: user.email, password: "N3w!password" });
  });

  test("revoke another session: that device is signed out at once", async ({ page, user, browser }) => {
    const laptop = await browser.newContext();
    await signInWithApi(laptop.request, user);
    const laptopPage = await laptop.newPage();
    await laptopPage.goto("/settings");
    await expect(laptopPage).toHaveURL(/\/settings$/);

    await page.goto("/settings");
    const sessions = page.getByTestId("session");
    await expect(sessions).toHaveCount(2);
    await expect(sessions.filter({ hasText: "This device" })).toHaveCount(1);
    // This device first; each row says when and from where it signed in, and when it expires.
    await expect(sessions.first()).toContainText("This device");
    for (const session of await sessions.all()) {
      await expect(session).toContainText(/Signed in .+ from \S+/);
      await expect(session).toContainText(/Expires /);
      await expect(session).not.toContainText("Last active");
    }
    // Its button says what it does, in words that differ from the header's Sign out.
    const other = sessions.filter({ hasNotText: "This device" });
    await expect(other.getByRole("button")).toHaveText("Revoke");
    await other.getByRole("button", { name: /^Revoke .+ session$/ }).click();
    await expect(toast(page)).toContainText("That session has been signed out.");
    await expect(page.getByTestId("session")).toHaveCount(1);
    await expect(page.getByText("Session signed out from settings")).toBeVisible();

    await laptopPage.reload();
    await expect(laptopPage).toHaveURL(/\/sign-in\?redirectTo=%2Fsettings$/);
    await laptop.close();
  });

  test("delete account: asks for the password, then the account is gone", async ({ page, user }) => {
    await page.goto("/settings");
    const danger = page.getByRole("region", { name: "Delete account" });
    await danger.getByLabel("Your password").fill("Wr0ng!password");
    await danger.getByRole("button", { name: "Delete my account" }).click();
    await expect(danger.getByText("That password is not correct.")).toBeVisible();

    await danger.getByLabel("Your password").fill(user.password);
    await danger.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(toast(page)).toContainText("Your account and all its tasks have been deleted.");

    await submitSignIn(page, user);
    await expect(page.getByRole("alert")).toHaveText("Invalid email or password.");
  });
});

// axe runs inside the page, so it needs JavaScript; the markup it checks is the same server HTML.
test.describe("accessibility", () => {
  for (const path of ["/sign-up", "/sign-in"]) {
    test(`${path} has no axe violations, also with errors shown @js-only`, async ({ page }) => {
      await page.goto(path);
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
      await page.getByRole("button", { name: path === "/sign-up" ? "Create account" : "Sign in", exact: true }).click();
      await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    });
  }

  test("/settings has no axe violations @js-only", async ({ page, user, browser }) => {
    const other = await browser.newContext();
    await signInWithApi(other.request, user);
    await page.goto("/settings");
    await expect(page.getByTestId("session")).toHaveCount(2);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await other.close();
  });
});

test.describe("with JavaScript", () => {
  test("the password checklist ticks rules as the user types @js-only", async ({ page }) => {
    await page.goto("/sign-up");
    await page.waitForFunction(
      () => (window as unknown as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules,
    );
    const rule = (id: string) => page.locator(`[data-rule="${id}"]`);
    await page.getByLabel("Password").pressSequentially("abc");
    await expect(rule("lowercase")).toHaveAttribute("data-met", "true");
    await expect(rule("uppercase")).toHaveAttribute("data-met", "false");
    await page.getByLabel("Password").pressSequentially("D1!xyz");
    for (const id of ["length", "lowercase", "uppercase", "digit", "special"]) {
      await expect(rule(id)).toHaveAttribute("data-met", "true");
    }
  });

  test("submitting an empty form focuses the first invalid field without a reload @js-only", async ({ page }) => {
    await page.goto("/sign-up");
    await page.waitForFunction(
      () => (window as unknown as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules,
    );
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = "still here"));
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByLabel("Name")).toBeFocused();
    await expect(page.getByText("Enter your name.")).toBeVisible();

    await page.getByLabel("Name").fill("Ada");
    await page.getByLabel("Email").fill(newTestUser().email);
    await page.getByLabel("Password").fill("Str0ng!password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/tasks$/);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("still here");
  });
});
