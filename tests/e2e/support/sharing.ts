// Helpers for specs where people work together: a second person's browser, a project to share,
// that person joining it, and the task page's comments. Each works with JavaScript on and off.
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, newTestUser, signUpWithApi, test, type TestUser } from "./auth";
import { linkPath, waitForMail } from "./mail";

export const jsEnabled = () => test.info().project.use.javaScriptEnabled !== false;

/** With JavaScript, waits until the page is hydrated (a click before that is a plain one). */
export async function hydrated(page: Page) {
  if (jsEnabled()) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** A second person's browser, with the same JavaScript setting as the test's. */
export async function secondBrowser(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ javaScriptEnabled: jsEnabled(), baseURL });
  return { context, page: await context.newPage() };
}

/** A project made through the projects page's form post; answers its page's path. */
export async function createProject(request: APIRequestContext, name: string) {
  const response = await request.post("/projects", { form: { name, color: "teal" }, maxRedirects: 0 });
  expect(response.status(), `creating project ${name}`).toBe(302);
  return new URL(response.headers()["location"]!, "http://x").pathname;
}

/**
 * A second person, in a browser of their own, joins the owner's project with `role`: invited
 * and accepting as the forms post (the mail read from the test SMTP server).
 */
export async function joinProject(
  owner: Page,
  browser: Browser,
  baseURL: string | undefined,
  projectPath: string,
  { role = "editor", person = newTestUser({ name: "Bea Member" }) }: { role?: string; person?: TestUser } = {},
) {
  const invited = await owner.request.post(`${projectPath}/invitations`, {
    form: { intent: "invite", email: person.email, role },
    maxRedirects: 0,
  });
  expect(invited.status()).toBeLessThan(400);
  const link = linkPath(await waitForMail(person.email, /invited you to a project/));
  const second = await secondBrowser(browser, baseURL);
  await signUpWithApi(second.page.request, person);
  const accepted = await second.page.request.post(link, { form: { intent: "accept" }, maxRedirects: 0 });
  expect(accepted.status()).toBe(302);
  return { ...second, person };
}

export const comments = (page: Page) => page.getByTestId("comment");

/** Adds a comment through the task page's form and waits for it to be listed and the field emptied. */
export async function addComment(page: Page, text: string) {
  const count = await comments(page).count();
  const field = page.getByRole("textbox", { name: "New comment" });
  await field.fill(text);
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(comments(page)).toHaveCount(count + 1);
  await expect(field).toHaveValue("");
}
