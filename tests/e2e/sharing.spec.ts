// Working together, two people in two browsers, with JavaScript on and off: the owner invites
// by email from the project (the invitation read from the test SMTP server), the invitee
// accepts, both comment on the project's task and each sees the other's comment, and both
// read the same activity. The rules behind it: tests/integration/invitations.test.ts,
// tests/integration/comments.test.ts and tests/security/authorization-matrix.test.ts.
import type { Page } from "@playwright/test";
import { expect, newTestUser, signUpWithApi, test } from "./support/auth";
import { linkPath, waitForMail } from "./support/mail";
import { addComment, comments, createProject, hydrated, secondBrowser } from "./support/sharing";

/** From the project's page to the task's, by its Edit link. */
async function openTaskFromProject(page: Page, projectPath: string, title: string) {
  await page.goto(projectPath);
  await hydrated(page);
  await page.getByRole("link", { name: `Edit “${title}”` }).click();
  await expect(page.getByRole("heading", { name: "Comments" })).toBeVisible();
  await hydrated(page);
}

test("two people share a project: invitation by mail, accepted, comments both ways, one activity", async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  const owner = await signUpWithApi(page.request, newTestUser({ name: "Olivia Owner" }));
  const name = `Garden ${test.info().project.name}`;
  const projectPath = await createProject(page.request, name);
  const projectId = projectPath.split("/").at(-1)!;
  const label = await page.request.post("/labels", { form: { name: "Urgent", color: "red" }, maxRedirects: 0 });
  expect(label.status()).toBeLessThan(400);
  const task = await page.request.post("/tasks", {
    form: { intent: "create", title: "Paint the fence", projectId, labels: "Urgent" },
    maxRedirects: 0,
  });
  expect(task.status()).toBe(302);

  // Olivia invites Bea from the project's page.
  const bea = newTestUser({ name: "Bea Member" });
  await page.goto(projectPath);
  await hydrated(page);
  await page.getByRole("link", { name: /^Share project/ }).click();
  await expect(page).toHaveURL(`${projectPath}/invitations`);
  await hydrated(page);
  await page.getByLabel("Email address").fill(bea.email);
  await page.getByLabel("Role").selectOption("editor");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: bea.email })).toContainText("editor, invited by");
  const mail = await waitForMail(bea.email, /invited you to a project/);
  expect(mail.text).toContain(name);
  const link = linkPath(mail);

  // Bea, in her own browser with an account of that address, accepts.
  const second = await secondBrowser(browser, baseURL);
  await signUpWithApi(second.page.request, bea);
  await second.page.goto(link);
  await expect(second.page.getByRole("heading", { name: `Join “${name}”` })).toBeVisible();
  await hydrated(second.page);
  await second.page.getByRole("button", { name: "Accept" }).click();
  await expect(second.page).toHaveURL(projectPath);
  await expect(second.page.getByRole("heading", { name, level: 1 })).toBeVisible();

  // Olivia's label shows on the shared task in the colour she gave it, not a neutral one.
  await expect(
    second.page.getByRole("listitem").filter({ hasText: "Paint the fence" }).getByText("Urgent", { exact: true }),
  ).toHaveClass(/bg-red-100/);

  // Bea comments on the project's task; Olivia sees it and answers; Bea sees the answer.
  await openTaskFromProject(second.page, projectPath, "Paint the fence");
  await addComment(second.page, "I will buy the paint");
  await openTaskFromProject(page, projectPath, "Paint the fence");
  const beas = comments(page).filter({ hasText: "I will buy the paint" });
  await expect(beas).toHaveCount(1);
  await expect(beas.getByText(bea.name, { exact: true })).toBeVisible();
  // Only its author may edit it: Olivia (the owner) may delete it, not edit it.
  await expect(beas.getByRole("textbox", { name: "Comment" })).toHaveCount(0);
  await addComment(page, "White, please");
  const taskPath = new URL(page.url()).pathname;
  await second.page.reload();
  const olivias = comments(second.page).filter({ hasText: "White, please" });
  await expect(olivias).toHaveCount(1);
  await expect(olivias.getByText(owner.name, { exact: true })).toBeVisible();

  // The project's activity, the same for both, newest first.
  for (const reader of [page, second.page]) {
    await reader.goto(`${projectPath}/activity`);
    await expect(reader.getByRole("heading", { name: "Activity" })).toBeVisible();
    await expect(reader.getByTestId("activity")).toHaveText([
      /Olivia Owner commented on “Paint the fence”/,
      /Bea Member commented on “Paint the fence”/,
      /Bea Member joined the project/,
      /Olivia Owner invited .* as editor/,
      /Olivia Owner created “Paint the fence”/,
    ]);
  }

  // Bea's project list offers no move buttons for a project she does not own (its place is
  // Olivia's to choose); Olivia's does.
  await second.page.goto("/projects");
  await expect(second.page.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(second.page.getByRole("button", { name: `Move “${name}” up` })).toHaveCount(0);
  await page.goto("/projects");
  await expect(page.getByRole("button", { name: `Move “${name}” up` })).toHaveCount(1);

  // A checklist on the task, one step ticked, for Bea's read-only page below.
  for (const text of ["Sand the boards", "Buy brushes"]) {
    const added = await page.request.post(taskPath, { form: { intent: "step-add", text }, maxRedirects: 0 });
    expect(added.status()).toBe(302);
  }
  await page.goto(taskPath);
  const sanded = page.getByTestId("step").filter({ has: page.getByRole("textbox", { name: "Step 1" }) });
  const stepId = (await sanded.getAttribute("data-step-id"))!;
  const ticked = await page.request.post(taskPath, {
    form: { intent: "step-toggle", stepId, done: "true" },
    maxRedirects: 0,
  });
  expect(ticked.status()).toBe(302);

  // Olivia makes Bea a viewer: Bea's next page shows the task read-only, with the reason, and
  // she can still comment.
  await page.goto(`${projectPath}/members`);
  await hydrated(page);
  await page.getByLabel(`Role of ${bea.name}`).selectOption("viewer");
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: bea.email }).getByTestId("member-role")).toHaveText(
    /viewer/i,
  );
  await openTaskFromProject(second.page, projectPath, "Paint the fence");
  await expect(second.page.getByRole("note")).toContainText("You can view this project's tasks but not change them");
  await expect(second.page.getByRole("textbox", { name: "Title" })).toBeDisabled();
  await expect(second.page.getByRole("button", { name: "Save changes" })).toBeDisabled();
  await expect(second.page.getByText("Read only: you are a viewer of this project.")).toBeVisible();
  await expect(second.page.getByRole("heading", { name: "Delete this task" })).toHaveCount(0);
  // Her checklist is read-only too: each step's state and text, nothing to tick, rename, move,
  // delete or add; and the server still refuses a tick posted anyway.
  const steps = second.page.getByTestId("step");
  await expect(steps).toHaveText(["Done: Sand the boards", "Not done: Buy brushes"]);
  const checklist = second.page.locator("#steps");
  await expect(checklist.getByRole("button")).toHaveCount(0);
  await expect(checklist.getByRole("textbox")).toHaveCount(0);
  await expect(second.page.getByRole("button", { name: /Mark .* done/ })).toHaveCount(0);
  const refused = await second.page.request.post(taskPath, {
    form: { intent: "step-toggle", stepId, done: "false" },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);
  await addComment(second.page, "Seen, thanks");
  await second.context.close();
});
