// Two-factor sign-in in a real browser, with JavaScript on and off: turning it on from the
// settings (codes computed here from the secret the page shows, as an authenticator app
// would), signing in with a code and with a backup code, trusting a device, turning it off.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { previousStepCode, totpCode } from "../support/totp";
import { expect, type TestUser, signOut, submitSignIn, test } from "./support/auth";

const toast = (page: Page) => page.getByTestId("toast");

// Each test walks many pages (and the axe ones check eight): more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 });

/** Settings → two-factor → password → QR code and secret → first code → the backup codes. */
async function turnOnTwoFactor(page: Page, user: TestUser) {
  await page.goto("/settings");
  await page.getByRole("link", { name: "Turn on two-factor" }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await page.getByLabel("Your password").fill(user.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor\/setup$/);
  await expect(page.getByRole("img", { name: `QR code for Tasklane, ${user.email}` })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32,}$/);
  // The previous step's code: the current one is left for signing in (each code works once).
  await page.getByLabel("6-digit code").fill(await previousStepCode(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor\/backup-codes$/);
  const codes = await page.getByTestId("backup-code").allTextContents();
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

test("turn on, sign in with a code, then with a backup code, trust the device, turn off", async ({
  page,
  user,
}, testInfo) => {
  const javaScript = testInfo.project.name === "js-on";
  const { secret, codes } = await turnOnTwoFactor(page, user);

  // The codes download as a text file, with no script involved.
  const download = page.getByRole("link", { name: "Download as a text file" });
  await expect(download).toHaveAttribute("download", "tasklane-backup-codes.txt");
  const href = (await download.getAttribute("href"))!;
  expect(href.startsWith("data:text/plain;charset=utf-8,")).toBe(true);
  expect(decodeURIComponent(href.slice(href.indexOf(",") + 1))).toContain(codes.join("\n"));
  // Shown once: coming back sends the person to the settings.
  await page.goto("/settings/two-factor/backup-codes");
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await expect(page.getByText("On. Signing in asks for a code")).toBeVisible();

  // Password, then the second page: nothing is signed in in between.
  await signOut(page);
  await submitSignIn(page, user);
  await expect(page).toHaveURL(/\/sign-in\/two-factor$/);
  const field = page.getByLabel("Authentication code");
  await expect(field).toHaveAttribute("autocomplete", "one-time-code");
  await expect(field).toHaveAttribute("inputmode", "numeric");
  expect((await page.context().cookies()).some((cookie) => cookie.name.endsWith("session_token"))).toBe(false);
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Ftasks$/);

  await submitSignIn(page, user, "/sign-in?redirectTo=%2Flabels");
  await expect(page).toHaveURL(/\/sign-in\/two-factor\?redirectTo=%2Flabels$/);
  await field.fill("000000" === totpCode(secret) ? "111111" : "000000");
  if (!javaScript) await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That code is not right.")).toBeVisible();
  // With JavaScript the sixth digit sends the form; without it, the button does.
  await field.fill(totpCode(secret));
  if (!javaScript) await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/labels$/);

  // A backup code, once, and "trust this device".
  await signOut(page);
  await submitSignIn(page, user);
  await page.getByRole("link", { name: "No access to your app? Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(codes[0]!);
  await page.getByLabel(/Trust this device for 30 days/).check();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/tasks$/);

  // Trusted: the password alone signs in on this browser.
  await signOut(page);
  await submitSignIn(page, user);
  await expect(page).toHaveURL(/\/tasks$/);

  // The activity log tells the steps apart.
  await page.goto("/settings");
  const activity = page.getByRole("region", { name: "Recent security activity" });
  await expect(activity.getByText("Backup code used")).toBeVisible();
  await expect(activity.getByText("Password accepted, waiting for the second step").first()).toBeVisible();
  await expect(activity.getByText("Wrong two-factor code")).toBeVisible();

  // Turning off needs the password; afterwards the password alone signs in.
  await page.getByRole("link", { name: "Manage two-factor" }).click();
  const turnOff = page.getByRole("region", { name: "Turn off two-factor authentication" });
  await turnOff.getByLabel("Your password").fill(user.password);
  await turnOff.getByRole("button", { name: "Turn off" }).click();
  await expect(toast(page)).toContainText("Two-factor authentication is off.");
  await expect(page.getByText("Off. Signing in needs only your password.")).toBeVisible();
});

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [360, 1280]) {
    test(`the two-factor pages pass axe at ${width} px in the ${colorScheme} theme @js-only`, async ({
      page,
      user,
    }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      const check = async (label: string) => {
        expect((await new AxeBuilder({ page }).analyze()).violations, label).toEqual([]);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${label} fits`).toBeLessThanOrEqual(0);
      };

      await page.goto("/settings/two-factor");
      await check("turn on");
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.getByText("Enter your password.")).toBeVisible();
      await check("turn on, with an error");
      await page.getByLabel("Your password").fill(user.password);
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page).toHaveURL(/\/setup$/);
      await check("setup");
      const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
      await page.getByLabel("6-digit code").fill(totpCode(secret));
      await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
      await expect(page).toHaveURL(/\/backup-codes$/);
      await check("backup codes");
      await page.getByRole("link", { name: "I have saved them" }).click();
      await expect(page.getByRole("button", { name: "Turn off" })).toBeVisible();
      await check("on");

      await signOut(page);
      await submitSignIn(page, user);
      await expect(page).toHaveURL(/\/sign-in\/two-factor$/);
      await check("second step");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText("Enter the 6-digit code from your authenticator app.")).toBeVisible();
      await check("second step, with an error");
      await page.getByRole("link", { name: "No access to your app? Use a backup code" }).click();
      await expect(page.getByLabel("Backup code")).toBeVisible();
      await check("backup code step");
    });
  }
}
