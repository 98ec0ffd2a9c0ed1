// The plan's auth endpoints (/api/auth/register, login, logout, me, token) as a program calls
// them: thin routes over Better Auth with the forms' password policy, attempt limits, origin
// rule and audit; and API keys' bookkeeping (mail and audit on create, last used, budget).
import { decodeJwt } from "jose";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKey, auditLog, session, user } from "../../db/schema";
import { createApiKey, listApiKeys, revokeAllApiKeys } from "~/api-keys/api-keys.server";
import { db } from "~/db.server";
import { apiFetch, ORIGIN, PASSWORD, signUpApiUser, withToken } from "../support/api";
import { randomIp, uniqueEmail } from "../support/auth";
import { startMailDelivery } from "../support/mail-delivery";
import type { SmtpSink } from "../support/smtp-sink";

let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startMailDelivery();
});

afterAll(() => smtp.stop());

const actor = { ipAddress: "127.0.0.1", userAgent: "test" };
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const events = async (userId: string) =>
  (await db.select().from(auditLog).where(eq(auditLog.userId, userId)).orderBy(auditLog.createdAt)).map(
    (row) => row.event,
  );
const sessionCookie = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith("better-auth.session_token="))!
    .split(";")[0]!;

describe("POST /api/auth/register", () => {
  it("creates the account and answers 201 { user, token, expiresAt } with an httpOnly session cookie", async () => {
    const email = uniqueEmail();
    const response = await apiFetch("/api/auth/register", json({ email, password: PASSWORD, name: "Ada" }), randomIp());
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      user: { id: string; email: string; name: string };
      token: string;
      expiresAt: string;
    };
    expect(body.user).toEqual({ id: expect.any(String), email, name: "Ada" });
    expect(decodeJwt(body.token)).toMatchObject({ sub: body.user.id, email, iss: ORIGIN, aud: ORIGIN });
    expect(decodeJwt(body.token).scope).toBeUndefined();
    expect(new Date(body.expiresAt).getTime()).toBe(decodeJwt(body.token).exp! * 1000);
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith("better-auth.session_token="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(await events(body.user.id)).toEqual(["sign-up"]);
    // The JWT works on the API.
    expect((await apiFetch("/api/tasks", withToken(body.token))).status).toBe(200);
  });

  it("applies the forms' password policy and schema: 400 with the field, nothing created", async () => {
    const email = uniqueEmail();
    const weak = await apiFetch(
      "/api/auth/register",
      json({ email, password: "weakpassword", name: "Weak" }),
      randomIp(),
    );
    expect(weak.status).toBe(400);
    expect(weak.headers.get("content-type")).toBe("application/problem+json");
    expect(((await weak.json()) as { errors: { path: string }[] }).errors.map((error) => error.path)).toContain(
      "password",
    );
    const unknownField = await apiFetch(
      "/api/auth/register",
      json({ email, password: PASSWORD, name: "X", admin: true }),
      randomIp(),
    );
    expect(unknownField.status).toBe(400);
    const notJson = await apiFetch(
      "/api/auth/register",
      { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" },
      randomIp(),
    );
    expect(notJson.status).toBe(415);
    expect(await db.select().from(user).where(eq(user.email, email))).toEqual([]);
  });

  it("answers 422 for an address that has an account, as Better Auth does", async () => {
    const { email } = await signUpApiUser();
    const response = await apiFetch(
      "/api/auth/register",
      json({ email, password: PASSWORD, name: "Again" }),
      randomIp(),
    );
    expect(response.status).toBe(422);
  });

  it("refuses another site's Origin, as the forms do", async () => {
    const response = await apiFetch(
      "/api/auth/register",
      json({ email: uniqueEmail(), password: PASSWORD, name: "X" }, { origin: "https://evil.example" }),
      randomIp(),
    );
    expect(response.status).toBe(403);
  });
});

describe("POST /api/auth/login", () => {
  it("answers 200 { user, token, expiresAt } and a session cookie, and audits the sign-in", async () => {
    const { id, email } = await signUpApiUser("Lou");
    const response = await apiFetch("/api/auth/login", json({ email, password: PASSWORD }), randomIp());
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: { id: string }; token: string; expiresAt: string };
    expect(body.user.id).toBe(id);
    expect(decodeJwt(body.token).sub).toBe(id);
    expect(sessionCookie(response)).toBeTruthy();
    expect(await events(id)).toContain("sign-in");
  });

  it("answers 401 for a wrong password and audits the failure; then 429 with Retry-After at the attempt limit", async () => {
    const { id, email } = await signUpApiUser("Target");
    const ip = randomIp();
    const wrong = await apiFetch("/api/auth/login", json({ email, password: "Wr0ng!password" }), ip);
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { detail: string }).detail).toBe("Invalid email or password.");
    expect(await events(id)).toContain("sign-in-failure");
    let last: Response | undefined;
    for (let tries = 0; tries < 15 && last?.status !== 429; tries++) {
      last = await apiFetch("/api/auth/login", json({ email, password: "Wr0ng!password" }), ip);
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("POST /api/auth/logout", () => {
  it("ends the session of the cookie: 204, and the cookie no longer works", async () => {
    const { email } = await signUpApiUser("Out");
    const login = await apiFetch("/api/auth/login", json({ email, password: PASSWORD }), randomIp());
    const cookie = sessionCookie(login);
    expect((await apiFetch("/api/auth/me", { headers: { cookie } })).status).toBe(200);
    const out = await apiFetch("/api/auth/logout", { method: "POST", headers: { cookie, origin: ORIGIN } });
    expect(out.status).toBe(204);
    expect((await apiFetch("/api/auth/me", { headers: { cookie } })).status).toBe(401);
  });

  it("ends the session of a session bearer token", async () => {
    const { id, sessionToken } = await signUpApiUser("Bearer");
    expect((await apiFetch("/api/auth/logout", withToken(sessionToken, { method: "POST" }))).status).toBe(204);
    expect(await db.select().from(session).where(eq(session.userId, id))).toEqual([]);
  });

  it("answers 400 for a JWT or a key, saying how those end; 401 with nothing", async () => {
    const ann = await signUpApiUser("Ann");
    const { key } = await createApiKey(
      { id: ann.id, email: ann.email, name: "Ann" },
      { name: "k", scope: "read", lifetimeDays: 30 },
      actor,
    );
    for (const credential of [ann.token, key]) {
      const response = await apiFetch("/api/auth/logout", withToken(credential, { method: "POST" }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/revoked in Settings.*expire/);
    }
    expect((await apiFetch("/api/auth/logout", { method: "POST" })).status).toBe(401);
    // The session is still there.
    expect((await apiFetch("/api/auth/me", withToken(ann.sessionToken))).status).toBe(200);
  });

  it("refuses another site's Origin with the session cookie", async () => {
    const { email } = await signUpApiUser("Csrf");
    const cookie = sessionCookie(await apiFetch("/api/auth/login", json({ email, password: PASSWORD }), randomIp()));
    const response = await apiFetch("/api/auth/logout", {
      method: "POST",
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    expect((await apiFetch("/api/auth/me", { headers: { cookie } })).status).toBe(200);
  });
});

describe("GET /api/auth/me", () => {
  it("answers the user for a session bearer, a JWT and a key; 401 for none", async () => {
    const ann = await signUpApiUser("Meg");
    const { key } = await createApiKey(
      { id: ann.id, email: ann.email, name: "Meg" },
      { name: "k", scope: "read", lifetimeDays: 30 },
      actor,
    );
    for (const credential of [ann.sessionToken, ann.token, key]) {
      const response = await apiFetch("/api/auth/me", withToken(credential));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id: ann.id, email: ann.email, name: "Meg" });
    }
    expect((await apiFetch("/api/auth/me")).status).toBe(401);
  });
});

describe("API keys' bookkeeping", () => {
  it("mails the owner and audits on create; audits revoking them all", async () => {
    const ann = await signUpApiUser("Kim");
    const { view } = await createApiKey(
      { id: ann.id, email: ann.email, name: "Kim" },
      { name: "Backup script", scope: "write", lifetimeDays: 90 },
      actor,
    );
    expect(view.start).toMatch(/^tl_.{6}$/);
    expect(view.expiresAt.getTime() - view.createdAt.getTime()).toBeGreaterThan(89 * 86_400_000);
    const mail = await smtp.waitFor(ann.email, /API key was created/);
    expect(mail.text).toContain("Backup script");
    expect(mail.text).toContain(view.start);
    expect(await revokeAllApiKeys({ id: ann.id, email: ann.email }, actor)).toBe(1);
    expect(await listApiKeys(ann.id)).toEqual([]);
    expect(await events(ann.id)).toEqual(expect.arrayContaining(["api-key-created", "api-key-revoked"]));
  });

  it("stores only a hash of the key", async () => {
    const ann = await signUpApiUser("Hash");
    const { key, view } = await createApiKey(
      { id: ann.id, email: ann.email, name: "H" },
      { name: "k", scope: "read", lifetimeDays: 30 },
      actor,
    );
    const [row] = await db.select().from(apiKey).where(eq(apiKey.id, view.id));
    expect(JSON.stringify(row)).not.toContain(key.slice(view.start.length));
  });

  it("writes last used on the first request, then not again within the minute", async () => {
    const ann = await signUpApiUser("Used");
    const { key, view } = await createApiKey(
      { id: ann.id, email: ann.email, name: "U" },
      { name: "k", scope: "read", lifetimeDays: 30 },
      actor,
    );
    expect(view.lastUsedAt).toBeNull();
    const lastUsed = async () =>
      (await db.select({ at: apiKey.lastUsedAt }).from(apiKey).where(eq(apiKey.id, view.id)))[0]!.at;
    await apiFetch("/api/tasks", withToken(key));
    await expect.poll(lastUsed).not.toBeNull();
    const first = await lastUsed();
    for (let i = 0; i < 5; i++) await apiFetch("/api/tasks", withToken(key));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await lastUsed()).toEqual(first);
    // A minute later (moved back by hand) the next request writes it again.
    await db
      .update(apiKey)
      .set({ lastUsedAt: new Date(Date.now() - 61_000) })
      .where(and(eq(apiKey.id, view.id)));
    await apiFetch("/api/tasks", withToken(key));
    await expect.poll(async () => (await lastUsed())!.getTime()).toBeGreaterThan(Date.now() - 5_000);
  });

  it("counts requests made with a key, and the token it mints, against the user's budget", async () => {
    const ann = await signUpApiUser("Budget");
    const { key } = await createApiKey(
      { id: ann.id, email: ann.email, name: "B" },
      { name: "k", scope: "read", lifetimeDays: 30 },
      actor,
    );
    const remaining = async (credential: string) =>
      Number((await apiFetch("/api/tasks", withToken(credential))).headers.get("ratelimit-remaining"));
    const before = await remaining(ann.token);
    await remaining(key);
    await apiFetch("/api/auth/token", withToken(key, { method: "POST" }));
    expect(await remaining(ann.token)).toBeLessThanOrEqual(before - 3);
  });
});

describe("the plan's page paths", () => {
  it.each([
    ["/login", "/sign-in"],
    ["/register", "/sign-up"],
    ["/dashboard", "/tasks"],
  ])("%s redirects to %s", async (from, to) => {
    const routes = await import("~/routes/plan-redirect");
    const response = routes.loader({ request: new Request(`${ORIGIN}${from}`) } as never) as Response;
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(to);
  });
});
