// Two-factor sign-in through Better Auth's HTTP endpoints (/api/auth/*), as a program uses it:
// real Better Auth and its plugin, our hooks (limits, audit, consequences), PGlite or PostgreSQL.
import { and, desc, eq, like } from "drizzle-orm";
import { RateLimiterDrizzle } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { auditLog, rateLimitBucket, session, twoFactor, user, verification } from "../../db/schema";
import { auth } from "~/auth/auth.server";
import { resetAuthAttempts } from "~/auth/rate-limit.server";
import { twoFactorChallengeOf, twoFactorChallengeResponse } from "~/auth/two-factor-challenge.server";
import { authGet, authPost as authPostFrom, ORIGIN, randomIp, signUpOverHttp, STRONG_PASSWORD } from "../support/auth";
import { createApiKey } from "~/api-keys/api-keys.server";
import { apiFetch } from "../support/api";
import { withSetCookies as mergeCookies } from "../support/cookies";
import { previousStepCode, secretOfUri, totpCode } from "../support/totp";

// Every call from its own address unless a test says otherwise: the per-IP limits are tested on their own.
const authPost = (path: string, body: unknown, options: { cookie?: string; ip?: string } = {}) =>
  authPostFrom(path, body, { ip: randomIp(), ...options });

const auditEvents = async (userId: string) =>
  (await db.select().from(auditLog).where(eq(auditLog.userId, userId)).orderBy(auditLog.createdAt)).map(
    (row) => row.event,
  );
const sessionCount = async (userId: string) =>
  (await db.select().from(session).where(eq(session.userId, userId))).length;

/** A user with two-factor on: their session cookie, secret (base32, as the QR code carries it) and backup codes. */
async function userWithTwoFactor() {
  const ip = randomIp();
  const account = await signUpOverHttp({ ip });
  const enable = await authPost("/two-factor/enable", { password: STRONG_PASSWORD }, { cookie: account.cookie, ip });
  expect(enable.status).toBe(200);
  const { totpURI, backupCodes } = (await enable.json()) as { totpURI: string; backupCodes: string[] };
  const secret = secretOfUri(totpURI);
  const confirm = await authPost(
    "/two-factor/verify-totp",
    { code: await previousStepCode(secret) },
    { cookie: account.cookie, ip },
  );
  expect(confirm.status).toBe(200);
  // Setting up counted one code against the account: start each test from a clean slate.
  await resetAuthAttempts("two-factor", ip, account.userId);
  return { ...account, ip, secret, backupCodes, cookie: mergeCookies(account.cookie, confirm) };
}

/** The password step: the challenge cookie (and no session). */
async function passwordStep(email: string, ip = randomIp(), cookie = "") {
  const response = await authPost("/sign-in/email", { email, password: STRONG_PASSWORD }, { ip, cookie });
  return { response, challenge: mergeCookies(cookie, response) };
}

describe("turning two-factor on", () => {
  it("needs the password, and is on only after a right code", async () => {
    const ip = randomIp();
    const { userId, cookie } = await signUpOverHttp({ ip });

    const wrongPassword = await authPost("/two-factor/enable", { password: "Wr0ng!password" }, { cookie, ip });
    expect(wrongPassword.status).toBe(400);
    const enable = await authPost("/two-factor/enable", { password: STRONG_PASSWORD }, { cookie, ip });
    const { totpURI, backupCodes } = (await enable.json()) as { totpURI: string; backupCodes: string[] };
    expect(totpURI).toMatch(/^otpauth:\/\/totp\/Tasklane:.+\?secret=[A-Z2-7]+&issuer=Tasklane&digits=6&period=30$/);
    expect(backupCodes).toHaveLength(10);
    expect(backupCodes[0]).toMatch(/^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/);

    // Pending: not on, and a sign-in still needs only the password.
    const [pending] = await db.select().from(user).where(eq(user.id, userId));
    expect(pending!.twoFactorEnabled).toBe(false);
    const [row] = await db.select().from(twoFactor).where(eq(twoFactor.userId, userId));
    expect(row!.verified).toBe(false);
    // The secret and the codes are stored encrypted: neither the secret nor a code appears.
    const secret = secretOfUri(totpURI);
    expect(row!.secret).not.toContain(secret);
    expect(row!.backupCodes).not.toContain(backupCodes[0]);

    const wrong = await authPost(
      "/two-factor/verify-totp",
      { code: "000000" === totpCode(secret) ? "111111" : "000000" },
      { cookie, ip },
    );
    expect(wrong.status).toBe(401);
    const right = await authPost("/two-factor/verify-totp", { code: totpCode(secret) }, { cookie, ip });
    expect(right.status).toBe(200);
    const [on] = await db.select().from(user).where(eq(user.id, userId));
    expect(on!.twoFactorEnabled).toBe(true);
    expect(await auditEvents(userId)).toEqual(["sign-up", "two-factor-failure", "two-factor-enabled"]);
  });
});

describe("signing in with two-factor on", () => {
  it("the password alone gives a challenge, no session; the code gives the session", async () => {
    const { email, userId, secret } = await userWithTwoFactor();
    const before = await sessionCount(userId);
    const ip = randomIp();

    const { response, challenge } = await passwordStep(email, ip);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp"] });
    expect(challenge).toMatch(/better-auth\.two_factor=/);
    expect(challenge).not.toMatch(/session_token/);
    expect(response.headers.get("set-auth-token")).toBeNull();
    expect(await sessionCount(userId)).toBe(before);
    // The challenge alone is no session.
    expect(await (await authGet("/get-session", { cookie: challenge })).json()).toBeNull();
    expect((await authGet("/token", { cookie: challenge })).status).toBe(401);

    const wrong = await authPost(
      "/two-factor/verify-totp",
      { code: totpCode(secret, Date.now() - 90_000) },
      { cookie: challenge, ip },
    );
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).code).toBe("INVALID_CODE");
    expect(await sessionCount(userId)).toBe(before);

    const right = await authPost("/two-factor/verify-totp", { code: totpCode(secret) }, { cookie: challenge, ip });
    expect(right.status).toBe(200);
    const body = (await right.json()) as { token: string; user: { id: string } };
    expect(body.user.id).toBe(userId);
    expect(right.headers.get("set-auth-token")).toBeTruthy();
    expect(await sessionCount(userId)).toBe(before + 1);
    const signedIn = mergeCookies(challenge, right);
    expect(signedIn).not.toMatch(/two_factor=/);
    expect((await (await authGet("/get-session", { cookie: signedIn })).json()).user.id).toBe(userId);

    expect((await auditEvents(userId)).slice(-3)).toEqual([
      "sign-in-second-factor-pending",
      "two-factor-failure",
      "sign-in",
    ]);
    // A challenge answered once is spent.
    const replay = await authPost("/two-factor/verify-totp", { code: totpCode(secret) }, { cookie: challenge, ip });
    expect(replay.status).toBe(401);
  });

  it("accepts the previous period's code, refuses codes outside the window", async () => {
    // userWithTwoFactor set it up with the previous period's code: the window let it in.
    const { email, secret } = await userWithTwoFactor();
    const { challenge } = await passwordStep(email);
    for (const offset of [-90_000, 90_000, -120_000]) {
      const response = await authPost(
        "/two-factor/verify-totp",
        { code: totpCode(secret, Date.now() + offset) },
        { cookie: challenge },
      );
      expect(response.status, `offset ${offset}`).toBe(401);
    }
    const current = await authPost("/two-factor/verify-totp", { code: totpCode(secret) }, { cookie: challenge });
    expect(current.status).toBe(200);
  });

  it("accepts each code once: a code of the step already used, or of an earlier one, is a wrong code", async () => {
    const { email, userId, secret } = await userWithTwoFactor();
    const first = await passwordStep(email);
    const code = totpCode(secret, Date.now() + 30_000);
    expect((await authPost("/two-factor/verify-totp", { code }, { cookie: first.challenge })).status).toBe(200);

    // Another browser, the same code (as one read over a shoulder): refused like a wrong code.
    const second = await passwordStep(email);
    const again = await authPost("/two-factor/verify-totp", { code }, { cookie: second.challenge });
    const wrong = await authPost(
      "/two-factor/verify-totp",
      { code: totpCode(secret, Date.now() - 120_000) },
      { cookie: second.challenge },
    );
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual(await wrong.json());
    // The current step's code is earlier than the one used: refused too.
    const earlier = await authPost("/two-factor/verify-totp", { code: totpCode(secret) }, { cookie: second.challenge });
    expect(earlier.status).toBe(401);
    expect((await earlier.json()).code).toBe("INVALID_CODE");
    expect(await sessionCount(userId)).toBe(2);
    expect((await auditEvents(userId)).slice(-3)).toEqual([
      "two-factor-failure",
      "two-factor-failure",
      "two-factor-failure",
    ]);
  });

  it("a backup code works once", async () => {
    const { email, userId, backupCodes } = await userWithTwoFactor();
    const first = await passwordStep(email);
    const used = await authPost(
      "/two-factor/verify-backup-code",
      { code: backupCodes[3] },
      { cookie: first.challenge },
    );
    expect(used.status).toBe(200);
    expect(mergeCookies(first.challenge, used)).toMatch(/session_token=/);

    const second = await passwordStep(email);
    const again = await authPost(
      "/two-factor/verify-backup-code",
      { code: backupCodes[3] },
      { cookie: second.challenge },
    );
    expect(again.status).toBe(401);
    expect((await again.json()).code).toBe("INVALID_BACKUP_CODE");
    const other = await authPost(
      "/two-factor/verify-backup-code",
      { code: backupCodes[4] },
      { cookie: second.challenge },
    );
    expect(other.status).toBe(200);

    expect((await auditEvents(userId)).slice(-7)).toEqual([
      "sign-in-second-factor-pending",
      "sign-in",
      "backup-code-used",
      "sign-in-second-factor-pending",
      "two-factor-failure",
      "sign-in",
      "backup-code-used",
    ]);
  });

  it("a trusted device skips the code for 30 days, until two-factor is turned off or the password reset", async () => {
    const { email, userId, secret } = await userWithTwoFactor();
    const { challenge } = await passwordStep(email);
    const verified = await authPost(
      "/two-factor/verify-totp",
      { code: totpCode(secret), trustDevice: true },
      { cookie: challenge },
    );
    expect(verified.status).toBe(200);
    const trustCookie = verified.headers.getSetCookie().find((value) => value.startsWith("better-auth.trust_device="));
    expect(trustCookie).toMatch(/Max-Age=2592000/);
    expect(trustCookie).toMatch(/HttpOnly/);
    const device = mergeCookies("", verified)
      .split("; ")
      .filter((pair) => pair.startsWith("better-auth.trust_device="))
      .join("; ");

    // The same browser, later: the password is enough, and the log says why.
    const trusted = await passwordStep(email, randomIp(), device);
    expect((await trusted.response.json()).token).toBeTruthy();
    const [latest] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.userId, userId))
      .orderBy(desc(auditLog.createdAt))
      .limit(1);
    expect(latest).toMatchObject({ event: "sign-in", details: { secondFactor: "trusted-device" } });

    // A password reset forgets every trusted device, and two-factor stays on.
    const resetRequest = await authPost("/request-password-reset", { email }, { ip: randomIp() });
    expect(resetRequest.status).toBe(200);
    const [token] = await db
      .select()
      .from(verification)
      .where(and(eq(verification.value, userId), like(verification.identifier, "reset-password:%")));
    const reset = await authPost(
      "/reset-password",
      {
        token: token!.identifier.replace("reset-password:", ""),
        newPassword: STRONG_PASSWORD.replace("Str0ng", "N3wer"),
      },
      { ip: randomIp() },
    );
    expect(reset.status).toBe(200);
    const trustedRows = await db
      .select()
      .from(verification)
      .where(and(eq(verification.value, userId), like(verification.identifier, "trust-device-%")));
    expect(trustedRows).toHaveLength(0);
    const [after] = await db.select().from(user).where(eq(user.id, userId));
    expect(after!.twoFactorEnabled).toBe(true);
    const afterReset = await authPost(
      "/sign-in/email",
      { email, password: STRONG_PASSWORD.replace("Str0ng", "N3wer") },
      { ip: randomIp(), cookie: device },
    );
    expect(await afterReset.json()).toMatchObject({ twoFactorRedirect: true });
  });
});

describe("turning two-factor off", () => {
  it("needs the password, ends every other session and forgets every trusted device", async () => {
    const { email, userId, secret, cookie, ip } = await userWithTwoFactor();
    // A second browser, trusted.
    const { challenge } = await passwordStep(email);
    const other = await authPost(
      "/two-factor/verify-totp",
      { code: totpCode(secret), trustDevice: true },
      { cookie: challenge },
    );
    const otherCookie = mergeCookies(challenge, other);
    expect(await sessionCount(userId)).toBe(2);

    const wrong = await authPost("/two-factor/disable", { password: "Wr0ng!password" }, { cookie, ip });
    expect(wrong.status).toBe(400);
    expect(await sessionCount(userId)).toBe(2);

    const off = await authPost("/two-factor/disable", { password: STRONG_PASSWORD }, { cookie, ip });
    expect(off.status).toBe(200);
    const current = mergeCookies(cookie, off);
    expect((await (await authGet("/get-session", { cookie: current })).json()).user.twoFactorEnabled).toBe(false);
    expect(await (await authGet("/get-session", { cookie: otherCookie })).json()).toBeNull();
    expect(await sessionCount(userId)).toBe(1);
    expect(await db.select().from(twoFactor).where(eq(twoFactor.userId, userId))).toHaveLength(0);
    const trusted = await db
      .select()
      .from(verification)
      .where(and(eq(verification.value, userId), like(verification.identifier, "trust-device-%")));
    expect(trusted).toHaveLength(0);
    expect((await auditEvents(userId)).at(-1)).toBe("two-factor-disabled");

    // The password alone signs in again.
    expect((await (await passwordStep(email)).response.json()).token).toBeTruthy();
  });
});

describe("new backup codes", () => {
  it("need the password; the old ones stop working", async () => {
    const { email, userId, cookie, ip, backupCodes } = await userWithTwoFactor();
    expect(
      (await authPost("/two-factor/generate-backup-codes", { password: "Wr0ng!password" }, { cookie, ip })).status,
    ).toBe(400);
    const fresh = await authPost("/two-factor/generate-backup-codes", { password: STRONG_PASSWORD }, { cookie, ip });
    expect(fresh.status).toBe(200);
    const { backupCodes: newCodes } = (await fresh.json()) as { backupCodes: string[] };
    expect(newCodes).toHaveLength(10);

    const { challenge } = await passwordStep(email);
    expect(
      (await authPost("/two-factor/verify-backup-code", { code: backupCodes[0] }, { cookie: challenge })).status,
    ).toBe(401);
    expect(
      (await authPost("/two-factor/verify-backup-code", { code: newCodes[0] }, { cookie: challenge })).status,
    ).toBe(200);
    expect(await auditEvents(userId)).toContain("backup-codes-regenerated");
  });
});

describe("attempt limits", () => {
  it(`allow AUTH_RATE_LIMIT codes a minute per account, counted in the database every process shares`, async () => {
    const { email, userId, secret } = await userWithTwoFactor();
    const wrongCode = () => (totpCode(secret) === "000000" ? "111111" : "000000");
    // Each challenge allows 5 codes (the plugin's rule): take a new one, from a new IP, as needed.
    let challenge = "";
    const statuses: number[] = [];
    for (let attempt = 0; attempt < config.AUTH_RATE_LIMIT; attempt++) {
      if (attempt % 4 === 0) challenge = (await passwordStep(email)).challenge;
      statuses.push(
        (await authPost("/two-factor/verify-totp", { code: wrongCode() }, { cookie: challenge, ip: randomIp() }))
          .status,
      );
    }
    expect(statuses).toEqual(Array.from({ length: config.AUTH_RATE_LIMIT }, () => 401));

    // Another process (another limiter on the same table) sees the same count.
    const otherProcess = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimitBucket,
      keyPrefix: "auth",
      points: config.AUTH_RATE_LIMIT,
      duration: 60,
    });
    const state = await otherProcess.get(`two-factor:account:${userId}`);
    expect(state?.consumedPoints).toBe(config.AUTH_RATE_LIMIT);

    // Over the limit: 429 with Retry-After, even with the right code, from a fresh IP.
    challenge = (await passwordStep(email)).challenge;
    const limited = await authPost(
      "/two-factor/verify-totp",
      { code: totpCode(secret) },
      { cookie: challenge, ip: randomIp() },
    );
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).code).toBe("TOO_MANY_ATTEMPTS");
  });

  it("are counted per client IP too, across accounts", async () => {
    const ip = randomIp();
    const accounts = await Promise.all([userWithTwoFactor(), userWithTwoFactor()]);
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= config.AUTH_RATE_LIMIT; attempt++) {
      const target = accounts[attempt % 2]!;
      const { challenge } = await passwordStep(target.email);
      statuses.push(
        (await authPost("/two-factor/verify-backup-code", { code: "AAAAA-BBBBB" }, { cookie: challenge, ip })).status,
      );
    }
    expect(statuses.slice(0, config.AUTH_RATE_LIMIT).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("another person's factor", () => {
  it("is never readable or usable from someone else's session or challenge", async () => {
    const alice = await userWithTwoFactor();
    const bob = await signUpOverHttp();
    // Bob's session reads his own (absent) secret, never Alice's.
    const uri = await authPost("/two-factor/get-totp-uri", { password: STRONG_PASSWORD }, { cookie: bob.cookie });
    expect(uri.status).toBe(400);
    expect(await uri.text()).not.toContain(alice.secret);
    // The server-only endpoint that reads codes by user id is not reachable over HTTP.
    const view = await authPost("/two-factor/view-backup-codes", { userId: alice.userId }, { cookie: bob.cookie });
    expect(view.status).toBe(404);
    // Alice's code does not answer Bob's... and nothing user-supplied picks the account.
    const answered = await authPost(
      "/two-factor/verify-totp",
      { code: totpCode(alice.secret), userId: alice.userId },
      { cookie: bob.cookie },
    );
    expect(answered.status).toBe(400);
    // A forged challenge cookie is refused.
    const forged = await authPost(
      "/two-factor/verify-totp",
      { code: totpCode(alice.secret) },
      { cookie: "better-auth.two_factor=2fa-forged.sig" },
    );
    expect(forged.status).toBe(401);
    expect(await auditEvents(bob.userId)).toEqual(["sign-up"]);
  });
});

describe("hook order and the challenge answer other sign-in routes reuse", () => {
  it("our after hook runs after the plugin's: the password step is 'pending', never a sign-in", async () => {
    const { email, userId } = await userWithTwoFactor();
    const before = (await auditEvents(userId)).length;
    const { response } = await passwordStep(email);
    expect(response.status).toBe(200);
    // Had our hook run first, it would have seen the plugin's not-yet-deleted session and logged "sign-in".
    expect((await auditEvents(userId)).slice(before)).toEqual(["sign-in-second-factor-pending"]);
  });

  it("twoFactorChallengeOf + twoFactorChallengeResponse answer like /api/auth/sign-in/email, and the cookie works", async () => {
    const { email, userId, secret } = await userWithTwoFactor();
    const ip = randomIp();
    const headers = new Headers({ origin: ORIGIN, "x-client-ip": ip });
    const result = await auth.api.signInEmail({
      body: { email, password: STRONG_PASSWORD },
      headers,
      returnHeaders: true,
    });
    const challenge = twoFactorChallengeOf(result);
    expect(challenge?.methods).toEqual(["totp"]);
    const answer = twoFactorChallengeResponse(challenge!);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(await answer.json()).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp"] });
    const cookie = mergeCookies("", answer);
    expect(cookie).toMatch(/^better-auth\.two_factor=/);
    const verified = await authPost("/two-factor/verify-totp", { code: totpCode(secret) }, { cookie, ip });
    expect(((await verified.json()) as { user: { id: string } }).user.id).toBe(userId);

    // An account without two-factor: no challenge.
    const plain = await signUpOverHttp();
    const signedIn = await auth.api.signInEmail({
      body: { email: plain.email, password: STRONG_PASSWORD },
      headers,
      returnHeaders: true,
    });
    expect(twoFactorChallengeOf(signedIn)).toBeNull();
  });
});

describe("issued credentials", () => {
  it("API tokens issued before two-factor was turned on stay valid", async () => {
    const ip = randomIp();
    const { cookie } = await signUpOverHttp({ ip });
    const token = (await (await authGet("/token", { cookie })).json()).token as string;
    const enable = await authPost("/two-factor/enable", { password: STRONG_PASSWORD }, { cookie, ip });
    const secret = secretOfUri(((await enable.json()) as { totpURI: string }).totpURI);
    expect((await authPost("/two-factor/verify-totp", { code: totpCode(secret) }, { cookie, ip })).status).toBe(200);
    const { verifyApiToken } = await import("~/api/jwt.server");
    await expect(verifyApiToken(token)).resolves.toBeTruthy();
  });
});

describe("the plan's POST /api/auth/login", () => {
  it("answers an account with two-factor on with the same challenge, no token and no session; the code then signs in", async () => {
    const { email, userId, secret } = await userWithTwoFactor();
    const before = await sessionCount(userId);
    const login = await apiFetch(
      "/api/auth/login",
      {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email, password: STRONG_PASSWORD }),
      },
      randomIp(),
    );
    expect(login.status).toBe(200);
    expect(await login.json()).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp"] });
    expect(login.headers.get("set-auth-token")).toBeNull();
    expect(await sessionCount(userId)).toBe(before);
    expect((await auditEvents(userId)).at(-1)).toBe("sign-in-second-factor-pending");

    const verified = await authPost(
      "/two-factor/verify-totp",
      { code: totpCode(secret) },
      { cookie: mergeCookies("", login) },
    );
    expect(verified.status).toBe(200);
    expect(verified.headers.get("set-auth-token")).toBeTruthy();
    expect(await sessionCount(userId)).toBe(before + 1);
  });

  it("leaves an API key made before two-factor was turned on working", async () => {
    const ip = randomIp();
    const account = await signUpOverHttp({ ip });
    const { key } = await createApiKey(
      { id: account.userId, name: "Test User", email: account.email },
      { name: "script", scope: "write", lifetimeDays: 30 },
      { ipAddress: ip, userAgent: "test" },
    );
    const enable = await authPost("/two-factor/enable", { password: STRONG_PASSWORD }, { cookie: account.cookie, ip });
    const secret = secretOfUri(((await enable.json()) as { totpURI: string }).totpURI);
    expect(
      (await authPost("/two-factor/verify-totp", { code: totpCode(secret) }, { cookie: account.cookie, ip })).status,
    ).toBe(200);
    expect((await db.select().from(user).where(eq(user.id, account.userId)))[0]!.twoFactorEnabled).toBe(true);

    const list = await apiFetch("/api/tasks", { headers: { authorization: `Bearer ${key}` } });
    expect(list.status).toBe(200);
  });
});
