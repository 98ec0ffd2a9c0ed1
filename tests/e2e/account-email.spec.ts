import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, newTestUser, signIn, signUp, submitSignIn, test } from "./support/auth";
import { linkPath, waitForMail } from "./support/mail";
import { NEW_PASSWORD } from "../support/passwords";

// Each flow goes through the mail the app really sent (nodemailer to the run's SMTP server)
// and works the same with JavaScript on and off.

const toast = (page: Page) => page.getByTestId("toast");

test("forgot password: the emailed link leads to a new password, then to signing in with it", async ({
  page,
  user,
}) => {
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByText(`If an account uses ${user.email}, we have sent it a link`)).toBeVisible();

  const mail = await waitForMail(user.email, /Reset your Tasklane password/);
  const opened = await page.goto(linkPath(mail));
  // The page holds a working token: no cache may keep it.
  expect(opened?.headers()["cache-control"]).toBe("no-store");
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();

  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(toast(page)).toContainText("Your password has been changed");
  await submitSignIn(page, { email: user.email, password: user.password });
  await expect(page.getByRole("alert")).toHaveText("Invalid email or password.");
  await signIn(page, { email: user.email, password: NEW_PASSWORD });
  await waitForMail(user.email, /password was changed/);

  // The link worked once: opening it again explains and offers a new one.
  await page.goto(linkPath(mail));
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Send me a new link" })).toHaveAttribute("href", "/forgot-password");
});

test("email verification: a notice until the link from the sign-up mail is confirmed", async ({ page }) => {
  const user = await signUp(page, newTestUser());
  await expect(page.getByText(`Please confirm your email address, ${user.email}`)).toBeVisible();
  // A second link on demand; the first one stays valid too.
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(toast(page)).toContainText(`We sent a new link to ${user.email}.`);

  const mail = await waitForMail(user.email, /Confirm your email address/);
  await page.goto(linkPath(mail));
  await expect(page.getByText(`Confirm that ${user.email} is your address.`)).toBeVisible();
  await page.getByRole("button", { name: "Confirm my address" }).click();

  await expect(page).toHaveURL(/\/settings$/);
  await expect(toast(page)).toContainText("your email address is confirmed");
  await expect(page.getByRole("region", { name: "Email address" })).toContainText("Confirmed");
  await expect(page.getByText("Please confirm your email address")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Recent security activity" })).toContainText("Email address confirmed");
});

test("change of email: confirmed from the new address, the old one is told", async ({ page, user }) => {
  const newEmail = newTestUser().email;
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Email address" });
  await section.getByLabel("New email address").fill(newEmail);
  await section.getByLabel("Current password").fill(user.password);
  await section.getByRole("button", { name: "Change email address" }).click();
  await expect(toast(page)).toContainText(`We sent a link to ${newEmail}.`);
  await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();

  const mail = await waitForMail(newEmail, /Confirm your new email address/);
  await page.goto(linkPath(mail));
  await expect(page.getByText(`Use ${newEmail} instead of ${user.email}`)).toBeVisible();
  await page.getByRole("button", { name: "Use this address" }).click();

  await expect(page).toHaveURL(/\/settings$/);
  await expect(toast(page)).toContainText(`Your email address is now ${newEmail}.`);
  await expect(page.getByText(`Signed in as ${newEmail}`)).toBeVisible();
  // The new address proved itself with its link.
  await expect(page.getByRole("region", { name: "Email address" })).toContainText("Confirmed");
  await waitForMail(user.email, /email address was changed/);
});

// axe runs inside the page, so it needs JavaScript; the markup it checks is the same server HTML.
test("the email pages have no axe violations, a dead link's page included @js-only", async ({ page }) => {
  for (const path of [
    "/forgot-password",
    "/reset-password?token=used-or-never-issued",
    "/verify-email?token=x",
    "/check-email",
  ]) {
    await page.goto(path);
    expect((await new AxeBuilder({ page }).analyze()).violations, path).toEqual([]);
  }
});
