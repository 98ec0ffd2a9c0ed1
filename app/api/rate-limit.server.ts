// The per-user request budget of the JSON API, kept in the database so every server process
// draws from the same one. Each request costs one upsert on `rate_limit_bucket`.
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { rateLimitBucket } from "../../db/schema";

const WINDOW_SECONDS = 60;

const limiter = new RateLimiterDrizzle({
  storeClient: db,
  schema: rateLimitBucket,
  keyPrefix: "api",
  points: config.API_RATE_LIMIT,
  duration: WINDOW_SECONDS,
});

export interface RateLimitState {
  allowed: boolean;
  /** RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (and Retry-After when refused). */
  headers: Record<string, string>;
}

/** Counts one request against the user's budget for the current minute. */
export async function consumeApiRequest(userId: string): Promise<RateLimitState> {
  let result: RateLimiterRes;
  let allowed = true;
  try {
    result = await limiter.consume(userId);
  } catch (rejection) {
    // The limiter rejects with its state when the budget is spent, with an Error when the database fails.
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    result = rejection;
    allowed = false;
  }
  const resetSeconds = String(Math.max(1, Math.ceil(result.msBeforeNext / 1000)));
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(config.API_RATE_LIMIT),
    "RateLimit-Remaining": String(result.remainingPoints),
    "RateLimit-Reset": resetSeconds,
  };
  if (!allowed) headers["Retry-After"] = resetSeconds;
  return { allowed, headers };
}
