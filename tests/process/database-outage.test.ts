// While PostgreSQL is away every request that needs it answers 503 with Retry-After (a page
// for people, problem+json for programs), and everything works again when it returns, without
// a restart. Runs against a cluster of its own (never the shared server).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPrivatePostgres, postgresBin, type PrivatePostgres } from "../support/private-postgres";
import { previousStepCode, secretOfUri, totpCode } from "../support/totp";
import {
  freePort,
  type HttpAccount,
  type ServerProcess,
  signUpOver,
  startServer,
  testSecret,
  waitForStatus,
} from "../support/server-process";

if (!postgresBin) console.warn("skipping the database outage tests: no initdb under /usr/lib/postgresql");

describe.runIf(postgresBin)("with the database away", () => {
  let cluster: PrivatePostgres;
  let server: ServerProcess;
  let base: string;
  let account: HttpAccount;
  let apiKey: string;
  const secret = testSecret();

  beforeAll(async () => {
    cluster = await createPrivatePostgres();
    cluster.start();
    const port = await freePort();
    base = `http://localhost:${port}`;
    server = startServer(
      { DATABASE_URL: cluster.url, BETTER_AUTH_SECRET: secret, BETTER_AUTH_URL: base, DATABASE_TIMEOUT_MS: "2000" },
      port,
    );
    await waitForStatus(`${base}/readyz`);
    account = await signUpOver(base);
    // A personal API key, made through the settings form as a browser posts it.
    const page = await fetch(`${base}/settings/api-keys`, {
      method: "POST",
      headers: { Cookie: account.cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "create-api-key", name: "Outage", scope: "write", lifetimeDays: "30" }),
    });
    apiKey = (await page.text()).match(/tl_[A-Za-z0-9_-]{43}/)![0];
  });

  // A test that fails half-way must not leave the next one without its database.
  afterEach(() => cluster.start());

  afterAll(async () => {
    await server?.stop();
    cluster?.destroy();
  });

  // The requests a person and a program make, each with what it needs to succeed.
  const requests = () => ({
    page: () => fetch(`${base}/tasks`, { headers: { Cookie: account.cookie } }),
    formPost: () =>
      fetch(`${base}/tasks`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: account.cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "create", title: "Written during the outage" }),
      }),
    signInForm: () =>
      fetch(`${base}/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: account.email, password: account.password }),
      }),
    bulkForm: () =>
      fetch(`${base}/tasks`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: account.cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "bulk", ids: crypto.randomUUID(), bulkAction: "complete" }),
      }),
    api: () => fetch(`${base}/api/tasks`, { headers: { Authorization: `Bearer ${account.token}` } }),
    bulkApi: () =>
      fetch(`${base}/api/tasks/bulk`, {
        method: "POST",
        headers: { Authorization: `Bearer ${account.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ ids: [crypto.randomUUID()], action: "delete" }),
      }),
    signIn: () =>
      fetch(`${base}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: base },
        body: JSON.stringify({ email: account.email, password: account.password }),
      }),
    // Better Auth itself turns a failed session lookup into "no session" (401) here.
    token: () => fetch(`${base}/api/auth/token`, { headers: { Authorization: `Bearer ${account.session}` } }),
    withKey: () => fetch(`${base}/api/tasks`, { headers: { Authorization: `Bearer ${apiKey}` } }),
    planLogin: () =>
      fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: base },
        body: JSON.stringify({ email: account.email, password: account.password }),
      }),
    planMe: () => fetch(`${base}/api/auth/me`, { headers: { Cookie: account.cookie } }),
  });

  it("answers 503 with Retry-After while it is stopped, and serves again once it is back", async () => {
    cluster.stop();
    const during = requests();

    const page = await during.page();
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("5");
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain("Tasklane is briefly unavailable");
    expect(html).toContain('href="/tasks"');
    expect(html).not.toContain("Something went wrong");
    expect(html).not.toMatch(/\bat .*\.js:\d+/);

    for (const send of [during.formPost, during.bulkForm, during.signInForm]) {
      const form = await send();
      expect(form.status).toBe(503);
      expect(form.headers.get("retry-after")).toBe("5");
      expect(await form.text()).toContain("briefly unavailable");
    }

    // A client-side navigation (React Router's data request) gets a 503 route error, which
    // the app's error boundary shows as the same message.
    const data = await fetch(`${base}/tasks.data`, { headers: { Cookie: account.cookie } });
    expect(data.status).toBe(503);
    const payload = await data.text();
    expect(payload).toContain('"ErrorResponse"');
    expect(payload).toContain('"Service Unavailable",503');
    for (const send of [
      during.api,
      during.bulkApi,
      during.signIn,
      during.token,
      during.withKey,
      during.planLogin,
      during.planMe,
    ]) {
      const response = await send();
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ status: 503, title: "Service Unavailable" });
    }
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    // One line per failed request naming the kind of failure, and no stack trace.
    const outageLines = server
      .output()
      .split("\n")
      .filter((line) => line.includes('"database unavailable"'));
    const entries = outageLines.map((line) => JSON.parse(line) as { requestId: string; reason: string; level: string });
    expect(new Set(entries.map((entry) => entry.requestId)).size).toBe(entries.length);
    expect(entries.length).toBe(12);
    expect(entries[0]).toMatchObject({ level: "warn", reason: "ECONNREFUSED" });
    expect(server.output() + server.stderr()).not.toMatch(/^\s+at /m);

    cluster.start();
    await waitForStatus(`${base}/readyz`, 200, 30_000);
    const after = requests();
    expect((await after.page()).status).toBe(200);
    expect((await after.api()).status).toBe(200);
    expect((await after.signIn()).status).toBe(200);
    expect((await after.signInForm()).status).toBe(302);
    expect((await after.token()).status).toBe(200);
    expect((await after.withKey()).status).toBe(200);
    expect((await after.planLogin()).status).toBe(200);
    expect((await after.planMe()).status).toBe(200);
    // The write refused during the outage was never made.
    const { tasks } = (await (await after.api()).json()) as { tasks: { title: string }[] };
    expect(tasks.map((task) => task.title)).not.toContain("Written during the outage");
  });

  it("the two-factor step, its settings page and /api/auth/two-factor/* answer 503 too", async () => {
    // A person with two-factor on, half-way through signing in (the password step done).
    const person = await signUpOver(base);
    const json = { "Content-Type": "application/json", Origin: base };
    const enable = await fetch(`${base}/api/auth/two-factor/enable`, {
      method: "POST",
      headers: { ...json, Cookie: person.cookie },
      body: JSON.stringify({ password: person.password }),
    });
    const secret = secretOfUri(((await enable.json()) as { totpURI: string }).totpURI);
    const confirm = await fetch(`${base}/api/auth/two-factor/verify-totp`, {
      method: "POST",
      headers: { ...json, Cookie: person.cookie },
      body: JSON.stringify({ code: await previousStepCode(secret) }),
    });
    expect(confirm.status).toBe(200);
    const passwordStep = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    const challenge = passwordStep.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    expect(challenge).toMatch(/two_factor=/);
    const session = confirm.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");

    cluster.stop();
    const secondStep = await fetch(`${base}/sign-in/two-factor`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: challenge, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ method: "totp", code: totpCode(secret) }),
    });
    expect(secondStep.status).toBe(503);
    expect(await secondStep.text()).toContain("briefly unavailable");
    const settings = await fetch(`${base}/settings/two-factor`, { headers: { Cookie: session } });
    expect(settings.status).toBe(503);
    const verify = await fetch(`${base}/api/auth/two-factor/verify-totp`, {
      method: "POST",
      headers: { ...json, Cookie: challenge },
      body: JSON.stringify({ code: totpCode(secret) }),
    });
    expect(verify.status).toBe(503);
    expect(verify.headers.get("content-type")).toBe("application/problem+json");

    cluster.start();
    await waitForStatus(`${base}/readyz`, 200, 30_000);
    // The challenge survived the outage: the code now signs in.
    const after = await fetch(`${base}/api/auth/two-factor/verify-totp`, {
      method: "POST",
      headers: { ...json, Cookie: challenge },
      body: JSON.stringify({ code: totpCode(secret) }),
    });
    expect(after.status).toBe(200);
  });

  it("a server started before the database listens at once, answers 503, and becomes ready when it arrives", async () => {
    cluster.stop();
    const port = await freePort();
    const clientOrigin = "https://client.example.test";
    const early = startServer(
      {
        DATABASE_URL: cluster.url,
        BETTER_AUTH_SECRET: secret,
        BETTER_AUTH_URL: `http://localhost:${port}`,
        CORS_ORIGINS: clientOrigin,
      },
      port,
    );
    try {
      await waitForStatus(`${early.url}/healthz`, 200, 30_000);
      expect((await fetch(`${early.url}/readyz`)).status).toBe(503);
      const page = await fetch(`${early.url}/`);
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toBe("5");
      // A browser client on an allowed origin can read the problem (decision 062).
      const api = await fetch(`${early.url}/api/tasks`, { headers: { Origin: clientOrigin } });
      expect(api.status).toBe(503);
      expect(api.headers.get("content-type")).toBe("application/problem+json");
      expect(api.headers.get("access-control-allow-origin")).toBe(clientOrigin);
      expect(early.output()).toContain("waiting for the database");

      cluster.start();
      await waitForStatus(`${early.url}/readyz`, 200, 30_000);
      expect((await fetch(`${early.url}/`)).status).toBe(200);
    } finally {
      await early.stop();
    }
  });

  it("gives up after DATABASE_STARTUP_TIMEOUT_MS with one line and exit code 1", async () => {
    cluster.stop();
    const late = startServer(
      { DATABASE_URL: cluster.url, BETTER_AUTH_SECRET: secret, DATABASE_STARTUP_TIMEOUT_MS: "1500" },
      await freePort(),
    );
    expect(await late.exit).toBe(1);
    const lines = late.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^start-up failed: the database did not answer within 2 s \(last error: ECONNREFUSED\)$/);
  });
});
