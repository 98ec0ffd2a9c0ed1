import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { setTimeout as sleep } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { user } from "../../db/schema";
import { type AuditEntry, recordAuditEvent } from "~/auth/audit.server";
import { looksLikeResetToken, readEmailLink, readResetToken } from "~/auth/email-links.server";
import {
  CURRENT_PASSWORD_REQUIRED,
  INVALID_PASSWORD,
  INVALID_PROFILE,
  PASSWORD_TOO_WEAK,
  TOO_MANY_ATTEMPTS,
} from "~/auth/errors";
import { describeUnmetRules, unmetPasswordRules } from "~/auth/password-policy";
import { type AuthAttempt, consumeAuthAttempt, TooManyAttemptsError } from "~/auth/rate-limit.server";
import { nameSchema } from "~/auth/schemas";
import { endOtherSessions, forgetTrustedDevices } from "~/auth/two-factor.server";
import { db } from "~/db.server";
import { logger } from "~/logger.server";
import { emailChangedNotice, passwordChangedNotice } from "~/mail/messages.server";
import { enqueueMail } from "~/mail/outbox.server";

// Better Auth runs these hooks for its HTTP endpoints (/api/auth/*) and for server-side
// auth.api calls from our form actions alike, so each rule below holds on every path.

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** Paths limited per client IP and per `email` in the body (see rate-limit.server.ts). */
const LIMITED_PATHS: Record<string, AuthAttempt> = {
  "/sign-in/email": "sign-in",
  "/sign-up/email": "sign-up",
  "/request-password-reset": "password-reset-request",
  // The body has a token, not an email: the per-IP bucket bounds guessing.
  "/reset-password": "password-reset",
  "/send-verification-email": "verification-email",
  // A passkey response carries no email: the per-IP bucket bounds it, shared with password sign-ins.
  "/passkey/sign-in": "sign-in",
};

/**
 * The two-factor steps, limited per client IP and per account (the challenge's or the
 * session's): codes after the password, and the settings calls that check the password.
 */
const TWO_FACTOR_ATTEMPTS: Record<string, AuthAttempt> = {
  "/two-factor/verify-totp": "two-factor",
  "/two-factor/verify-backup-code": "two-factor",
  "/two-factor/enable": "two-factor-settings",
  "/two-factor/disable": "two-factor-settings",
  "/two-factor/generate-backup-codes": "two-factor-settings",
  "/two-factor/get-totp-uri": "two-factor-settings",
};
/** Better Auth's own per-IP rule is turned off for these (auth.server.ts): ours covers them. */
export const TWO_FACTOR_LIMITED_PATHS = Object.keys(TWO_FACTOR_ATTEMPTS);

/**
 * A request for a reset link answers no sooner than this, whether or not the address has
 * an account (an account costs a token and an outbox insert more): nobody learns who is
 * registered from the time it takes.
 */
const RESET_REQUEST_MIN_MS = 300;

/** What the before hook saw, for the after hook of the same call (Better Auth keeps ctx.context). */
interface Observed {
  startedAt: number;
  /** /reset-password: whose password the token resets. */
  resetUserId?: string;
  /** /verify-email: the account the token names, as it was before the call. */
  verifying?: { userId: string; email: string; emailVerified: boolean; updateTo?: string };
  /** /two-factor/*: whose factor it is, and whether they were signed in (settings) or answering a challenge. */
  twoFactor?: { userId: string; email: string; signedIn: boolean; enabledBefore: boolean };
}
const observed = new WeakMap<object, Observed>();

/** Paths that set a password, and the body field that carries the new one. */
const PASSWORD_FIELDS: Record<string, string> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
  "/set-password": "newPassword",
};

/** Paths that set the profile (name, picture). */
const PROFILE_PATHS = new Set(["/sign-up/email", "/update-user"]);

/**
 * What is wrong with the profile fields of a body, or null. Better Auth would coerce an array
 * to a name and store control characters (a NUL fails the insert: 500); no page shows
 * `image`, but any client might, so only an http(s) URL is kept.
 */
function profileProblem(body: unknown): string | null {
  const fields = (body ?? {}) as Record<string, unknown>;
  if ("name" in fields) {
    const result = nameSchema.safeParse(fields.name);
    if (!result.success) return result.error.issues[0]!.message;
  }
  if ("image" in fields && fields.image !== null && fields.image !== undefined) {
    const image = fields.image;
    if (typeof image !== "string" || image.length > 2048 || !/^https?:\/\//i.test(image) || !URL.canParse(image)) {
      return "The picture must be an http(s) URL.";
    }
  }
  return null;
}

function tooManyAttempts(seconds: number): APIError {
  const wait = seconds > 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} second${seconds === 1 ? "" : "s"}`;
  return new APIError(
    "TOO_MANY_REQUESTS",
    { code: TOO_MANY_ATTEMPTS, message: `Too many attempts. Please wait ${wait} and try again.` },
    { "Retry-After": String(seconds) },
  );
}

export async function chargeAttempt(ctx: Pick<HookContext, "headers" | "request">, attempt: AuthAttempt, email: string | undefined) {
  try {
    await consumeAuthAttempt(attempt, requestMeta(ctx).ipAddress ?? "", email);
  } catch (error) {
    if (!(error instanceof TooManyAttemptsError)) throw error;
    throw tooManyAttempts(error.retryAfterSeconds);
  }
}

/**
 * A change of address needs the current password as well as a session, so that a session
 * left open on a shared computer cannot move the account (and its password resets) away.
 * Better Auth has no such rule: this is it, for the settings form and HTTP clients alike.
 */
async function requireCurrentPassword(ctx: HookContext) {
  const session = await getSessionFromCtx(ctx, { disableRefresh: true });
  // No session: Better Auth's own guard answers 401.
  if (!session) return;
  await chargeAttempt(ctx, "change-email", session.user.email);
  const password = bodyString(ctx, "currentPassword");
  if (!password) {
    throw new APIError("BAD_REQUEST", { code: CURRENT_PASSWORD_REQUIRED, message: "Enter your current password." });
  }
  await verifyAccountPassword(ctx, session.user.id, password);
}

/** Throws Better Auth's INVALID_PASSWORD unless `password` is the account's. */
export async function verifyAccountPassword(ctx: Pick<HookContext, "context">, userId: string, password: string) {
  const accounts = await ctx.context.internalAdapter.findAccounts(userId);
  const hash = accounts.find((account) => account.providerId === "credential")?.password;
  if (!hash || !(await ctx.context.password.verify({ hash, password }))) {
    throw new APIError("BAD_REQUEST", { code: INVALID_PASSWORD, message: "Invalid password" });
  }
}

/**
 * The account a confirmation link names, as it is before the call. The link is verified here
 * too (a forged one names nobody); whether it can still be used is Better Auth's to say.
 */
async function accountNamedByLink(token: string | undefined) {
  const link = token ? await readEmailLink(token) : null;
  if (!link || link.kind === "invalid" || link.kind === "expired") return undefined;
  const [account] = link.userId
    ? await db.select().from(user).where(eq(user.id, link.userId)).limit(1)
    : await db.select().from(user).where(eq(user.email, link.email.toLowerCase())).limit(1);
  if (!account) return undefined;
  return {
    userId: account.id,
    email: account.email,
    emailVerified: account.emailVerified,
    updateTo: link.kind === "change" ? link.newEmail : undefined,
  };
}

function bodyString(ctx: HookContext, field: string): string | undefined {
  const value: unknown = (ctx.body as Record<string, unknown> | undefined)?.[field];
  return typeof value === "string" ? value : undefined;
}

/** server.js sets x-client-ip from the socket (or trusted proxies), replacing any client value. */
export function requestMeta(ctx: Pick<HookContext, "headers" | "request">) {
  const headers = ctx.headers ?? ctx.request?.headers;
  return { ipAddress: headers?.get("x-client-ip") ?? null, userAgent: headers?.get("user-agent") ?? null };
}

export const beforeAuthEndpoint = createAuthMiddleware(async (ctx) => {
  const seen: Observed = { startedAt: Date.now() };
  observed.set(ctx.context, seen);

  const attempt = LIMITED_PATHS[ctx.path];
  if (attempt) await chargeAttempt(ctx, attempt, bodyString(ctx, "email"));

  const twoFactorAttempt = TWO_FACTOR_ATTEMPTS[ctx.path];
  if (twoFactorAttempt) {
    seen.twoFactor = await twoFactorAccount(ctx);
    await chargeAttempt(ctx, twoFactorAttempt, seen.twoFactor?.userId);
  }

  if (ctx.path === "/change-email") await requireCurrentPassword(ctx);
  if (ctx.path === "/reset-password") {
    const token = bodyString(ctx, "token") ?? (ctx.query as { token?: unknown } | undefined)?.token;
    if (typeof token === "string") {
      if (!looksLikeResetToken(token)) throw new APIError("BAD_REQUEST", { code: "INVALID_TOKEN", message: "Invalid token" });
      seen.resetUserId = (await readResetToken(token))?.userId;
    }
  }
  if (ctx.path === "/verify-email") {
    const token = (ctx.query as { token?: unknown } | undefined)?.token;
    seen.verifying = await accountNamedByLink(typeof token === "string" ? token : undefined);
  }

  if (PROFILE_PATHS.has(ctx.path)) {
    const message = profileProblem(ctx.body);
    if (message) throw new APIError("BAD_REQUEST", { code: INVALID_PROFILE, message });
  }

  const passwordField = PASSWORD_FIELDS[ctx.path];
  if (passwordField) {
    const password = bodyString(ctx, passwordField);
    // A missing or non-string password is left to Better Auth's own body validation.
    if (password !== undefined) {
      const unmet = unmetPasswordRules(password);
      if (unmet.length) {
        throw new APIError("BAD_REQUEST", { code: PASSWORD_TOO_WEAK, message: describeUnmetRules(unmet) });
      }
    }
  }

  if (ctx.path === "/sign-out") {
    // The session row is gone by the time the after hook runs: look it up now (this caches
    // it on ctx.context.session, which the after hook reads) to know who signed out.
    await getSessionFromCtx(ctx, { disableRefresh: true });
  }
});

export const afterAuthEndpoint = createAuthMiddleware(async (ctx) => {
  // Security consequences first, outside the audit's try: if they fail, the request must too.
  await applyTwoFactorConsequences(ctx);
  try {
    const entries = ctx.path.startsWith("/two-factor/") ? await twoFactorAuditEntries(ctx) : [await auditEntryFor(ctx)];
    for (const entry of entries) {
      if (!entry) continue;
      await recordAuditEvent(entry);
      const notice = await noticeFor(entry);
      if (notice) await enqueueMail(notice);
      // Better Auth keeps the old address's state; the new one has just proved itself by its link.
      if (entry.event === "email-changed" && entry.userId) {
        await db.update(user).set({ emailVerified: true }).where(eq(user.id, entry.userId));
      }
    }
  } catch (error) {
    // Auditing (and the notice that goes with it) must never fail the user's request.
    logger.error({ err: error, path: ctx.path }, "audit hook failed");
  }
  const seen = observed.get(ctx.context);
  if (ctx.path === "/request-password-reset" && seen) {
    await sleep(Math.max(0, seen.startedAt + RESET_REQUEST_MIN_MS - Date.now()));
  }
});

/** "Your password was changed", "your address was changed": to the address that can object. */
async function noticeFor(entry: AuditEntry) {
  if (!entry.userId) return null;
  if (entry.event !== "password-change" && entry.event !== "password-reset" && entry.event !== "email-changed") return null;
  const [account] = await db.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, entry.userId));
  if (!account) return null;
  if (entry.event === "email-changed") {
    const { from, to } = entry.details as { from: string; to: string };
    return emailChangedNotice(account, from, to);
  }
  return passwordChangedNotice(account, entry.event === "password-reset" ? "reset" : "changed");
}

async function userIdByEmail(email: string | null | undefined): Promise<string | null> {
  if (!email) return null;
  const [target] = await db.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1);
  return target?.id ?? null;
}

/** Better Auth reports a redirect as a 302 "error"; its own error redirects carry `error=`. */
function endpointFailed(returned: unknown): boolean {
  if (isAPIError(returned)) {
    const location = new Headers(returned.headers ?? undefined).get("location");
    return !(returned.statusCode === 302 && location && !/[?&]error=/.test(location));
  }
  return returned instanceof Error;
}

async function auditEntryFor(ctx: HookContext): Promise<AuditEntry | null> {
  const returned = ctx.context.returned;
  const failed = endpointFailed(returned);
  const meta = requestMeta(ctx);
  const session = ctx.context.session;
  const seen = observed.get(ctx.context);

  switch (ctx.path) {
    case "/sign-up/email": {
      if (failed) return null;
      const created = ctx.context.newSession;
      if (created) return { event: "sign-up", userId: created.user.id, email: created.user.email, ...meta };
      // Without a session (REQUIRE_EMAIL_VERIFICATION): the same answer for a new account and
      // a taken address; only the id it names being in the table tells them apart.
      const answered = (returned as { user?: { id?: unknown; email?: unknown } } | undefined)?.user;
      const email = typeof answered?.email === "string" ? answered.email : null;
      const ownerId = await userIdByEmail(email);
      if (!ownerId) return null;
      return { event: ownerId === answered?.id ? "sign-up" : "sign-up-existing-account", userId: ownerId, email, ...meta };
    }
    case "/request-password-reset": {
      if (failed) return null;
      const email = bodyString(ctx, "email")?.trim().toLowerCase() ?? null;
      const userId = await userIdByEmail(email);
      return userId ? { event: "password-reset-request", userId, email, ...meta } : null;
    }
    case "/reset-password":
      if (failed || !seen?.resetUserId) return null;
      return { event: "password-reset", userId: seen.resetUserId, ...meta };
    case "/send-verification-email": {
      if (failed) return null;
      const email = session?.user.email ?? bodyString(ctx, "email")?.trim().toLowerCase() ?? null;
      const userId = session?.user.id ?? (await userIdByEmail(email));
      return userId ? { event: "verification-email-request", userId, email, ...meta } : null;
    }
    case "/verify-email": {
      const before = seen?.verifying;
      if (failed || !before) return null;
      const [after] = await db.select().from(user).where(eq(user.id, before.userId));
      if (!after) return null;
      if (before.updateTo) {
        // A reused link fails in Better Auth (the address no longer matches); this checks the change happened now.
        if (before.email === after.email || after.email !== before.updateTo) return null;
        return { event: "email-changed", userId: after.id, email: after.email, ...meta, details: { from: before.email, to: after.email } };
      }
      if (before.emailVerified || !after.emailVerified) return null;
      return { event: "email-verified", userId: after.id, email: after.email, ...meta };
    }
    case "/change-email":
      if (failed || !session) return null;
      return {
        event: "email-change-request",
        userId: session.user.id,
        email: session.user.email,
        ...meta,
        details: { newEmail: bodyString(ctx, "newEmail")?.trim().toLowerCase() ?? null },
      };
    case "/sign-in/email": {
      const email = bodyString(ctx, "email")?.trim().toLowerCase() ?? null;
      const signedIn = ctx.context.newSession;
      // The two-factor plugin's after hook (it runs before this one) has turned the session
      // into a challenge: the password was right, and nobody is signed in yet.
      if (!failed && isTwoFactorChallenge(returned)) {
        return { event: "sign-in-second-factor-pending", userId: await userIdByEmail(email), email, ...meta };
      }
      if (!failed && signedIn) {
        // A session for an account with two-factor on means a trusted device answered for it.
        const details = signedIn.user.twoFactorEnabled ? { secondFactor: "trusted-device" } : undefined;
        return { event: "sign-in", userId: signedIn.user.id, email: signedIn.user.email, ...meta, details };
      }
      // Attach the failure to the account it targeted, so its owner sees it in their activity.
      return { event: "sign-in-failure", userId: await userIdByEmail(email), email, ...meta };
    }
    case "/sign-out":
      if (!session) return null;
      return { event: "sign-out", userId: session.user.id, email: session.user.email, ...meta };
    case "/change-password":
      if (failed || !session) return null;
      return {
        event: "password-change",
        userId: session.user.id,
        email: session.user.email,
        ...meta,
        details: { signedOutOtherSessions: Boolean((ctx.body as { revokeOtherSessions?: unknown })?.revokeOtherSessions) },
      };
    case "/revoke-session":
    case "/revoke-other-sessions":
    case "/revoke-sessions":
      if (failed || !session) return null;
      return {
        event: "session-revoked",
        userId: session.user.id,
        email: session.user.email,
        ...meta,
        details: { scope: { "/revoke-session": "one", "/revoke-other-sessions": "others", "/revoke-sessions": "all" }[ctx.path] },
      };
    case "/delete-user":
      if (failed || !session) return null;
      // The user row is gone (audit_log.user_id would break its foreign key): keep the id in details.
      return { event: "account-deleted", userId: null, email: session.user.email, ...meta, details: { userId: session.user.id } };
    default:
      return null;
  }
}

// Two-factor sign-in (decision 040). Better Auth's plugin does the protocol; these say whose
// factor a call is about (for the limits and the audit log) and apply what we promise on top.

/** The plugin's answer to a right password on an account with two-factor on. */
function isTwoFactorChallenge(returned: unknown): boolean {
  return (returned as { twoFactorRedirect?: unknown } | null)?.twoFactorRedirect === true;
}

/**
 * The account a /two-factor/* call is about: the signed-in user (settings), or the one whose
 * sign-in challenge the signed `two_factor` cookie names. Undefined for a missing, forged or
 * expired challenge (the plugin then answers 401 itself).
 */
export async function twoFactorAccount(ctx: HookContext): Promise<Observed["twoFactor"]> {
  const current = await getSessionFromCtx(ctx, { disableRefresh: true });
  if (current) {
    const enabledBefore = Boolean((current.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled);
    return { userId: current.user.id, email: current.user.email, signedIn: true, enabledBefore };
  }
  const challengeCookie = ctx.context.createAuthCookie("two_factor");
  const identifier = await ctx.getSignedCookie(challengeCookie.name, ctx.context.secret);
  if (!identifier) return undefined;
  const challenge = await ctx.context.internalAdapter.findVerificationValue(identifier);
  if (!challenge || challenge.expiresAt < new Date()) return undefined;
  const owner = await ctx.context.internalAdapter.findUserById(challenge.value);
  if (!owner) return undefined;
  return { userId: owner.id, email: owner.email, signedIn: false, enabledBefore: true };
}

/**
 * What a change to the second factor does beyond the plugin: turning it off ends every other
 * session (the plugin only replaces the current one) and forgets every trusted device (the
 * plugin only forgets the current browser's); a password reset forgets trusted devices too,
 * so a reset alone never skips the second factor. Both paths: forms and /api/auth/* alike.
 */
async function applyTwoFactorConsequences(ctx: HookContext) {
  const seen = observed.get(ctx.context);
  if (!seen || endpointFailed(ctx.context.returned)) return;
  if (ctx.path === "/two-factor/disable" && seen.twoFactor) {
    await endOtherSessions(seen.twoFactor.userId, ctx.context.newSession?.session.id);
    await forgetTrustedDevices(seen.twoFactor.userId);
  }
  if (ctx.path === "/reset-password" && seen.resetUserId) await forgetTrustedDevices(seen.resetUserId);
}

/** Wrong codes, as the plugin reports them (a refused attempt that was never checked is not one). */
const WRONG_CODE_ERRORS = new Set(["INVALID_CODE", "INVALID_BACKUP_CODE"]);

async function twoFactorAuditEntries(ctx: HookContext): Promise<AuditEntry[]> {
  const account = observed.get(ctx.context)?.twoFactor;
  if (!account) return [];
  const returned = ctx.context.returned;
  const failed = endpointFailed(returned);
  const who = { userId: account.userId, email: account.email, ...requestMeta(ctx) };

  switch (ctx.path) {
    case "/two-factor/verify-totp":
    case "/two-factor/verify-backup-code": {
      const method = ctx.path === "/two-factor/verify-totp" ? "totp" : "backup-code";
      if (failed) {
        const code = isAPIError(returned) ? (returned.body as { code?: string } | undefined)?.code : undefined;
        return code && WRONG_CODE_ERRORS.has(code) ? [{ event: "two-factor-failure", ...who, details: { method } }] : [];
      }
      const entries: AuditEntry[] = [];
      // The verified second factor is the sign-in; the password step before it was only "pending".
      if (!account.signedIn) {
        const trustDevice = (ctx.body as { trustDevice?: unknown } | undefined)?.trustDevice === true;
        entries.push({ event: "sign-in", ...who, details: { secondFactor: method, trustDevice } });
      } else if (method === "totp" && !account.enabledBefore) {
        entries.push({ event: "two-factor-enabled", ...who });
      }
      if (method === "backup-code") entries.push({ event: "backup-code-used", ...who });
      return entries;
    }
    case "/two-factor/disable":
      return failed ? [] : [{ event: "two-factor-disabled", ...who }];
    case "/two-factor/generate-backup-codes":
      return failed ? [] : [{ event: "backup-codes-regenerated", ...who }];
    default:
      return [];
  }
}
