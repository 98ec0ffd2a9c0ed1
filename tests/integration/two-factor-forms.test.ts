// The two-factor pages driven as a browser without JavaScript drives them: form posts to the
// route actions (real Better Auth and plugin, real database), redirects, cookies and replies.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { resetAuthAttempts } from "~/auth/rate-limit.server";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { loader as backupCodesLoader } from "~/routes/settings.two-factor.backup-codes";
import { action as setupAction, loader as setupLoader } from "~/routes/settings.two-factor.setup";
import { action as twoFactorSettingsAction, loader as twoFactorSettingsLoader } from "~/routes/settings.two-factor";
import { action as signInAction } from "~/routes/sign-in";
import { action as secondStepAction, loader as secondStepLoader } from "~/routes/sign-in.two-factor";
import { auditLog, session, user } from "../../db/schema";
import {
  authGet,
  formPost,
  pageGet,
  randomIp,
  replyErrors,
  runRoute,
  signUpOverHttp,
  STRONG_PASSWORD,
} from "../support/auth";
import { withSetCookies } from "../support/cookies";
import { previousStepCode, totpCode } from "../support/totp";

const auditEvents = async (userId: string) =>
  (await db.select().from(auditLog).where(eq(auditLog.userId, userId)).orderBy(auditLog.createdAt)).map(
    (row) => row.event,
  );
const sessionCount = async (userId: string) =>
  (await db.select().from(session).where(eq(session.userId, userId))).length;
const signedInUserId = async (cookie: string) =>
  ((await (await authGet("/get-session", { cookie })).json()) as { user: { id: string } } | null)?.user.id ?? null;

/** Turns two-factor on through the settings pages; returns the new cookie, the secret the page shows and the codes. */
async function turnOnWithForms() {
  const ip = randomIp();
  const account = await signUpOverHttp({ ip });
  const start = await runRoute(
    twoFactorSettingsAction,
    formPost("/settings/two-factor", { intent: "enable", password: STRONG_PASSWORD }, { cookie: account.cookie, ip }),
    { clientIp: ip },
  );
  expect(start).toMatchObject({ status: 302, location: "/settings/two-factor/setup" });

  const page = await runRoute(setupLoader, pageGet("/settings/two-factor/setup", { cookie: account.cookie, ip }));
  const { secret, qrModules } = page.data as { secret: string; qrModules: boolean[][] };
  expect(secret).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  expect(qrModules.length).toBeGreaterThan(20);

  const confirm = await runRoute(
    setupAction,
    formPost(
      "/settings/two-factor/setup",
      { code: await previousStepCode(secret.replace(/ /g, "")) },
      { cookie: account.cookie, ip },
    ),
    { clientIp: ip },
  );
  expect(confirm).toMatchObject({ status: 302, location: "/settings/two-factor/backup-codes" });
  const cookie = withSetCookies(account.cookie, confirm.headers);

  const codesPage = await runRoute(backupCodesLoader, pageGet("/settings/two-factor/backup-codes", { cookie, ip }));
  const { codes, download } = codesPage.data as { codes: string[]; download: string };
  await resetAuthAttempts("two-factor", ip, account.userId);
  return { ...account, ip, cookie, secret, codes, download };
}

describe("turning it on in settings", () => {
  it("password, QR code and secret, a first code, then the 10 backup codes once", async () => {
    const { userId, cookie, ip, codes, download, secret } = await turnOnWithForms();
    expect(codes).toHaveLength(10);
    expect(decodeURIComponent(download.replace(/^data:text\/plain;charset=utf-8,/, ""))).toContain(codes.join("\n"));
    // Shown once: the second visit goes back to the settings, with a message.
    const again = await runRoute(backupCodesLoader, pageGet("/settings/two-factor/backup-codes", { cookie, ip }));
    expect(again).toMatchObject({ status: 302, location: "/settings/two-factor" });
    // The setup page has nothing to show once it is on.
    const setup = await runRoute(setupLoader, pageGet("/settings/two-factor/setup", { cookie, ip }));
    expect(setup).toMatchObject({ status: 302, location: "/settings/two-factor" });
    const status = await runRoute(twoFactorSettingsLoader, pageGet("/settings/two-factor", { cookie, ip }));
    expect(status.data).toEqual({ state: "on", backupCodesLeft: 10 });
    expect(secret).not.toBe("");
    expect(await auditEvents(userId)).toEqual(["sign-up", "two-factor-enabled"]);
  });

  it("a wrong password or a wrong first code is a clear 4xx on the form", async () => {
    const ip = randomIp();
    const { cookie } = await signUpOverHttp({ ip });
    const wrong = await runRoute(
      twoFactorSettingsAction,
      formPost("/settings/two-factor", { intent: "enable", password: "Wr0ng!password" }, { cookie, ip }),
      { clientIp: ip },
    );
    expect(wrong.status).toBe(400);
    expect(replyErrors(wrong.data).password).toEqual(["That password is not correct."]);

    const unknown = await runRoute(
      twoFactorSettingsAction,
      formPost("/settings/two-factor", { intent: "nope", password: "x" }, { cookie, ip }),
    );
    expect(unknown.status).toBe(400);

    await runRoute(
      twoFactorSettingsAction,
      formPost("/settings/two-factor", { intent: "enable", password: STRONG_PASSWORD }, { cookie, ip }),
      { clientIp: ip },
    );
    for (const code of ["12345", "abcdef", "1234567"]) {
      const malformed = await runRoute(setupAction, formPost("/settings/two-factor/setup", { code }, { cookie, ip }), {
        clientIp: ip,
      });
      expect(malformed.status).toBe(400);
      expect(replyErrors(malformed.data).code).toEqual(["Enter the 6-digit code from your authenticator app."]);
    }
    const { secret } = (await runRoute(setupLoader, pageGet("/settings/two-factor/setup", { cookie, ip }))).data as {
      secret: string;
    };
    const old = await runRoute(
      setupAction,
      formPost(
        "/settings/two-factor/setup",
        { code: totpCode(secret.replace(/ /g, ""), Date.now() - 120_000) },
        { cookie, ip },
      ),
      { clientIp: ip },
    );
    expect(old.status).toBe(401);
    expect(replyErrors(old.data).code?.[0]).toMatch(/not right/);
  });
});

describe("signing in with the forms", () => {
  it("password → second page (no session) → code → signed in, and the log tells the steps apart", async () => {
    const { email, userId, secret } = await turnOnWithForms();
    const ip = randomIp();
    const before = await sessionCount(userId);

    const password = await runRoute(
      signInAction,
      formPost("/sign-in", { email, password: STRONG_PASSWORD, redirectTo: "/labels" }, { ip }),
      { clientIp: ip },
    );
    expect(password.status).toBe(302);
    expect(password.location).toBe("/sign-in/two-factor?redirectTo=%2Flabels");
    const challenge = withSetCookies("", password.headers);
    expect(challenge).toMatch(/^better-auth\.two_factor=/);
    expect(await signedInUserId(challenge)).toBeNull();
    expect(await sessionCount(userId)).toBe(before);

    // The second page needs the challenge; without it, back to the password.
    expect((await runRoute(secondStepLoader, pageGet("/sign-in/two-factor", { ip }))).location).toBe("/sign-in");
    expect((await runRoute(secondStepLoader, pageGet("/sign-in/two-factor", { cookie: challenge, ip }))).status).toBe(
      200,
    );

    const wrong = await runRoute(
      secondStepAction,
      formPost(
        "/sign-in/two-factor",
        { method: "totp", code: totpCode(secret.replace(/ /g, ""), Date.now() - 120_000) },
        { cookie: challenge, ip },
      ),
      { clientIp: ip },
    );
    expect(wrong.status).toBe(401);
    expect(replyErrors(wrong.data).code?.[0]).toMatch(/not right/);
    expect(await sessionCount(userId)).toBe(before);

    const right = await runRoute(
      secondStepAction,
      formPost(
        "/sign-in/two-factor",
        { method: "totp", code: totpCode(secret.replace(/ /g, "")).replace(/(\d{3})/, "$1 "), redirectTo: "/labels" },
        { cookie: challenge, ip },
      ),
      { clientIp: ip },
    );
    expect(right).toMatchObject({ status: 302, location: "/labels" });
    const signedIn = withSetCookies(challenge, right.headers);
    expect(await signedInUserId(signedIn)).toBe(userId);
    expect(signedIn).not.toMatch(/two_factor=/);
    expect((await auditEvents(userId)).slice(-3)).toEqual([
      "sign-in-second-factor-pending",
      "two-factor-failure",
      "sign-in",
    ]);
  });

  it("a backup code works once on the form, and trusting the device skips the page next time", async () => {
    const { email, userId, codes } = await turnOnWithForms();
    const ip = randomIp();
    const step = async (cookie = "") => {
      const outcome = await runRoute(
        signInAction,
        formPost("/sign-in", { email, password: STRONG_PASSWORD }, { ip, cookie }),
        { clientIp: ip },
      );
      return { outcome, cookie: withSetCookies(cookie, outcome.headers) };
    };

    const first = await step();
    const used = await runRoute(
      secondStepAction,
      formPost(
        "/sign-in/two-factor",
        { method: "backup-code", code: ` ${codes[0]!.replace("-", "")} `, trustDevice: "on" },
        { cookie: first.cookie, ip },
      ),
      { clientIp: ip },
    );
    expect(used).toMatchObject({ status: 302, location: "/tasks" });
    const device = withSetCookies(first.cookie, used.headers);
    expect(device).toMatch(/better-auth\.trust_device=/);

    // Trusted: the password goes straight to the tasks.
    const trusted = await step(
      device
        .split("; ")
        .filter((pair) => pair.startsWith("better-auth.trust_device="))
        .join("; "),
    );
    expect(trusted.outcome.location).toBe("/tasks");

    const untrusted = await step();
    const reused = await runRoute(
      secondStepAction,
      formPost("/sign-in/two-factor", { method: "backup-code", code: codes[0]! }, { cookie: untrusted.cookie, ip }),
      { clientIp: ip },
    );
    expect(reused.status).toBe(401);
    expect(replyErrors(reused.data).code).toEqual(["That backup code is not right, or it has been used already."]);
    const malformed = await runRoute(
      secondStepAction,
      formPost("/sign-in/two-factor", { method: "backup-code", code: "<script>" }, { cookie: untrusted.cookie, ip }),
      { clientIp: ip },
    );
    expect(malformed.status).toBe(400);
    expect(await auditEvents(userId)).toContain("backup-code-used");
  });

  it("a spent or missing challenge sends the person back to the password, never a 500", async () => {
    const ip = randomIp();
    const noChallenge = await runRoute(
      secondStepAction,
      formPost(
        "/sign-in/two-factor",
        { method: "totp", code: "123456" },
        { cookie: "better-auth.two_factor=forged.value", ip },
      ),
      { clientIp: ip },
    );
    expect(noChallenge).toMatchObject({ status: 302, location: "/sign-in" });
  });

  it("the form's code attempts count against the same shared per-account limit", async () => {
    const { email, userId, secret } = await turnOnWithForms();
    const plain = secret.replace(/ /g, "");
    const wrongCode = totpCode(plain) === "000000" ? "111111" : "000000";
    const statuses: number[] = [];
    let challenge = "";
    for (let attempt = 0; attempt <= config.AUTH_RATE_LIMIT; attempt++) {
      const ip = randomIp();
      if (attempt % 4 === 0) {
        const step = await runRoute(signInAction, formPost("/sign-in", { email, password: STRONG_PASSWORD }, { ip }), {
          clientIp: ip,
        });
        challenge = withSetCookies("", step.headers);
      }
      const outcome = await runRoute(
        secondStepAction,
        formPost("/sign-in/two-factor", { method: "totp", code: wrongCode }, { cookie: challenge, ip }),
        { clientIp: ip },
      );
      statuses.push(outcome.status);
      if (outcome.status === 429) expect(replyErrors(outcome.data)[""]?.[0]).toMatch(/Too many attempts/);
    }
    expect(statuses.slice(0, config.AUTH_RATE_LIMIT).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(await sessionCount(userId)).toBe(1);
  });
});

describe("turning it off and new codes in settings", () => {
  it("new codes replace the old ones and are shown once", async () => {
    const { cookie, ip, codes } = await turnOnWithForms();
    const regenerate = await runRoute(
      twoFactorSettingsAction,
      formPost(
        "/settings/two-factor",
        { intent: "regenerate-backup-codes", password: STRONG_PASSWORD },
        { cookie, ip },
      ),
      { clientIp: ip },
    );
    expect(regenerate).toMatchObject({ status: 302, location: "/settings/two-factor/backup-codes" });
    const page = await runRoute(backupCodesLoader, pageGet("/settings/two-factor/backup-codes", { cookie, ip }));
    const fresh = (page.data as { codes: string[] }).codes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => codes.includes(code))).toBe(false);
  });

  it("turning off needs the password and signs out every other session", async () => {
    const { email, userId, cookie, ip, secret } = await turnOnWithForms();
    // Another browser signs in with a code.
    const other = await runRoute(signInAction, formPost("/sign-in", { email, password: STRONG_PASSWORD }, { ip }), {
      clientIp: ip,
    });
    const otherChallenge = withSetCookies("", other.headers);
    const otherIn = await runRoute(
      secondStepAction,
      formPost(
        "/sign-in/two-factor",
        { method: "totp", code: totpCode(secret.replace(/ /g, "")) },
        { cookie: otherChallenge, ip },
      ),
      { clientIp: ip },
    );
    const otherCookie = withSetCookies(otherChallenge, otherIn.headers);
    expect(await signedInUserId(otherCookie)).toBe(userId);

    const wrong = await runRoute(
      twoFactorSettingsAction,
      formPost("/settings/two-factor", { intent: "disable", password: "Wr0ng!password" }, { cookie, ip }),
      { clientIp: ip },
    );
    expect(wrong.status).toBe(400);
    const off = await runRoute(
      twoFactorSettingsAction,
      formPost("/settings/two-factor", { intent: "disable", password: STRONG_PASSWORD }, { cookie, ip }),
      { clientIp: ip },
    );
    expect(off).toMatchObject({ status: 302, location: "/settings/two-factor" });
    const current = withSetCookies(cookie, off.headers);
    expect(await signedInUserId(current)).toBe(userId);
    expect(await signedInUserId(otherCookie)).toBeNull();
    const [row] = await db.select().from(user).where(eq(user.id, userId));
    expect(row!.twoFactorEnabled).toBe(false);
    expect((await auditEvents(userId)).at(-1)).toBe("two-factor-disabled");
  });
});
