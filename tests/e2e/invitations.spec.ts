// Sharing a project by invitation, two people in two browsers, with JavaScript on and off:
// the owner invites from the Share page (or the Members page), the invitee opens the mail's link signed out, signs up
// and comes back, accepts, and finds the project; another account is refused; the page's
// form refuses a post from another site. The rules behind it are in
// tests/integration/invitations.test.ts and tests/security/invitation-attacks.test.ts.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, newTestUser, signUpWithApi, test, type TestUser } from "./support/auth";
import { linkPath, waitForMail } from "./support/mail";
import { createProject, hydrated, secondBrowser } from "./support/sharing";

const toast = (page: Page) => page.getByTestId("toast");

/** The owner invites `email` from the project's Share page; answers the link the invitee receives. */
async function inviteFromSharePage(page: Page, projectPath: string, email: string, role: string) {
  await page.goto(projectPath);
  await hydrated(page);
  await page.getByRole("link", { name: /^Share project/ }).click();
  await expect(page).toHaveURL(`${projectPath}/invitations`);
  await hydrated(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role").selectOption(role);
  await page.getByRole("button", { name: "Send invitation" }).click();
  // The pending list is the answer (a toast from the project's creation may still be on screen).
  await expect(page.getByRole("listitem").filter({ hasText: email })).toContainText(`${role}, invited by`);
  // The form is empty again for the next address.
  await expect(page.getByLabel("Email address")).toHaveValue("");
  return linkPath(await waitForMail(email, /invited you to a project/));
}

test("from invitation to membership: the invitee signs up from the link, comes back and accepts", async ({
  page,
  browser,
  baseURL,
}) => {
  await signUpWithApi(page.request, newTestUser({ name: "Olivia Owner" }));
  const name = `Allotment ${test.info().project.name}`;
  const projectPath = await createProject(page.request, name);
  const invitee: TestUser = newTestUser({ name: "Bea Invitee" });
  const link = await inviteFromSharePage(page, projectPath, invitee.email, "editor");

  const bea = await secondBrowser(browser, baseURL);
  await bea.page.goto(link);
  await expect(bea.page.getByRole("heading", { name: `Join “${name}”` })).toBeVisible();
  await expect(bea.page.getByText(`Olivia Owner invited ${invitee.email}`)).toBeVisible();
  await bea.page.getByRole("link", { name: "Create an account" }).click();
  await expect(bea.page).toHaveURL(/\/sign-up\?redirectTo=/);
  await hydrated(bea.page);
  await bea.page.getByLabel("Name").fill(invitee.name);
  await bea.page.getByLabel("Email").fill(invitee.email);
  await bea.page.getByLabel("Password").fill(invitee.password);
  await bea.page.getByRole("button", { name: "Create account" }).click();
  await expect(bea.page).toHaveURL(link);
  await hydrated(bea.page);
  await bea.page.getByRole("button", { name: "Accept" }).click();
  await expect(bea.page).toHaveURL(projectPath);
  await expect(toast(bea.page)).toContainText("You joined the project");
  await expect(bea.page.getByRole("heading", { name, level: 1 })).toBeVisible();

  // The owner's pending list is empty now; the link is used up.
  await page.reload();
  await expect(page.getByText("None.")).toBeVisible();
  await bea.page.goto(link);
  await expect(bea.page.getByRole("heading", { name: "This invitation no longer works" })).toBeVisible();
  await bea.context.close();
});

test("another account is refused, and a post from another site changes nothing", async ({ page, browser, baseURL }) => {
  await signUpWithApi(page.request, newTestUser({ name: "Olivia Owner" }));
  const projectPath = await createProject(page.request, `Plans ${test.info().project.name}`);
  const invitee = newTestUser();
  const link = await inviteFromSharePage(page, projectPath, invitee.email, "viewer");

  const mallory = await secondBrowser(browser, baseURL);
  await signUpWithApi(mallory.page.request, newTestUser({ name: "Mallory" }));
  await mallory.page.goto(link);
  await expect(mallory.page.getByText("This invitation is for another address.")).toBeVisible();
  await expect(mallory.page.getByRole("button", { name: "Accept" })).toHaveCount(0);
  // Posting anyway gets the refusal, not a membership.
  const forced = await mallory.page.request.post(link, { form: { intent: "accept" }, maxRedirects: 0 });
  expect(forced.status()).toBe(403);
  expect(await forced.text()).toContain(`This invitation is for ${invitee.email}`);
  // Another site's page making the invitee's browser post: refused by the origin check.
  const invited = await secondBrowser(browser, baseURL);
  await signUpWithApi(invited.page.request, invitee);
  const crossSite = await invited.page.request.post(link, {
    form: { intent: "accept" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(400);
  await mallory.page.goto(projectPath);
  await expect(mallory.page.getByRole("heading", { name: "Project not found" })).toBeVisible();
  // The invitation is still there for its address.
  await invited.page.goto(link);
  await hydrated(invited.page);
  await invited.page.getByRole("button", { name: "Accept" }).click();
  await expect(invited.page).toHaveURL(projectPath);
  await mallory.context.close();
  await invited.context.close();
});

test("Resend sends a new link (the old one dies) and Revoke ends the invitation, from the Share page", async ({
  page,
}) => {
  await signUpWithApi(page.request, newTestUser({ name: "Olivia Owner" }));
  const projectPath = await createProject(page.request, `Resent ${test.info().project.name}`);
  const email = newTestUser().email;
  const first = await inviteFromSharePage(page, projectPath, email, "viewer");
  const row = page.getByRole("listitem").filter({ hasText: email });
  await row.getByRole("button", { name: `Resend the invitation to ${email}` }).click();
  await expect(toast(page)).toContainText(`Invitation sent again to ${email}`);
  await expect.poll(async () => linkPath(await waitForMail(email, /invited you to a project/))).not.toBe(first);
  const second = linkPath(await waitForMail(email, /invited you to a project/));
  await hydrated(page);
  await row.getByRole("button", { name: `Revoke the invitation to ${email}` }).click();
  await expect(toast(page)).toContainText("Invitation revoked");
  await expect(page.getByText("None.")).toBeVisible();
  for (const link of [first, second]) {
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This invitation no longer works" })).toBeVisible();
  }
});

test("the Members page: the owner invites, is refused a member's address, revokes; a viewer gets no invite controls", async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  await signUpWithApi(page.request, newTestUser({ name: "Olivia Owner" }));
  const projectPath = await createProject(page.request, `Members ${test.info().project.name}`);
  const pending = page.getByTestId("pending-invitation");
  const inviteFromMembers = async (email: string, role: string) => {
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption(role);
    await page.getByRole("button", { name: "Send invitation" }).click();
  };
  await page.goto(`${projectPath}/members`);
  await hydrated(page);
  await expect(pending).toHaveCount(0);
  const bea = newTestUser({ name: "Bea Viewer" });
  await inviteFromMembers(bea.email, "viewer");
  await expect(page).toHaveURL(`${projectPath}/members`);
  await expect(pending.filter({ hasText: bea.email })).toContainText("viewer, invited by Olivia Owner");
  await expect(page.getByLabel("Email address")).toHaveValue("");
  const link = linkPath(await waitForMail(bea.email, /invited you to a project/));

  const second = await secondBrowser(browser, baseURL);
  await signUpWithApi(second.page.request, bea);
  await second.page.goto(link);
  await hydrated(second.page);
  await second.page.getByRole("button", { name: "Accept" }).click();
  await expect(second.page).toHaveURL(projectPath);

  // Bea is a member now: inviting her again is refused beside the field, not among the members' errors.
  await page.reload();
  await hydrated(page);
  await expect(pending).toHaveCount(0);
  await inviteFromMembers(bea.email, "editor");
  await expect(page.getByText(`${bea.email} is a member of this project already`)).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");

  // Another address, invited and then revoked from the same page: its link dies.
  const cleo = newTestUser().email;
  await inviteFromMembers(cleo, "editor");
  await expect(pending.filter({ hasText: cleo })).toContainText("editor, invited by");
  const cleosLink = linkPath(await waitForMail(cleo, /invited you to a project/));
  await hydrated(page);
  await pending.getByRole("button", { name: `Revoke the invitation to ${cleo}` }).click();
  await expect(toast(page)).toContainText("Invitation revoked");
  await expect(page).toHaveURL(`${projectPath}/members`);
  await expect(pending).toHaveCount(0);
  await second.page.goto(cleosLink);
  await expect(second.page.getByRole("heading", { name: "This invitation no longer works" })).toBeVisible();

  // Bea, a viewer, sees the members but no invitation form and no pending list.
  await second.page.goto(`${projectPath}/members`);
  await expect(second.page.getByText("Admins of this project invite new members.")).toBeVisible();
  await expect(second.page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(second.page.getByLabel("Email address")).toHaveCount(0);
  await expect(second.page.getByTestId("pending-invitation")).toHaveCount(0);
  await second.context.close();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the Share page and the invitation page pass axe at 390 px in the ${colorScheme} theme @js-only`, async ({
    page,
    browser,
    baseURL,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme });
    await signUpWithApi(page.request, newTestUser({ name: "Olivia Owner" }));
    const projectPath = await createProject(page.request, `Axe ${colorScheme}`);
    const link = await inviteFromSharePage(page, projectPath, newTestUser().email, "admin");
    const noOverflow = (target: Page) =>
      target.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect((await new AxeBuilder({ page }).analyze()).violations, "share page").toEqual([]);
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);

    const invitee = await secondBrowser(browser, baseURL);
    await invitee.page.setViewportSize({ width: 390, height: 844 });
    await invitee.page.emulateMedia({ colorScheme });
    await invitee.page.goto(link);
    await hydrated(invitee.page);
    expect((await new AxeBuilder({ page: invitee.page }).analyze()).violations, "invitation page").toEqual([]);
    expect(await noOverflow(invitee.page)).toBeLessThanOrEqual(0);
    await invitee.context.close();
  });
}
