// The API keys page and the password forms' "also revoke all API keys", as a browser without
// JavaScript posts them: through the real route modules, Better Auth and the database.
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auth } from "~/auth/auth.server";
import { db } from "~/db.server";
import { action as resetAction } from "~/routes/reset-password";
import { action as changePasswordAction } from "~/routes/settings.password";
import { action as apiKeysAction, loader as apiKeysLoader } from "~/routes/settings.api-keys";
import { apiKey, auditLog, verification } from "../../db/schema";
import { formPost, pageGet, randomIp, replyErrors, runRoute, signUpOverHttp, STRONG_PASSWORD } from "../support/auth";
import { NEW_PASSWORD } from "../support/passwords";

async function createKey(cookie: string, fields: Record<string, string> = {}) {
  const outcome = await runRoute(
    apiKeysAction,
    formPost(
      "/settings/api-keys",
      { intent: "create-api-key", name: "Script", scope: "write", lifetimeDays: "30", ...fields },
      { cookie },
    ),
  );
  return { ...outcome, key: (outcome.data as { created?: { key: string } } | null)?.created?.key };
}

const keysOf = (userId: string) => db.select().from(apiKey).where(eq(apiKey.userId, userId));

describe("the API keys page", () => {
  it("creates a key, answers it once, and lists it without the secret", async () => {
    const { cookie, userId } = await signUpOverHttp();
    const created = await createKey(cookie, { name: "Backup", scope: "read", lifetimeDays: "365" });
    expect(created.status).toBe(201);
    expect(created.key).toMatch(/^tl_[A-Za-z0-9_-]{43}$/);
    const [row] = await keysOf(userId);
    expect(row).toMatchObject({ name: "Backup", scope: "read" });
    expect(Math.round((row!.expiresAt.getTime() - row!.createdAt.getTime()) / 86_400_000)).toBe(365);

    const page = await runRoute(apiKeysLoader, pageGet("/settings/api-keys", { cookie }));
    expect(JSON.stringify(page.data)).not.toContain(created.key!.slice(9));
    expect((page.data as { keys: { name: string; start: string }[] }).keys).toEqual([
      expect.objectContaining({ name: "Backup", start: created.key!.slice(0, 9), lastUsedAt: null, expired: false }),
    ]);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "x".repeat(61) }, "name"],
    [{ name: "Bad\u0000name" }, "name"],
    [{ scope: "admin" }, "scope"],
    [{ lifetimeDays: "7" }, "lifetimeDays"],
    [{ lifetimeDays: "forever" }, "lifetimeDays"],
  ])("refuses %o with a message on %s, and creates nothing", async (fields, field) => {
    const { cookie, userId } = await signUpOverHttp();
    const outcome = await createKey(cookie, fields as Record<string, string>);
    expect(outcome.status).toBe(400);
    expect(replyErrors(outcome.data)[field]?.length).toBeGreaterThan(0);
    expect(await keysOf(userId)).toEqual([]);
  });

  it("needs a session: signed out, the page and its form redirect to sign-in", async () => {
    const page = await runRoute(apiKeysLoader, pageGet("/settings/api-keys"));
    expect(page.location).toMatch(/^\/sign-in\?redirectTo=/);
    const post = await createKey("");
    expect(post.location).toMatch(/^\/sign-in\?redirectTo=/);
  });

  it("revokes only the user's own keys", async () => {
    const ann = await signUpOverHttp();
    const bob = await signUpOverHttp();
    await createKey(ann.cookie);
    const [annKey] = await keysOf(ann.userId);
    const refused = await runRoute(
      apiKeysAction,
      formPost("/settings/api-keys", { intent: "revoke-api-key", keyId: annKey!.id }, { cookie: bob.cookie }),
    );
    expect(refused.status).toBe(404);
    expect(await keysOf(ann.userId)).toHaveLength(1);
    const revoked = await runRoute(
      apiKeysAction,
      formPost("/settings/api-keys", { intent: "revoke-api-key", keyId: annKey!.id }, { cookie: ann.cookie }),
    );
    expect(revoked.location).toBe("/settings/api-keys");
    expect(await keysOf(ann.userId)).toEqual([]);
    const events = await db.select().from(auditLog).where(eq(auditLog.userId, ann.userId));
    expect(events.map((event) => event.event)).toEqual(expect.arrayContaining(["api-key-created", "api-key-revoked"]));
    const garbage = await runRoute(
      apiKeysAction,
      formPost("/settings/api-keys", { intent: "revoke-api-key", keyId: "nope" }, { cookie: ann.cookie }),
    );
    expect(garbage.status).toBe(400);
  });
});

describe("changing or resetting the password can revoke every key", () => {
  it("keeps the keys unless asked, and revokes them all when asked", async () => {
    const { cookie, userId } = await signUpOverHttp();
    await createKey(cookie);
    await createKey(cookie, { scope: "read" });
    const kept = await runRoute(
      changePasswordAction,
      formPost("/settings/password", { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD }, { cookie }),
    );
    expect(kept.location).toBe("/settings");
    expect(await keysOf(userId)).toHaveLength(2);
    const revoked = await runRoute(
      changePasswordAction,
      formPost(
        "/settings/password",
        { currentPassword: NEW_PASSWORD, newPassword: STRONG_PASSWORD, revokeApiKeys: "on" },
        { cookie },
      ),
    );
    expect(revoked.location).toBe("/settings");
    expect(await keysOf(userId)).toEqual([]);
  });

  it("a reset with the box ticked revokes the account's keys", async () => {
    const { cookie, userId, email } = await signUpOverHttp({ ip: randomIp() });
    await createKey(cookie);
    await auth.api.requestPasswordReset({ body: { email }, headers: new Headers({ "x-client-ip": randomIp() }) });
    const [stored] = await db
      .select()
      .from(verification)
      .where(and(eq(verification.value, userId), like(verification.identifier, "reset-password:%")));
    const token = stored!.identifier.slice("reset-password:".length);
    const outcome = await runRoute(
      resetAction,
      formPost("/reset-password", { token, newPassword: NEW_PASSWORD, revokeApiKeys: "on" }),
    );
    expect(outcome.location).toBe("/sign-in");
    expect(await keysOf(userId)).toEqual([]);
  });
});
