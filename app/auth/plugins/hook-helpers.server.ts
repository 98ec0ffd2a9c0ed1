// What our auth plugins (this folder) share: the request's client, the attempt limits, the
// password check, and the facts one plugin looks up before a call for another's after hook.
// Better Auth runs every plugin's hooks for its HTTP endpoints (/api/auth/*) and for
// server-side auth.api calls from our form actions alike, so each rule holds on every path.
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { user } from "../../../db/schema";
import { INVALID_PASSWORD, TOO_MANY_ATTEMPTS } from "~/auth/errors";
import { type AuthAttempt, consumeAuthAttempt, TooManyAttemptsError } from "~/auth/rate-limit.server";
import { db } from "~/db.server";

export type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/**
 * A hook for the calls whose path is one of `paths`. It answers nothing: an object returned by
 * a before hook would become the call's answer in place of the endpoint's.
 */
export function onPaths(paths: Iterable<string>, handler: (ctx: HookContext) => Promise<unknown>) {
  const matching = new Set(paths);
  return {
    matcher: (ctx: { path?: string }) => matching.has(ctx.path ?? ""),
    handler: createAuthMiddleware(async (ctx) => {
      await handler(ctx);
    }),
  };
}

/**
 * A fact about a call looked up once, before the endpoint runs (when the account is still as
 * it was, and the challenge or link not yet spent), for the after hooks of the same call:
 * Better Auth hands both the same `ctx.context`.
 */
export function lookedUpBeforeTheCall<T>(lookup: (ctx: HookContext) => Promise<T>) {
  const values = new WeakMap<object, Promise<T>>();
  return {
    /** In a before hook: looks it up, or answers what an earlier hook of the call looked up. */
    lookUp(ctx: HookContext): Promise<T> {
      let value = values.get(ctx.context);
      if (!value) {
        value = lookup(ctx);
        values.set(ctx.context, value);
      }
      return value;
    },
    /** In an after hook: what the before hooks saw, or undefined when none looked. */
    async seen(ctx: HookContext): Promise<T | undefined> {
      return values.get(ctx.context);
    },
  };
}

export function bodyString(ctx: HookContext, field: string): string | undefined {
  const value: unknown = (ctx.body as Record<string, unknown> | undefined)?.[field];
  return typeof value === "string" ? value : undefined;
}

/** The server (`server/client-ip.ts`) sets x-client-ip from the socket (or trusted proxies), replacing any client value. */
export function requestMeta(ctx: Pick<HookContext, "headers" | "request">) {
  const headers = ctx.headers ?? ctx.request?.headers;
  return { ipAddress: headers?.get("x-client-ip") ?? null, userAgent: headers?.get("user-agent") ?? null };
}

function tooManyAttempts(seconds: number): APIError {
  const wait = seconds > 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} second${seconds === 1 ? "" : "s"}`;
  return new APIError(
    "TOO_MANY_REQUESTS",
    { code: TOO_MANY_ATTEMPTS, message: `Too many attempts. Please wait ${wait} and try again.` },
    { "Retry-After": String(seconds) },
  );
}

/** Counts one attempt against the client IP and `email` (or account id); 429 when either is spent. */
export async function chargeAttempt(
  ctx: Pick<HookContext, "headers" | "request">,
  attempt: AuthAttempt,
  email: string | undefined,
) {
  try {
    await consumeAuthAttempt(attempt, requestMeta(ctx).ipAddress ?? "", email);
  } catch (error) {
    if (!(error instanceof TooManyAttemptsError)) throw error;
    throw tooManyAttempts(error.retryAfterSeconds);
  }
}

/** Throws Better Auth's INVALID_PASSWORD unless `password` is the account's. */
export async function verifyAccountPassword(ctx: Pick<HookContext, "context">, userId: string, password: string) {
  const accounts = await ctx.context.internalAdapter.findAccounts(userId);
  const hash = accounts.find((account) => account.providerId === "credential")?.password;
  if (!hash || !(await ctx.context.password.verify({ hash, password }))) {
    throw new APIError("BAD_REQUEST", { code: INVALID_PASSWORD, message: "Invalid password" });
  }
}

/** Better Auth reports a redirect as a 302 "error"; its own error redirects carry `error=`. */
export function endpointFailed(returned: unknown): boolean {
  if (isAPIError(returned)) {
    const location = new Headers(returned.headers ?? undefined).get("location");
    return !(returned.statusCode === 302 && location && !/[?&]error=/.test(location));
  }
  return returned instanceof Error;
}

export async function userIdByEmail(email: string | null | undefined): Promise<string | null> {
  if (!email) return null;
  const [target] = await db.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1);
  return target?.id ?? null;
}

export interface TwoFactorAccount {
  userId: string;
  email: string;
  /** Signed in (settings), or answering a sign-in challenge. */
  signedIn: boolean;
  enabledBefore: boolean;
}

/**
 * The account a /two-factor/* call is about: the signed-in user (settings), or the one whose
 * sign-in challenge the signed `two_factor` cookie names. Undefined for a missing, forged or
 * expired challenge (the plugin then answers 401 itself).
 */
export const twoFactorAccount = lookedUpBeforeTheCall(async (ctx): Promise<TwoFactorAccount | undefined> => {
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
});
