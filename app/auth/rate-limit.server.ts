import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { rateLimitBucket } from "../../db/schema";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { logger } from "~/logger.server";
import { databaseOutageReason } from "~/database-errors.server";
import { countAuthAttempt } from "~/metrics.server";

export type AuthAttempt =
  | "sign-in"
  | "sign-up"
  | "password-reset-request"
  | "password-reset"
  | "verification-email"
  | "change-email"
  // A code or backup code after the password, and the password-guarded two-factor settings:
  // keyed by the account's id rather than an email (the body of these calls has none).
  | "two-factor"
  | "two-factor-settings"
  // The password asked again before adding a passkey to a session older than a day.
  | "passkey-settings";

/** Attempts that send mail: a stranger must not be able to fill someone's inbox. */
const MAILING_ATTEMPTS = new Set<AuthAttempt>(["password-reset-request", "verification-email", "change-email"]);
/** Per address and hour: enough for "it did not arrive, send it again", too few to flood an inbox. */
export const MAILS_PER_ADDRESS_PER_HOUR = 5;

// Counters live in PostgreSQL so every server process shares them; one bucket per
// (attempt kind, client IP) and one per (attempt kind, email), and one per address for mail.
const attempts = new RateLimiterDrizzle({
  storeClient: db,
  schema: rateLimitBucket,
  keyPrefix: "auth",
  points: config.AUTH_RATE_LIMIT,
  duration: 60,
});

const mailsPerAddress = new RateLimiterDrizzle({
  storeClient: db,
  schema: rateLimitBucket,
  keyPrefix: "mail",
  points: MAILS_PER_ADDRESS_PER_HOUR,
  duration: 60 * 60,
});

export class TooManyAttemptsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts; retry after ${retryAfterSeconds}s`);
  }
}

/** Kinds whose second bucket is the account's id (passed where the others take the email). */
const ACCOUNT_KEYED_ATTEMPTS = new Set<AuthAttempt>(["two-factor", "two-factor-settings", "passkey-settings"]);

export function attemptKeys(kind: AuthAttempt, clientIp: string, email: string | undefined): string[] {
  const keys = [`${kind}:ip:${clientIp || "unknown"}`];
  if (email)
    keys.push(`${kind}:${ACCOUNT_KEYED_ATTEMPTS.has(kind) ? "account" : "email"}:${email.trim().toLowerCase()}`);
  return keys;
}

/**
 * Counts one attempt against the client IP and the email; throws TooManyAttemptsError when
 * either is over AUTH_RATE_LIMIT per minute (or, for an attempt that sends mail, the address
 * is over MAILS_PER_ADDRESS_PER_HOUR). Every bucket is always charged, so an attacker cannot
 * spread tries over many emails or many IPs for free.
 */
export async function consumeAuthAttempt(kind: AuthAttempt, clientIp: string, email?: string): Promise<void> {
  const charges = attemptKeys(kind, clientIp, email).map((key) => attempts.consume(key));
  if (email && MAILING_ATTEMPTS.has(kind)) charges.push(mailsPerAddress.consume(email.trim().toLowerCase()));
  const results = await Promise.allSettled(charges);
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
  countAuthAttempt(kind, retryAfterMs > 0);
  if (retryAfterMs > 0) throw new TooManyAttemptsError(Math.max(1, Math.ceil(retryAfterMs / 1000)));
}

/** Clears the counters for an IP and an email (tests, and support tooling). */
export async function resetAuthAttempts(kind: AuthAttempt, clientIp: string, email?: string): Promise<void> {
  await Promise.all(attemptKeys(kind, clientIp, email).map((key) => attempts.delete(key)));
  if (email && MAILING_ATTEMPTS.has(kind)) await mailsPerAddress.delete(email.trim().toLowerCase());
}
