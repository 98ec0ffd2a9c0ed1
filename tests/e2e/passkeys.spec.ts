// Passkeys in a real browser: Chromium's virtual authenticator (the DevTools protocol's WebAuthn
// domain) stands in for a phone or laptop, on http://localhost (WebAuthn refuses IP addresses).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signOut, submitSignIn, test } from "./support/auth";

const toast = (page: Page) => page.getByTestId("toast");
const hydrated = (page: Page) => page.locator("html[data-hydrated]").waitFor({ state: "attached" });

/** A platform authenticator that holds discoverable credentials and verifies its user. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
}

/**
 * The virtual authenticator answers a conditional (autofill) request by itself, which would race
 * the button: tests of the button make the page see a browser without passkey autofill.
 */
async function withoutAutofill(page: Page) {
  await page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false);
  });
}

async function addPasskey(page: Page, name: string) {
  await page.goto("/settings/passkeys");
  await hydrated(page);
  await page.getByLabel("Passkey name").fill(name);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: `“${name}” has been added` })).toBeVisible();
}

async function signInWithPasskey(page: Page) {
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
}

test("add a passkey, sign in with it, rename it, delete it; a deleted passkey no longer signs in @js-only", async ({
  page,
  user,
}) => {
  test.slow();
  await withoutAutofill(page);
  await addVirtualAuthenticator(page);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Manage passkeys" }).click();
  await expect(page).toHaveURL(/\/settings\/passkeys$/);
  await addPasskey(page, "Test laptop");
  const row = page.getByTestId("passkey");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Test laptop");
  await expect(row).toContainText("never used to sign in");

  // Signed out, the passkey alone signs in: no password, no second step.
  await signOut(page);
  await signInWithPasskey(page);
  await expect(page).toHaveURL(/\/tasks$/);
  await page.goto("/settings/passkeys");
  await expect(row).toContainText("last used");

  await page.getByLabel("New name for Test laptop").fill("Old laptop");
  await page.getByRole("button", { name: "Rename Test laptop" }).click();
  await expect(toast(page)).toContainText("The passkey is now called “Old laptop”.");
  await expect(row).toContainText("Old laptop");

  await page.getByRole("button", { name: "Delete Old laptop" }).click();
  await expect(toast(page)).toContainText("The passkey has been deleted");
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();

  // The authenticator still holds the credential; the site no longer knows it.
  await signOut(page);
  await signInWithPasskey(page);
  await expect(page.getByRole("alert")).toContainText("This passkey is not registered with Tasklane");
  await expect(page).toHaveURL(/\/sign-in$/);
  // The password path is untouched.
  await submitSignIn(page, user);
  await expect(page).toHaveURL(/\/tasks$/);
});

test("the email field's passkey autofill signs in without a click @js-only", async ({ page, user: _ }) => {
  // Sign-up, a passkey, sign-out and a sign-in: ~20 s alone, more beside another worker.
  test.slow();
  await addVirtualAuthenticator(page);
  await addPasskey(page, "Phone");
  await signOut(page);
  // The field the browser offers passkeys on, read from the server's page: in the browser the
  // autofill can sign in and leave the page before an assertion on the field gets to run.
  const signInPage = await page.request.get("/sign-in?redirectTo=%2Flabels");
  expect(await signInPage.text()).toMatch(/autocomplete="username webauthn"/i); // HTML attribute names ignore case
  await page.goto("/sign-in?redirectTo=%2Flabels");
  // Nothing clicked: the page's conditional request is answered by the authenticator.
  await expect(page).toHaveURL(/\/labels$/);
});

test("without JavaScript the passkey controls say they need it, and the password still signs in", async ({
  page,
  user,
}, testInfo) => {
  test.skip(testInfo.project.name !== "js-off", "checks the page without JavaScript");
  await page.goto("/settings/passkeys");
  await expect(page.getByTestId("passkeys-need-javascript")).toContainText("Passkeys need JavaScript");
  await expect(page.getByRole("button", { name: "Add a passkey" })).toHaveCount(0);
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await expect(page.getByTestId("passkeys-need-javascript")).toContainText(
    "Signing in with a passkey needs JavaScript",
  );
  await submitSignIn(page, user);
  await expect(page).toHaveURL(/\/tasks$/);
});

// One test per theme and width, marked slow: an axe run takes ~2 s of CPU on a busy machine.
for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [360, 1280]) {
    test(`the passkey controls pass axe at ${width} px in the ${colorScheme} theme @js-only`, async ({
      page,
      user: _,
    }) => {
      test.slow();
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      const check = async (label: string) => {
        expect((await new AxeBuilder({ page }).analyze()).violations, label).toEqual([]);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${label} fits`).toBeLessThanOrEqual(0);
      };
      await withoutAutofill(page);
      await addVirtualAuthenticator(page);
      await addPasskey(page, "A passkey with a rather long name for a phone");
      await check("settings with a passkey");
      await page.getByLabel("Passkey name").fill("");
      await page.getByRole("button", { name: "Add a passkey" }).click();
      await expect(page.getByText("Give the passkey a name.")).toBeVisible();
      await check("settings with an error");
      await signOut(page);
      await page.goto("/sign-in");
      await hydrated(page);
      await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeVisible();
      await check("sign-in");
    });
  }
}
