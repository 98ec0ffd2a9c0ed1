import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { rateLimitBucket } from "../../db/schema";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { logger } from "~/logger.server";
import { databaseOutageReason } from "~/database-errors.server";

export type AuthAttempt = "sign-in" | "sign-up";

// Counters live in PostgreSQL so every server process shares them; one bucket per
// (attempt kind, client IP) and one per (attempt kind, email).
const attempts = new RateLimiterDrizzle({
  storeClient: db,
  schema: rateLimitBucket,
  keyPrefix: "auth",
  points: config.AUTH_RATE_LIMIT,
  duration: 60,
});

export class TooManyAttemptsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts; retry after ${retryAfterSeconds}s`);
  }
}

export function attemptKeys(kind: AuthAttempt, clientIp: string, email: string | undefined): string[] {
  const keys = [`${kind}:ip:${clientIp || "unknown"}`];
  if (email) keys.push(`${kind}:email:${email.trim().toLowerCase()}`);
  return keys;
}

/**
 * Counts one sign-in or sign-up attempt against the client IP and the email; throws
 * TooManyAttemptsError when either is over AUTH_RATE_LIMIT per minute. Both buckets are
 * always charged, so an attacker cannot spread tries over many emails or many IPs for free.
 */
export async function consumeAuthAttempt(kind: AuthAttempt, clientIp: string, email?: string): Promise<void> {
  const results = await Promise.allSettled(attemptKeys(kind, clientIp, email).map((key) => attempts.consume(key)));
  let retryAfterMs = 0;
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    if (result.reason instanceof RateLimiterRes) {
      retryAfterMs = Math.max(retryAfterMs, result.reason.msBeforeNext);
    } else if (!databaseOutageReason(result.reason)) {
      // The limiter's store failed: let the attempt through rather than lock everyone out,
      // and say so loudly (the password check itself still runs). When the whole database is
      // away, the attempt fails at the password check and its request says so once.
      logger.error({ err: result.reason, kind }, "auth rate limiter unavailable");
    }
  }
  if (retryAfterMs > 0) throw new TooManyAttemptsError(Math.max(1, Math.ceil(retryAfterMs / 1000)));
}

/** Clears the counters for an IP and an email (tests, and support tooling). */
export async function resetAuthAttempts(kind: AuthAttempt, clientIp: string, email?: string): Promise<void> {
  await Promise.all(attemptKeys(kind, clientIp, email).map((key) => attempts.delete(key)));
}
