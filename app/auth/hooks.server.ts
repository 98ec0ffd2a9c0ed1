import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { user } from "../../db/schema";
import { type AuditEntry, recordAuditEvent } from "~/auth/audit.server";
import { INVALID_PROFILE, PASSWORD_TOO_WEAK, TOO_MANY_ATTEMPTS } from "~/auth/errors";
import { describeUnmetRules, unmetPasswordRules } from "~/auth/password-policy";
import { type AuthAttempt, consumeAuthAttempt, TooManyAttemptsError } from "~/auth/rate-limit.server";
import { nameSchema } from "~/auth/schemas";
import { db } from "~/db.server";
import { logger } from "~/logger.server";

// Better Auth runs these hooks for its HTTP endpoints (/api/auth/*) and for server-side
// auth.api calls from our form actions alike, so each rule below holds on every path.

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

const LIMITED_PATHS: Record<string, AuthAttempt> = { "/sign-in/email": "sign-in", "/sign-up/email": "sign-up" };

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

function bodyString(ctx: HookContext, field: string): string | undefined {
  const value: unknown = (ctx.body as Record<string, unknown> | undefined)?.[field];
  return typeof value === "string" ? value : undefined;
}

/** server.js sets x-client-ip from the socket (or trusted proxies), replacing any client value. */
function requestMeta(ctx: HookContext) {
  const headers = ctx.headers ?? ctx.request?.headers;
  return { ipAddress: headers?.get("x-client-ip") ?? null, userAgent: headers?.get("user-agent") ?? null };
}

export const beforeAuthEndpoint = createAuthMiddleware(async (ctx) => {
  const attempt = LIMITED_PATHS[ctx.path];
  if (attempt) {
    try {
      await consumeAuthAttempt(attempt, requestMeta(ctx).ipAddress ?? "", bodyString(ctx, "email"));
    } catch (error) {
      if (!(error instanceof TooManyAttemptsError)) throw error;
      const seconds = error.retryAfterSeconds;
      throw new APIError(
        "TOO_MANY_REQUESTS",
        {
          code: TOO_MANY_ATTEMPTS,
          message: `Too many attempts. Please wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`,
        },
        { "Retry-After": String(seconds) },
      );
    }
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
  try {
    const entry = await auditEntryFor(ctx);
    if (entry) await recordAuditEvent(entry);
  } catch (error) {
    // Auditing must never fail the user's request.
    logger.error({ err: error, path: ctx.path }, "audit hook failed");
  }
});

async function auditEntryFor(ctx: HookContext): Promise<AuditEntry | null> {
  const returned = ctx.context.returned;
  const failed = isAPIError(returned) || returned instanceof Error;
  const meta = requestMeta(ctx);
  const session = ctx.context.session;

  switch (ctx.path) {
    case "/sign-up/email": {
      const created = ctx.context.newSession;
      if (failed || !created) return null;
      return { event: "sign-up", userId: created.user.id, email: created.user.email, ...meta };
    }
    case "/sign-in/email": {
      const email = bodyString(ctx, "email")?.trim().toLowerCase() ?? null;
      const signedIn = ctx.context.newSession;
      if (!failed && signedIn) return { event: "sign-in", userId: signedIn.user.id, email: signedIn.user.email, ...meta };
      // Attach the failure to the account it targeted, so its owner sees it in their activity.
      const [target] = email
        ? await db.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1)
        : [];
      return { event: "sign-in-failure", userId: target?.id ?? null, email, ...meta };
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
