// Connected apps (issue 35) as a person and a third-party app meet them: a developer registers
// an app, a Python program (examples/oauth/connect_app.py, Authlib) starts the authorization-code
// flow, the person signs in and allows it on the consent page (plain forms: also with JavaScript
// off), the program exchanges the code and calls the API, and Disconnect cuts it off at once.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Page } from "@playwright/test";
import { expect, signOut, submitSignIn, test } from "./support/auth";

const jsEnabled = () => test.info().project.use.javaScriptEnabled !== false;

async function hydrated(page: Page) {
  if (jsEnabled()) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";

async function registerApp(page: Page, name: string, kind: "Public" | "Confidential" = "Public") {
  await page.goto("/settings/developer-apps");
  await hydrated(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Redirect URIs").fill("http://127.0.0.1/callback");
  await page.getByLabel("Kind").selectOption(kind.toLowerCase());
  await page.getByRole("button", { name: "Register app" }).click();
  await expect(page.getByText(`“${name}” is registered`)).toBeVisible();
  return (await page.getByTestId("new-client-id").textContent())!.trim();
}

/** Starts the Python app; resolves the address it asks the browser to open, and later its report. */
function startPythonApp(baseURL: string, clientId: string) {
  const child = spawn(PYTHON, ["examples/oauth/connect_app.py", baseURL, clientId], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout });
  const output: string[] = [];
  const authorizeUrl = new Promise<string>((resolve, reject) => {
    lines.on("line", (line) => {
      output.push(line);
      if (line.startsWith("open: ")) resolve(line.slice("open: ".length));
    });
    child.on("exit", () => reject(new Error(`the app exited early: ${stderr}`)));
  });
  const report = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`the app exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(output.at(-1)!));
    });
  });
  return { authorizeUrl, report, stop: () => child.kill() };
}

test.describe("Connected apps", () => {
  test("a third-party app is allowed after signing in, uses the API, and Disconnect cuts it off", async ({
    page,
    user,
  }) => {
    const baseURL = test.info().project.use.baseURL!;
    const clientId = await registerApp(page, "Plumber's Calendar");
    await expect(page.getByTestId("developer-app").filter({ hasText: "Plumber's Calendar" })).toContainText(clientId);
    await signOut(page);

    const app = startPythonApp(baseURL, clientId);
    try {
      // Signed out: the sign-in page first (its redirect brings the browser back to the request).
      await page.goto(await app.authorizeUrl);
      await expect(page).toHaveURL(/\/sign-in\?redirectTo=/);
      await hydrated(page);
      await submitSignIn(page, user, page.url());

      await expect(
        page.getByRole("heading", { name: "Allow “Plumber's Calendar” to use your Tasklane?" }),
      ).toBeVisible();
      await expect(page.getByTestId("consent-scopes")).toContainText("See your projects, tasks and labels");
      await expect(page.getByTestId("consent-scopes")).toContainText("Create, change, complete and delete tasks");
      await expect(page.getByTestId("consent-scopes")).toContainText("Keep this access when you are not using it");
      await hydrated(page);
      await page.getByRole("button", { name: "Allow" }).click();
      await expect(page.getByText("Connected: you can close this window.")).toBeVisible();

      const report = await app.report;
      expect(report).toMatchObject({
        scope: "tasks:read tasks:write offline_access",
        created: [201, "Ring the plumber", "high"],
        listed: [200, ["Ring the plumber"]],
        refresh_rotated: true,
        old_refresh_token: 400,
        after_refresh: 200,
      });

      await page.goto("/settings/connected-apps");
      await hydrated(page);
      const row = page.getByTestId("connected-app").filter({ hasText: "Plumber's Calendar" });
      await expect(row).toContainText("last used");
      await row.getByRole("button", { name: "Disconnect Plumber's Calendar" }).click();
      await expect(page.getByTestId("toast")).toContainText("The app is disconnected");
      await expect(page.getByText("You have connected no apps.")).toBeVisible();

      const headers = { authorization: `Bearer ${report.access_token as string}` };
      expect((await page.request.get("/api/tasks", { headers })).status()).toBe(401);
      // As the app sends it: no browser cookies.
      const refresh = await fetch(`${baseURL}/api/auth/oauth2/token`, {
        method: "POST",
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: report.refresh_token as string,
          client_id: clientId,
        }),
      });
      expect(refresh.status).toBe(400);
    } finally {
      app.stop();
    }
  });

  test("Deny sends the app away with access_denied and connects nothing", async ({ page, user: _user }) => {
    const clientId = await registerApp(page, "Unwanted");
    let callback: URL | undefined;
    await page.route("http://127.0.0.1/**", (route) => {
      callback = new URL(route.request().url());
      return route.fulfill({ contentType: "text/html", body: "<p>Back at the app</p>" });
    });
    const query = new URLSearchParams({
      response_type: "code",
      client_id: clientId,
      redirect_uri: "http://127.0.0.1/callback",
      scope: "tasks:read",
      state: "xyz",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    });
    await page.goto(`/api/auth/oauth2/authorize?${query}`);
    await expect(page.getByRole("heading", { name: "Allow “Unwanted” to use your Tasklane?" })).toBeVisible();
    await expect(page.getByTestId("consent-scopes")).not.toContainText("Create, change");
    await hydrated(page);
    await page.getByRole("button", { name: "Deny" }).click();
    await expect(page.getByText("Back at the app")).toBeVisible();
    expect(callback?.searchParams.get("error")).toBe("access_denied");
    expect(callback?.searchParams.get("state")).toBe("xyz");
    expect(callback?.searchParams.get("code")).toBeNull();
    await page.goto("/settings/connected-apps");
    await expect(page.getByText("You have connected no apps.")).toBeVisible();
  });
});
