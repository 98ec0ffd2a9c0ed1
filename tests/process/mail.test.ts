// Mail as the production server does it: where messages go without SMTP_URL, and accounts
// under REQUIRE_EMAIL_VERIFICATION (a start-up setting, hence a server of its own).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  freePort,
  queueMailBehindTheServers,
  type ServerProcess,
  startServer,
  testSecret,
  waitForStatus,
} from "../support/server-process";
import { postAuthJson, postForm } from "../support/http-client";
import { PASSWORD } from "../support/passwords";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";

const adminUrl = process.env.TEST_DATABASE_URL;
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
const dataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tasklane-mail-"));
  tempDirs.push(dir);
  return dir;
};
const uniqueEmail = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;

async function start(env: Record<string, string>) {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const server = startServer({ BETTER_AUTH_URL: base, LOG_LEVEL: "info", AUTH_RATE_LIMIT: "1000", ...env }, port);
  await waitForStatus(`${server.url}/readyz`);
  return { server, base };
}

const postJson = (base: string, pathname: string, body: unknown, headers: Record<string, string> = {}) =>
  postAuthJson(base, pathname, body, { headers });

/** The server's JSON log lines whose message matches. */
async function logLines(server: ServerProcess, message: RegExp, count = 1): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const lines = server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => message.test(String(line.msg)));
    if (lines.length >= count || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("without SMTP_URL", () => {
  it("on the embedded database, writes each message to the log as one line with its links", async () => {
    const { server, base } = await start({ DATA_DIR: dataDir() });
    try {
      const email = uniqueEmail("laptop");
      expect((await postJson(base, "/sign-up/email", { name: "Lap Top", email, password: PASSWORD })).status).toBe(200);
      // A forwarded host is not where links point: BETTER_AUTH_URL is.
      const requested = await postJson(
        base,
        "/request-password-reset",
        { email },
        { "x-forwarded-host": "evil.example" },
      );
      expect(requested.status).toBe(200);
      const [line] = (await logLines(server, /mail written to the log/, 2)).filter((entry) =>
        /Reset/.test(String(entry.subject)),
      );
      expect(line).toMatchObject({ level: "info", to: email, subject: "Reset your Tasklane password" });
      const [link] = line!.links as string[];
      expect(link).toMatch(new RegExp(`^${base}/reset-password\\?token=[A-Za-z0-9_-]+$`));
      expect(server.output()).not.toContain("SMTP_URL is not set: mail");
    } finally {
      await server.stop();
    }
  });

  it.runIf(adminUrl)("with DATABASE_URL, warns at start-up and logs recipient and subject only", async () => {
    const database = await createTestDatabase(adminUrl!);
    const { server, base } = await start({ DATABASE_URL: database.url, BETTER_AUTH_SECRET: testSecret() });
    try {
      expect((await logLines(server, /SMTP_URL is not set: mail/))[0]).toMatchObject({ level: "warn" });
      const email = uniqueEmail("prod");
      await postJson(base, "/sign-up/email", { name: "Prod", email, password: PASSWORD });
      await postJson(base, "/request-password-reset", { email });
      const lines = await logLines(server, /mail not sent: SMTP_URL is not set/, 2);
      expect(lines.map((line) => line.subject).sort()).toEqual([
        "Confirm your email address for Tasklane",
        "Reset your Tasklane password",
      ]);
      expect(lines[0]).not.toHaveProperty("links");
      expect(server.output()).not.toMatch(/token=/);
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});

describe("REQUIRE_EMAIL_VERIFICATION=true", () => {
  let smtp: SmtpSink;
  let server: ServerProcess;
  let base: string;
  const folder = dataDir();
  const earlier = uniqueEmail("earlier");

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // An account made before the setting was turned on…
    const before = await start({ DATA_DIR: folder, SMTP_URL: smtp.url, LOG_LEVEL: "warn" });
    expect(
      (await postJson(before.base, "/sign-up/email", { name: "Early", email: earlier, password: PASSWORD })).status,
    ).toBe(200);
    await before.server.stop();
    ({ server, base } = await start({
      DATA_DIR: folder,
      SMTP_URL: smtp.url,
      LOG_LEVEL: "warn",
      REQUIRE_EMAIL_VERIFICATION: "true",
    }));
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  it("answers a sign-up with a taken address like a new one, and tells the owner instead", async () => {
    const email = uniqueEmail("owner");
    const first = await postForm(base, "/sign-up", { name: "Owner", email, password: PASSWORD });
    const second = await postForm(base, "/sign-up", { name: "Intruder", email, password: "An0ther!password" });
    for (const response of [first, second]) {
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(
        `/check-email?${new URLSearchParams({ email, reason: "sign-up" })}`,
      );
      expect(response.headers.getSetCookie().filter((cookie) => cookie.includes("session_token"))).toEqual([]);
    }
    // Over HTTP as well: the same status and body shape.
    const again = await postJson(base, "/sign-up/email", { name: "Intruder", email, password: PASSWORD });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ token: null, user: { email } });

    await smtp.waitFor(email, /Confirm your email address/);
    const warning = await smtp.waitFor(email, /Someone tried to sign up/);
    expect(warning.links[0]).toBe(`${base}/forgot-password?${new URLSearchParams({ email })}`);
  });

  it("holds sign-in until the address is confirmed, pointing to a page that offers a new link", async () => {
    const email = uniqueEmail("waiting");
    await postForm(base, "/sign-up", { name: "Waiting", email, password: PASSWORD });
    const refused = await postForm(base, "/sign-in", { email, password: PASSWORD });
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toBe(`/check-email?${new URLSearchParams({ email, reason: "sign-in" })}`);
    const page = await fetch(`${base}${refused.headers.get("location")}`);
    expect(await page.text()).toContain("Send a new link");
    expect((await postJson(base, "/sign-in/email", { email, password: PASSWORD })).status).toBe(403);
    // A wrong password still gets the usual answer: the page is only for the account's owner.
    expect((await postForm(base, "/sign-in", { email, password: "Wr0ng!password" })).status).toBe(401);

    const mail = await smtp.waitFor(email, /Confirm your email address/);
    const token = new URL(mail.links[0]!).searchParams.get("token")!;
    const confirmed = await postForm(base, "/verify-email", { token });
    expect(confirmed.headers.get("location")).toBe("/sign-in");
    const signedIn = await postForm(base, "/sign-in", { email, password: PASSWORD });
    expect(signedIn.headers.get("location")).toBe("/tasks");
  });

  it("meets accounts made before the setting with the same page on their next sign-in", async () => {
    const refused = await postForm(base, "/sign-in", { email: earlier, password: PASSWORD });
    expect(refused.headers.get("location")).toBe(
      `/check-email?${new URLSearchParams({ email: earlier, reason: "sign-in" })}`,
    );
    const resent = await postForm(base, "/check-email", { email: earlier });
    expect(resent.status).toBe(200);
    // The sign-up mail came from the first server (another port); this one links to this server.
    await expect
      .poll(() =>
        smtp.received.filter((mail) => mail.to === earlier && mail.links[0]?.startsWith(`${base}/verify-email?token=`)),
      )
      .toHaveLength(1);
  });
});

describe.runIf(adminUrl)("two server processes on one PostgreSQL", () => {
  it("deliver each queued message once between them", async () => {
    const database = await createTestDatabase(adminUrl!);
    const smtp = await startSmtpSink();
    const env = { DATABASE_URL: database.url, BETTER_AUTH_SECRET: testSecret(), SMTP_URL: smtp.url, LOG_LEVEL: "warn" };
    const first = await start(env);
    const second = await start(env);
    try {
      const recipients = Array.from({ length: 40 }, (_, index) => `queued-${index}@example.com`);
      await queueMailBehindTheServers(database.url, smtp, recipients);
      expect(smtp.received.map((mail) => mail.to).sort()).toEqual([...recipients].sort());
    } finally {
      await Promise.all([first.server.stop(), second.server.stop()]);
      await smtp.stop();
      await database.drop();
    }
  });
});
