// Passkeys through Better Auth's HTTP endpoints (our plugin) and the settings page's actions:
// real Better Auth, SimpleWebAuthn checking a software authenticator's signatures, and the
// database (PGlite or PostgreSQL). Chromium's virtual authenticator covers the pages (e2e).
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { relyingParty } from "~/auth/passkeys.server";
import { db } from "~/db.server";
import { action as passkeysAction, loader as passkeysLoader } from "~/routes/settings.passkeys";
import { auditLog, mailOutbox, passkey, session, user, verification } from "../../db/schema";
import {
  authGet,
  authPost,
  cookieFrom,
  formPost,
  pageGet,
  randomIp,
  runRoute,
  signUpOverHttp,
  STRONG_PASSWORD,
} from "../support/auth";
import { SoftwarePasskey } from "../support/webauthn";

const passkeysOf = (userId: string) => db.select().from(passkey).where(eq(passkey.userId, userId));
const eventsOf = async (userId: string) =>
  (
    await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, userId), like(auditLog.event, "passkey-%")))
  ).map((row) => row.event);

/** A signed-up user who has added one software passkey. */
async function userWithPasskey(name = "Laptop") {
  const account = await signUpOverHttp();
  const authenticator = new SoftwarePasskey(relyingParty.id, relyingParty.origin);
  const options = await authPost("/passkey/register-options", {}, { cookie: account.cookie, ip: randomIp() });
  expect(options.status).toBe(200);
  const added = await authPost(
    "/passkey/register",
    { name, response: authenticator.register(await options.json()) },
    { cookie: account.cookie },
  );
  expect(added.status).toBe(200);
  const [row] = await passkeysOf(account.userId);
  return { ...account, authenticator, passkeyId: row!.id };
}

async function signInOptions() {
  const response = await authPost("/passkey/sign-in-options", {});
  expect(response.status).toBe(200);
  return (await response.json()) as { challenge: string; rpId: string; userVerification: string };
}

describe("adding a passkey", () => {
  it("keeps the public key under the chosen name and the relying party of BETTER_AUTH_URL", async () => {
    const { userId, authenticator, email } = await userWithPasskey("Work laptop");
    const [row] = await passkeysOf(userId);
    expect(row).toMatchObject({
      name: "Work laptop",
      credentialId: authenticator.id,
      lastUsedAt: null,
      transports: ["internal"],
    });
    expect(relyingParty.id).toBe(new URL(relyingParty.origin).hostname);
    expect(await eventsOf(userId)).toEqual(["passkey-added"]);
    // The owner is told, as for a new API key: it is a way in without the password.
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.recipient, email));
    expect(mails.map((mail) => mail.subject)).toContain("A passkey was added to your Tasklane account");
  });

  it("asks for the password again on a session older than a day, and refuses a wrong one", async () => {
    const { cookie, userId } = await signUpOverHttp();
    await db
      .update(session)
      .set({ createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) })
      .where(eq(session.userId, userId));
    const stale = await authPost("/passkey/register-options", {}, { cookie });
    expect(stale.status).toBe(403);
    expect(await stale.json()).toMatchObject({ code: "SESSION_NOT_FRESH" });
    const page = await runRoute(passkeysLoader, pageGet("/settings/passkeys", { cookie }));
    expect((page.data as { fresh: boolean }).fresh).toBe(false);

    const wrong = await authPost(
      "/passkey/register-options",
      { password: "Wr0ng!password" },
      { cookie, ip: randomIp() },
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: "INVALID_PASSWORD" });
    const right = await authPost(
      "/passkey/register-options",
      { password: STRONG_PASSWORD },
      { cookie, ip: randomIp() },
    );
    expect(right.status).toBe(200);
    expect(await right.json()).toMatchObject({
      rp: { id: relyingParty.id },
      authenticatorSelection: { residentKey: "required", userVerification: "required" },
    });
  });

  it("needs a session", async () => {
    expect((await authPost("/passkey/register-options", {})).status).toBe(401);
  });

  it("refuses a response to someone else's challenge", async () => {
    const alice = await signUpOverHttp();
    const mallory = await signUpOverHttp();
    const options = await (await authPost("/passkey/register-options", {}, { cookie: alice.cookie })).json();
    const response = new SoftwarePasskey(relyingParty.id, relyingParty.origin).register(options);
    const stolen = await authPost("/passkey/register", { name: "Mine now", response }, { cookie: mallory.cookie });
    expect(stolen.status).toBe(400);
    expect(await passkeysOf(mallory.userId)).toEqual([]);
  });

  it("refuses a response made for another origin", async () => {
    const { cookie, userId } = await signUpOverHttp();
    const options = await (await authPost("/passkey/register-options", {}, { cookie })).json();
    const response = new SoftwarePasskey(relyingParty.id, "https://evil.example").register(options);
    const answer = await authPost("/passkey/register", { name: "Phished", response }, { cookie });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ code: "PASSKEY_NOT_VERIFIED" });
    expect(await passkeysOf(userId)).toEqual([]);
  });

  it.each([
    [{ name: "", response: {} }],
    [{ name: "x".repeat(65) }],
    [{ name: "ok", response: { id: "a", rawId: "a", type: "public-key", response: { clientDataJSON: "!!" } } }],
    [{ name: "ok", response: { id: "a", rawId: "a", type: "public-key", response: { clientDataJSON: "e30" } } }],
  ])("answers a malformed body %o with a 4xx", async (body) => {
    const { cookie } = await signUpOverHttp();
    const answer = await authPost("/passkey/register", body, { cookie });
    expect(answer.status).toBe(400);
  });
});

describe("signing in with a passkey", () => {
  it("makes a session, counts as both factors, writes last used and the audit event", async () => {
    const { userId, authenticator, email } = await userWithPasskey();
    const options = await signInOptions();
    expect(options).toMatchObject({ rpId: relyingParty.id, userVerification: "required" });
    const answer = await authPost("/passkey/sign-in", { response: authenticator.signIn(options) }, { ip: randomIp() });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ user: { id: userId, email } });
    const me = await authGet("/get-session", { cookie: cookieFrom(answer) });
    expect(await me.json()).toMatchObject({ user: { id: userId } });
    const [row] = await passkeysOf(userId);
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
    expect(row!.counter).toBe(1);
    expect(await eventsOf(userId)).toEqual(["passkey-added", "passkey-sign-in"]);
  });

  it("is not stopped by two-factor: the passkey stands for both factors", async () => {
    const { userId, authenticator } = await userWithPasskey();
    // The flag is what makes a password sign-in a challenge (tests/integration/two-factor-http.test.ts).
    await db.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, userId));
    const answer = await authPost("/passkey/sign-in", { response: authenticator.signIn(await signInOptions()) });
    expect(answer.status).toBe(200);
    expect(await answer.json()).not.toHaveProperty("twoFactorRedirect");
    expect(cookieFrom(answer)).toMatch(/session_token=/);
  });

  it("refuses a replayed response: the challenge is taken by the first verification", async () => {
    const { authenticator } = await userWithPasskey();
    const response = authenticator.signIn(await signInOptions());
    const first = await authPost("/passkey/sign-in", { response }, { ip: randomIp() });
    expect(first.status).toBe(200);
    const replay = await authPost("/passkey/sign-in", { response }, { ip: randomIp() });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ code: "PASSKEY_CHALLENGE_EXPIRED" });
    expect(cookieFrom(replay)).not.toMatch(/session_token=/);
  });

  it("takes a challenge once even when two copies of a response race", async () => {
    const { authenticator } = await userWithPasskey();
    const response = authenticator.signIn(await signInOptions());
    const answers = await Promise.all([0, 1].map(() => authPost("/passkey/sign-in", { response }, { ip: randomIp() })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
  });

  it("refuses a registration challenge used for a sign-in, and an expired challenge", async () => {
    const { authenticator, cookie } = await userWithPasskey();
    const registerOptions = await (await authPost("/passkey/register-options", {}, { cookie })).json();
    expect((await authPost("/passkey/sign-in", { response: authenticator.signIn(registerOptions) })).status).toBe(400);

    const options = await signInOptions();
    await db
      .update(verification)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(verification.identifier, `passkey-challenge:${options.challenge}`));
    expect((await authPost("/passkey/sign-in", { response: authenticator.signIn(options) })).status).toBe(400);
  });

  it("refuses a passkey that is not registered (or deleted), and a forged signature", async () => {
    const stranger = new SoftwarePasskey(relyingParty.id, relyingParty.origin);
    const unknown = await authPost("/passkey/sign-in", { response: stranger.signIn(await signInOptions()) });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: "PASSKEY_NOT_FOUND" });

    const { authenticator, userId } = await userWithPasskey();
    const forged = authenticator.signIn(await signInOptions());
    forged.response.signature = stranger.signIn({ challenge: "x" }).response.signature;
    const refused = await authPost("/passkey/sign-in", { response: forged });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "PASSKEY_NOT_VERIFIED" });
    const failures = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, userId), eq(auditLog.event, "sign-in-failure")));
    expect(failures).toHaveLength(1);
  });
});

describe("the passkeys page", () => {
  it("lists the owner's passkeys with name, created and last used", async () => {
    const { cookie, passkeyId } = await userWithPasskey("Phone");
    const page = await runRoute(passkeysLoader, pageGet("/settings/passkeys", { cookie }));
    expect(page.data).toMatchObject({
      fresh: true,
      passkeys: [{ id: passkeyId, name: "Phone", lastUsedAt: null, createdAt: expect.any(String) }],
    });
  });

  it("renames and deletes the owner's passkey, with audit events; a deleted passkey no longer signs in", async () => {
    const { cookie, userId, passkeyId, authenticator } = await userWithPasskey();
    const renamed = await runRoute(
      passkeysAction,
      formPost("/settings/passkeys", { intent: "rename-passkey", passkeyId, name: "Old phone" }, { cookie }),
    );
    expect(renamed.status).toBe(302);
    expect((await passkeysOf(userId))[0]!.name).toBe("Old phone");
    const bad = await runRoute(
      passkeysAction,
      formPost("/settings/passkeys", { intent: "rename-passkey", passkeyId, name: " " }, { cookie }),
    );
    expect(bad.status).toBe(400);

    const deleted = await runRoute(
      passkeysAction,
      formPost("/settings/passkeys", { intent: "delete-passkey", passkeyId }, { cookie }),
    );
    expect(deleted.status).toBe(302);
    expect(await passkeysOf(userId)).toEqual([]);
    expect(await eventsOf(userId)).toEqual(["passkey-added", "passkey-renamed", "passkey-removed"]);
    const after = await authPost("/passkey/sign-in", { response: authenticator.signIn(await signInOptions()) });
    expect(after.status).toBe(401);
  });

  it("treats another person's passkey id as not there: not listed, 404 on rename and delete, nothing changed", async () => {
    const owner = await userWithPasskey("Owner's key");
    const other = await signUpOverHttp();
    const page = await runRoute(passkeysLoader, pageGet("/settings/passkeys", { cookie: other.cookie }));
    expect((page.data as { passkeys: unknown[] }).passkeys).toEqual([]);

    const rename = await runRoute(
      passkeysAction,
      formPost(
        "/settings/passkeys",
        { intent: "rename-passkey", passkeyId: owner.passkeyId, name: "Taken" },
        { cookie: other.cookie },
      ),
    );
    expect(rename.status).toBe(404);
    const remove = await runRoute(
      passkeysAction,
      formPost(
        "/settings/passkeys",
        { intent: "delete-passkey", passkeyId: owner.passkeyId },
        { cookie: other.cookie },
      ),
    );
    expect(remove.status).toBe(404);
    expect(await passkeysOf(owner.userId)).toMatchObject([{ id: owner.passkeyId, name: "Owner's key" }]);
    expect(await eventsOf(other.userId)).toEqual([]);
  });
});
