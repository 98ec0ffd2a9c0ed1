// Accounts over email, end to end inside the process: real Better Auth, the real outbox and
// sender, nodemailer, and an SMTP server (smtp-server) that receives what a user would.
import { eq, sql } from "drizzle-orm";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetAuthAttempts } from "~/auth/rate-limit.server";
import { db } from "~/db.server";
import { action as checkEmailAction } from "~/routes/check-email";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password";
import { action as changeEmailAction } from "~/routes/settings.email";
import { action as changePasswordAction } from "~/routes/settings.password";
import { action as verifyAction, loader as verifyLoader } from "~/routes/verify-email";
import { auditLog, mailOutbox, session, user, verification } from "../../db/schema";
import {
  authGet,
  authPost,
  formPost,
  ORIGIN,
  pageGet,
  randomIp,
  replyErrors,
  runRoute,
  signUpOverHttp,
  STRONG_PASSWORD,
  uniqueEmail,
} from "../support/auth";
import { NEW_PASSWORD } from "../support/passwords";
import { startMailDelivery } from "../support/mail-delivery";
import type { SmtpSink } from "../support/smtp-sink";

let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startMailDelivery();
});

afterAll(() => smtp.stop());

/** The one link of a message, as a path + query on our origin. */
function linkIn(mail: { links: string[] }): URL {
  expect(mail.links).toHaveLength(1);
  const url = new URL(mail.links[0]!);
  expect(url.origin).toBe(ORIGIN);
  return url;
}

const eventsOf = async (userId: string) =>
  (await db.select({ event: auditLog.event }).from(auditLog).where(eq(auditLog.userId, userId))).map(
    (row) => row.event,
  );

/**
 * A form post from a client of its own (a fresh IP): the per-IP limits count every test's
 * requests otherwise, and this file makes more than ten a minute.
 */
function postForm(
  handler: Parameters<typeof runRoute>[0],
  path: string,
  fields: Record<string, string>,
  cookie?: string,
) {
  const ip = randomIp();
  return runRoute(handler, formPost(path, fields, { ip, cookie }), { clientIp: ip });
}

async function signInStatus(email: string, password: string) {
  return (await authPost("/sign-in/email", { email, password }, { ip: randomIp() })).status;
}

describe("forgot and reset password", () => {
  it("mails a one-hour link to our reset page; the reset ends every session, mails a notice and is audited", async () => {
    const account = await signUpOverHttp({ name: "Ada <b>Lovelace</b>" });
    const ip = randomIp();
    const requested = await runRoute(forgotAction, formPost("/forgot-password", { email: account.email }, { ip }), {
      clientIp: ip,
    });
    expect(requested.status).toBe(200);
    expect(requested.data).toMatchObject({ sentTo: account.email });

    const mail = await smtp.waitFor(account.email, /Reset your Tasklane password/);
    expect(mail.text).toContain("This link works for 1 hour, once.");
    expect(mail.text).toContain("If this wasn't you");
    // The name is text: escaped in HTML, never markup.
    expect(mail.html).toContain("Ada &#60;b&#62;Lovelace&#60;/b&#62;");
    const link = linkIn(mail);
    expect(link.pathname).toBe("/reset-password");
    const token = link.searchParams.get("token")!;
    const [stored] = await db
      .select()
      .from(verification)
      .where(eq(verification.identifier, `reset-password:${token}`));
    const lifetime = stored!.expiresAt.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000);

    // Opening the link changes nothing: it shows the form.
    const page = await runRoute(resetLoader, pageGet(`/reset-password?token=${token}`));
    expect(page.data).toMatchObject({ token });
    expect(
      await db
        .select()
        .from(verification)
        .where(eq(verification.identifier, `reset-password:${token}`)),
    ).toHaveLength(1);

    // The policy applies.
    const weak = await postForm(resetAction, "/reset-password", { token, newPassword: "weakpassword" });
    expect(weak.status).toBe(400);

    const done = await runRoute(
      resetAction,
      formPost("/reset-password", { token, newPassword: NEW_PASSWORD }, { ip }),
      { clientIp: ip },
    );
    expect(done).toMatchObject({ status: 302, location: "/sign-in" });
    expect(await db.select().from(session).where(eq(session.userId, account.userId))).toHaveLength(0);
    expect((await authGet("/get-session", { cookie: account.cookie })).status).toBe(200);
    expect(await (await authGet("/get-session", { cookie: account.cookie })).json()).toBeNull();
    expect(await signInStatus(account.email, STRONG_PASSWORD)).toBe(401);
    expect(await signInStatus(account.email, NEW_PASSWORD)).toBe(200);

    const notice = await smtp.waitFor(account.email, /password was changed/);
    expect(notice.text).toContain("reset with a link");
    expect(await eventsOf(account.userId)).toEqual(
      expect.arrayContaining(["password-reset-request", "password-reset"]),
    );

    // Used once: the same link now gets the "no longer works" page, on GET and on POST.
    const again = await postForm(resetAction, "/reset-password", { token, newPassword: "An0ther!password" });
    expect(again.status).toBe(410);
    expect(again.data).toMatchObject({ linkDead: true });
    expect((await runRoute(resetLoader, pageGet(`/reset-password?token=${token}`))).status).toBe(410);
  });

  it("answers an unknown address exactly like a known one, no sooner than the floor, and sends nothing", async () => {
    const known = await signUpOverHttp();
    const unknown = uniqueEmail("nobody");
    const timings: number[] = [];
    const answers: unknown[] = [];
    for (const email of [known.email, unknown]) {
      const started = performance.now();
      const response = await authPost("/request-password-reset", { email }, { ip: randomIp() });
      timings.push(performance.now() - started);
      answers.push({ status: response.status, body: await response.json() });
    }
    expect(answers[0]).toEqual(answers[1]);
    for (const time of timings) expect(time).toBeGreaterThanOrEqual(295);
    await smtp.waitFor(known.email, /Reset/);
    expect(smtp.received.some((mail) => mail.to === unknown)).toBe(false);
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.recipient, unknown))).toHaveLength(0);
  });

  it("refuses expired, tampered, malformed and unknown tokens with a page, never a 500", async () => {
    const account = await signUpOverHttp();
    await authPost("/request-password-reset", { email: account.email }, { ip: randomIp() });
    const token = linkIn(await smtp.waitFor(account.email, /Reset/)).searchParams.get("token")!;
    await db
      .update(verification)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(verification.identifier, `reset-password:${token}`));

    const tampered = `${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}`;
    for (const candidate of [
      token,
      tampered,
      "x",
      "' or 1=1 --",
      "a".repeat(5000),
      "%00",
      "abc\u0000defghijklmnopqrstuvwxyz",
      "",
    ]) {
      const page = await runRoute(resetLoader, pageGet(`/reset-password?token=${encodeURIComponent(candidate)}`));
      expect(page.status, candidate).toBe(410);
      const post = await postForm(resetAction, "/reset-password", { token: candidate, newPassword: NEW_PASSWORD });
      expect([400, 410], candidate).toContain(post.status);
    }
    // Over HTTP too: Better Auth's 400, not an error page.
    for (const candidate of [token, tampered, "abc\u0000defghijklmnopqrstuvwxyz", "é".repeat(24)]) {
      const response = await authPost(
        "/reset-password",
        { token: candidate, newPassword: NEW_PASSWORD },
        { ip: randomIp() },
      );
      expect(response.status, candidate).toBe(400);
      expect(await response.json()).toMatchObject({ code: "INVALID_TOKEN" });
    }
    expect(await signInStatus(account.email, STRONG_PASSWORD)).toBe(200);
  });

  it("answers hostile addresses with a form error or a 400, and queues nothing", async () => {
    const before = (await db.select().from(mailOutbox)).length;
    for (const email of [
      "victim@example.com\r\nBcc: everyone@example.com",
      "victim@example.com%0d%0aBcc:x@example.com",
      "a@b.c, other@example.com",
      "\u0000@example.com",
      "x".repeat(300) + "@example.com",
    ]) {
      const form = await postForm(forgotAction, "/forgot-password", { email });
      expect(form.status, email).toBe(400);
      expect(replyErrors((form.data as { result: unknown }).result).email, email).toHaveLength(1);
      // Better Auth's own check is looser (a 300-character address passes it, and matches nobody).
      expect([200, 400], email).toContain(
        (await authPost("/request-password-reset", { email }, { ip: randomIp() })).status,
      );
    }
    expect(await db.select().from(mailOutbox)).toHaveLength(before);
  });

  it("limits reset requests per address (shared counters), with the same answer for any address", async () => {
    const email = uniqueEmail("flood");
    const statuses: number[] = [];
    for (let index = 0; index < 7; index++) {
      statuses.push((await authPost("/request-password-reset", { email }, { ip: randomIp() })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await authPost("/request-password-reset", { email }, { ip: randomIp() });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(60);
    // And the form says so instead of failing.
    const ip = randomIp();
    const form = await runRoute(forgotAction, formPost("/forgot-password", { email }, { ip }), { clientIp: ip });
    expect(form.status).toBe(429);
    expect(JSON.stringify(form.data)).toMatch(/Too many attempts\. Please wait \d+ minutes/);
    await resetAuthAttempts("password-reset-request", ip, email);
  });

  it("limits reset attempts per client IP", async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let index = 0; index < 12; index++) {
      statuses.push(
        (
          await authPost(
            "/reset-password",
            { token: `guess${index}guessguessguess`, newPassword: NEW_PASSWORD },
            { ip },
          )
        ).status,
      );
    }
    expect(statuses.filter((status) => status === 400)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe("email verification", () => {
  it("mails a link on sign-up; the page confirms on POST only, and the account shows it", async () => {
    const account = await signUpOverHttp();
    const mail = await smtp.waitFor(account.email, /Confirm your email address/);
    const link = linkIn(mail);
    expect(link.pathname).toBe("/verify-email");
    const token = link.searchParams.get("token")!;

    const page = await runRoute(verifyLoader, pageGet(`/verify-email?token=${token}`));
    expect(page.data).toMatchObject({ token, link: { kind: "verify", email: account.email } });
    const [before] = await db.select().from(user).where(eq(user.id, account.userId));
    expect(before!.emailVerified).toBe(false);

    const confirmed = await postForm(verifyAction, "/verify-email", { token }, account.cookie);
    expect(confirmed).toMatchObject({ status: 302, location: "/settings" });
    const [after] = await db.select().from(user).where(eq(user.id, account.userId));
    expect(after!.emailVerified).toBe(true);
    expect(await eventsOf(account.userId)).toContain("email-verified");
  });

  it("resends a link when asked (signed in), rate-limited per address", async () => {
    const account = await signUpOverHttp();
    await smtp.waitFor(account.email, /Confirm/);
    const resent = await runRoute(
      checkEmailAction,
      formPost("/check-email", { redirectTo: "/tasks" }, { cookie: account.cookie, ip: randomIp() }),
    );
    expect(resent).toMatchObject({ status: 302, location: "/tasks" });
    await expect
      .poll(() => smtp.received.filter((mail) => mail.to === account.email && /Confirm/.test(mail.subject)).length)
      .toBe(2);
    expect(await eventsOf(account.userId)).toContain("verification-email-request");
    const statuses: number[] = [];
    for (let index = 0; index < 5; index++) {
      statuses.push(
        (
          await authPost(
            "/send-verification-email",
            { email: account.email },
            { cookie: account.cookie, ip: randomIp() },
          )
        ).status,
      );
    }
    expect(statuses).toContain(429);
  });

  it("refuses expired, tampered and malformed links with a page that offers a new one", async () => {
    const account = await signUpOverHttp();
    const token = linkIn(await smtp.waitFor(account.email, /Confirm/)).searchParams.get("token")!;
    const [header, payload, signature] = token.split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), email: "victim@example.com" }),
    ).toString("base64url");
    const expired = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), exp: 1 }),
    ).toString("base64url");
    // Signed with the app's secret, as Better Auth does, but an hour past its expiry.
    const expiredButGenuine = await new SignJWT({ email: account.email, userId: account.userId })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(process.env.BETTER_AUTH_SECRET));
    const cases: Array<[string, string]> = [
      [expiredButGenuine, "expired"],
      [`${header}.${forgedPayload}.${signature}`, "invalid"],
      [`${header}.${expired}.${signature}`, "invalid"],
      ["not-a-token", "invalid"],
      ["", "invalid"],
      ["e".repeat(5000), "invalid"],
    ];
    for (const [candidate, kind] of cases) {
      const page = await runRoute(verifyLoader, pageGet(`/verify-email?token=${encodeURIComponent(candidate)}`));
      expect(page.status).toBe(410);
      expect(page.data).toMatchObject({ token: null, link: { kind } });
      const post = await postForm(verifyAction, "/verify-email", { token: candidate });
      expect([400, 410]).toContain(post.status);
    }
    const [row] = await db.select().from(user).where(eq(user.id, account.userId));
    expect(row!.emailVerified).toBe(false);
    // Better Auth's own GET endpoint refuses the forged token too (401, no redirect, no change),
    // and one whose address would break a query (a NUL) gets the same.
    expect((await authGet(`/verify-email?token=${header}.${forgedPayload}.${signature}`)).status).toBe(401);
    const nul = Buffer.from(JSON.stringify({ email: "a\u0000@example.com", userId: "x\u0000" })).toString("base64url");
    expect((await authGet(`/verify-email?token=${header}.${nul}.${signature}`)).status).toBe(401);
  });
});

describe("change of email", () => {
  async function requestChange(cookie: string, fields: Record<string, string>) {
    const ip = randomIp();
    return runRoute(changeEmailAction, formPost("/settings/email", fields, { cookie, ip }), { clientIp: ip });
  }

  it("needs the current password, mails the new address, changes on confirmation, tells the old one", async () => {
    const account = await signUpOverHttp();
    const newEmail = uniqueEmail("moved");

    const wrong = await requestChange(account.cookie, { newEmail, currentPassword: "Wr0ng!password" });
    expect(wrong.status).toBe(400);
    expect(replyErrors(wrong.data).currentPassword).toEqual(["That password is not correct."]);

    const asked = await requestChange(account.cookie, { newEmail, currentPassword: STRONG_PASSWORD });
    expect(asked).toMatchObject({ status: 302, location: "/settings" });
    const mail = await smtp.waitFor(newEmail, /Confirm your new email address/);
    const token = linkIn(mail).searchParams.get("token")!;
    const [unchanged] = await db.select().from(user).where(eq(user.id, account.userId));
    expect(unchanged!.email).toBe(account.email);

    const page = await runRoute(verifyLoader, pageGet(`/verify-email?token=${token}`));
    expect(page.data).toMatchObject({ link: { kind: "change", email: account.email, newEmail } });
    // Confirmed from another browser (no session): the change still happens.
    const confirmed = await postForm(verifyAction, "/verify-email", { token });
    expect(confirmed).toMatchObject({ status: 302, location: "/sign-in" });
    const [changed] = await db.select().from(user).where(eq(user.id, account.userId));
    expect(changed!.email).toBe(newEmail);
    // The new address proved itself: the account is confirmed (it was not before).
    expect(unchanged!.emailVerified).toBe(false);
    expect(changed!.emailVerified).toBe(true);

    const notice = await smtp.waitFor(account.email, /email address was changed/);
    expect(notice.text).toContain(newEmail);
    expect(await eventsOf(account.userId)).toEqual(expect.arrayContaining(["email-change-request", "email-changed"]));

    // The link works once.
    const reused = await postForm(verifyAction, "/verify-email", { token });
    expect(reused.status).toBe(410);
    expect(await signInStatus(newEmail, STRONG_PASSWORD)).toBe(200);
    expect(await signInStatus(account.email, STRONG_PASSWORD)).toBe(401);
  });

  it("fails the confirmation when the new address cannot be marked confirmed, never a silent success", async () => {
    const account = await signUpOverHttp();
    const newEmail = uniqueEmail("unconfirmed");
    expect(await requestChange(account.cookie, { newEmail, currentPassword: STRONG_PASSWORD })).toMatchObject({
      status: 302,
    });
    const token = linkIn(await smtp.waitFor(newEmail, /Confirm your new email address/)).searchParams.get("token")!;

    // A real failure of that one write, in the database: this account's row refuses to become confirmed.
    const trigger = `refuse_confirmed_${account.userId.replace(/-/g, "")}`;
    await db.execute(
      sql.raw(`create function ${trigger}() returns trigger language plpgsql as $$
        begin raise exception 'the test refuses this write'; end $$`),
    );
    await db.execute(
      sql.raw(`create trigger ${trigger} before update of email_verified on "user" for each row
        when (old.id = '${account.userId}' and new.email_verified and not old.email_verified) execute function ${trigger}()`),
    );
    try {
      const confirmed = await postForm(verifyAction, "/verify-email", { token });
      expect(confirmed.status).toBe(500);
      expect(confirmed.location).toBeNull();
      expect((confirmed.data as { problem: string }).problem).toMatch(/went wrong|request/i);
    } finally {
      await db.execute(sql.raw(`drop trigger ${trigger} on "user"`));
      await db.execute(sql.raw(`drop function ${trigger}()`));
    }
    const [after] = await db.select().from(user).where(eq(user.id, account.userId));
    expect(after!.emailVerified).toBe(false);
  });

  it("programs calling /api/auth/change-email must send the current password too", async () => {
    const account = await signUpOverHttp();
    const newEmail = uniqueEmail("api");
    const missing = await authPost("/change-email", { newEmail }, { cookie: account.cookie, ip: randomIp() });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: "CURRENT_PASSWORD_REQUIRED" });
    const wrong = await authPost(
      "/change-email",
      { newEmail, currentPassword: "Wr0ng!password" },
      { cookie: account.cookie, ip: randomIp() },
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: "INVALID_PASSWORD" });
    const ok = await authPost(
      "/change-email",
      { newEmail, currentPassword: STRONG_PASSWORD },
      { cookie: account.cookie, ip: randomIp() },
    );
    expect(ok.status).toBe(200);
    await smtp.waitFor(newEmail, /Confirm your new email address/);
    // Without a session: 401, as before.
    expect((await authPost("/change-email", { newEmail, currentPassword: STRONG_PASSWORD })).status).toBe(401);
  });

  it("rejects hostile addresses as form errors, never a 500, and mails nothing", async () => {
    const account = await signUpOverHttp();
    for (const newEmail of [
      "victim@example.com\r\nBcc: everyone@example.com",
      "a@b.c, other@example.com",
      "<script>@example.com",
      "x".repeat(300) + "@example.com",
      account.email.toUpperCase(),
    ]) {
      const outcome = await requestChange(account.cookie, { newEmail, currentPassword: STRONG_PASSWORD });
      expect(outcome.status, newEmail).toBe(400);
      expect(replyErrors(outcome.data).newEmail, newEmail).toHaveLength(1);
    }
    const api = await authPost(
      "/change-email",
      { newEmail: "victim@example.com\r\nBcc: x@example.com", currentPassword: STRONG_PASSWORD },
      { cookie: account.cookie, ip: randomIp() },
    );
    expect(api.status).toBe(400);
  });
});

describe("password changed in settings", () => {
  it("mails a notice to the account's address", async () => {
    const account = await signUpOverHttp();
    const ip = randomIp();
    const changed = await runRoute(
      changePasswordAction,
      formPost(
        "/settings/password",
        { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD },
        { cookie: account.cookie, ip },
      ),
      { clientIp: ip },
    );
    expect(changed.status).toBe(302);
    const notice = await smtp.waitFor(account.email, /password was changed/);
    expect(notice.text).toContain("changed in its settings");
    // Nothing was injected through the subject or the name.
    expect(notice.headerLines.filter((line) => /^bcc:/i.test(line))).toHaveLength(0);
  });
});
