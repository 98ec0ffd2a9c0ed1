// Better Auth's own HTTP endpoints (/api/auth/*), as an external client would call them:
// the app's rules (password policy, attempt limits, audit log) must hold here too.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recordAuditEvent } from "~/audit.server";
import { resetAuthAttempts } from "~/auth/rate-limit.server";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { account, auditLog, rateLimitBucket, session, task, user } from "../../db/schema";
import { authGet, authPost, cookieFrom, randomIp, signUpOverHttp, STRONG_PASSWORD, uniqueEmail } from "../support/auth";
import { ensureInbox } from "~/projects/projects.server";

const auditEvents = async (userId: string) =>
  (await db.select().from(auditLog).where(eq(auditLog.userId, userId)).orderBy(auditLog.createdAt)).map(
    (row) => row.event,
  );

describe("sign-up over HTTP", () => {
  it("creates the user, a credential account and a session, and sets an httpOnly Lax cookie", async () => {
    const email = uniqueEmail();
    const response = await authPost(
      "/sign-up/email",
      { name: "Ada", email, password: STRONG_PASSWORD },
      { ip: randomIp() },
    );
    expect(response.status).toBe(200);
    const [created] = await db.select().from(user).where(eq(user.email, email));
    expect(created).toMatchObject({ name: "Ada", emailVerified: false });
    expect(await db.select().from(session).where(eq(session.userId, created!.id))).toHaveLength(1);
    const [credential] = await db.select().from(account).where(eq(account.userId, created!.id));
    expect(credential!.password).not.toContain(STRONG_PASSWORD);

    const cookie = response.headers.getSetCookie().find((value) => value.startsWith("better-auth.session_token="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=604800/);

    const current = await authGet("/get-session", { cookie: cookieFrom(response) });
    expect((await current.json()).user.email).toBe(email);
  });

  it("refuses an email that is already registered", async () => {
    const { email } = await signUpOverHttp();
    const response = await authPost(
      "/sign-up/email",
      { name: "Again", email, password: STRONG_PASSWORD },
      { ip: randomIp() },
    );
    expect(response.status).toBe(422);
    expect((await response.json()).code).toMatch(/^USER_ALREADY_EXISTS/);
  });

  it.each([
    ["too short", "Aa1!aaa"],
    ["no uppercase", "lowercase1!"],
    ["no lowercase", "UPPERCASE1!"],
    ["no digit", "NoDigits!!"],
    ["no special character", "NoSpecial11"],
    ["too long", `Aa1!${"a".repeat(125)}`],
  ])("rejects a weak password (%s) and creates nothing", async (_label, password) => {
    const email = uniqueEmail();
    const response = await authPost("/sign-up/email", { name: "Weak", email, password }, { ip: randomIp() });
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("PASSWORD_TOO_WEAK");
    expect(await db.select().from(user).where(eq(user.email, email))).toHaveLength(0);
  });
});

describe("change password over HTTP", () => {
  it("rejects a weak new password and keeps the old one", async () => {
    const { email, cookie } = await signUpOverHttp();
    const response = await authPost(
      "/change-password",
      { currentPassword: STRONG_PASSWORD, newPassword: "weakpassword" },
      { cookie },
    );
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("PASSWORD_TOO_WEAK");
    const signIn = await authPost("/sign-in/email", { email, password: STRONG_PASSWORD }, { ip: randomIp() });
    expect(signIn.status).toBe(200);
  });

  it("changes the password: the old one stops working, the new one works", async () => {
    const { email, cookie, userId } = await signUpOverHttp();
    const newPassword = "An0ther!secret";
    const response = await authPost("/change-password", { currentPassword: STRONG_PASSWORD, newPassword }, { cookie });
    expect(response.status).toBe(200);
    expect((await authPost("/sign-in/email", { email, password: STRONG_PASSWORD }, { ip: randomIp() })).status).toBe(
      401,
    );
    expect((await authPost("/sign-in/email", { email, password: newPassword }, { ip: randomIp() })).status).toBe(200);
    expect(await auditEvents(userId)).toEqual(["sign-up", "password-change", "sign-in-failure", "sign-in"]);
  });
});

describe("sign-in over HTTP", () => {
  it("gives the same status and message for a wrong password and an unknown email", async () => {
    const { email } = await signUpOverHttp();
    const wrongPassword = await authPost("/sign-in/email", { email, password: "Wr0ng!password" }, { ip: randomIp() });
    const unknownEmail = await authPost(
      "/sign-in/email",
      { email: uniqueEmail(), password: "Wr0ng!password" },
      { ip: randomIp() },
    );
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await unknownEmail.json());
  });
});

describe("sessions", () => {
  it("a revoked session's cookie stops working at once", async () => {
    const { email, cookie: first, userId } = await signUpOverHttp();
    const second = cookieFrom(
      await authPost("/sign-in/email", { email, password: STRONG_PASSWORD }, { ip: randomIp() }),
    );
    const [other] = await db
      .select()
      .from(session)
      .where(and(eq(session.userId, userId)))
      .orderBy(session.createdAt);
    // The first session (from sign-up) is revoked from the second one.
    const revoke = await authPost("/revoke-session", { token: other!.token }, { cookie: second });
    expect(revoke.status).toBe(200);
    expect(await (await authGet("/get-session", { cookie: first })).json()).toBeNull();
    expect((await (await authGet("/get-session", { cookie: second })).json()).user.id).toBe(userId);
    expect(await auditEvents(userId)).toContain("session-revoked");
  });

  it("sign-out revokes the session on the server and is audited", async () => {
    const { cookie, userId } = await signUpOverHttp();
    const response = await authPost("/sign-out", {}, { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().join()).toMatch(/better-auth\.session_token=;/);
    expect(await db.select().from(session).where(eq(session.userId, userId))).toHaveLength(0);
    expect(await auditEvents(userId)).toEqual(["sign-up", "sign-out"]);
  });
});

describe("delete account over HTTP", () => {
  it("needs the password, then removes the user, sessions and tasks, and audits it", async () => {
    const { cookie, userId, email } = await signUpOverHttp();
    const projectId = await ensureInbox(userId);
    await db.insert(task).values([
      { userId, projectId, title: "One" },
      { userId, projectId, title: "Two" },
    ]);

    const wrong = await authPost("/delete-user", { password: "Wr0ng!password" }, { cookie });
    expect(wrong.status).toBe(400);
    expect(await db.select().from(user).where(eq(user.id, userId))).toHaveLength(1);

    const response = await authPost("/delete-user", { password: STRONG_PASSWORD }, { cookie });
    expect(response.status).toBe(200);
    expect(await db.select().from(user).where(eq(user.id, userId))).toHaveLength(0);
    expect(await db.select().from(session).where(eq(session.userId, userId))).toHaveLength(0);
    expect(await db.select().from(task).where(eq(task.userId, userId))).toHaveLength(0);
    const [deleted] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, "account-deleted"), eq(auditLog.email, email)));
    expect(deleted).toMatchObject({ userId: null, details: { userId } });
  });
});

describe("audit log", () => {
  it("records IP, user agent and the email tried on a failed sign-in, never the password", async () => {
    const { email, userId } = await signUpOverHttp();
    const secret = "Wr0ng!guess-xyz";
    await authPost("/sign-in/email", { email, password: secret }, { ip: "203.0.113.7", userAgent: "Curious/2.0" });
    const rows = await db.select().from(auditLog).where(eq(auditLog.event, "sign-in-failure"));
    const failure = rows.find((row) => row.email === email);
    expect(failure).toMatchObject({ userId, ipAddress: "203.0.113.7", userAgent: "Curious/2.0" });
    expect(JSON.stringify(rows)).not.toContain(secret);
  });
});

describe("audit log failures", () => {
  it("never surface to the caller: a write the database refuses is logged, not thrown", async () => {
    // A user id that does not exist breaks the foreign key: the insert fails for real.
    await expect(recordAuditEvent({ event: "sign-in", userId: randomUUID() })).resolves.toBeUndefined();
  });
});

describe("attempt limits", () => {
  const limit = config.AUTH_RATE_LIMIT;

  it("trips for one email tried from many IPs: 429 with Retry-After", async () => {
    const email = uniqueEmail("target");
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < limit + 1; i++) {
      last = await authPost("/sign-in/email", { email, password: "Wr0ng!password" }, { ip: randomIp() });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, limit).every((status) => status === 401)).toBe(true);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(last!.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await last!.json()).code).toBe("TOO_MANY_ATTEMPTS");
  });

  it("trips for one IP trying many emails, before 20 tries", async () => {
    const ip = randomIp();
    let tries = 0;
    let status = 0;
    while (tries < 20 && status !== 429) {
      tries++;
      status = (await authPost("/sign-in/email", { email: uniqueEmail(), password: "Wr0ng!password" }, { ip })).status;
    }
    expect(status).toBe(429);
    expect(tries).toBe(limit + 1);
  });

  it("also limits sign-up per IP", async () => {
    const ip = randomIp();
    for (let i = 0; i < limit; i++) {
      await authPost("/sign-up/email", { name: "Spam", email: uniqueEmail(), password: "weak" }, { ip });
    }
    const response = await authPost(
      "/sign-up/email",
      { name: "Spam", email: uniqueEmail(), password: STRONG_PASSWORD },
      { ip },
    );
    expect(response.status).toBe(429);
  });

  it("resets once the bucket expires, or is cleared", async () => {
    const ip = randomIp();
    const { email } = await signUpOverHttp();
    for (let i = 0; i < limit; i++) await authPost("/sign-in/email", { email, password: "Wr0ng!password" }, { ip });
    expect((await authPost("/sign-in/email", { email, password: STRONG_PASSWORD }, { ip })).status).toBe(429);

    // A minute later, as far as the buckets can tell.
    await db.update(rateLimitBucket).set({ expire: new Date(Date.now() - 1000) });
    expect((await authPost("/sign-in/email", { email, password: STRONG_PASSWORD }, { ip })).status).toBe(200);

    for (let i = 0; i < limit; i++) await authPost("/sign-in/email", { email, password: "Wr0ng!password" }, { ip });
    expect((await authPost("/sign-in/email", { email, password: STRONG_PASSWORD }, { ip })).status).toBe(429);
    await resetAuthAttempts("sign-in", ip, email);
    expect((await authPost("/sign-in/email", { email, password: STRONG_PASSWORD }, { ip })).status).toBe(200);
  });
});
