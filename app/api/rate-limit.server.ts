// The per-user request budget of the JSON API, kept in the database so every server process
// draws from the same one (`rate_limit_bucket`, through rate-limiter-flexible).
//
// Writing the counter on every request doubled the database work of an API call, so while a
// user is well under the budget this process counts locally and adds its count to the shared
// one every FLUSH_MS (one statement per active user, not per request). Each write returns the
// shared count, so a busy process knows it to within a fraction of a second; a process whose
// knowledge is older than FRESH_MS, or a user at half the budget or more, goes to the database
// with every request, so the refusal at the limit is exact for one process and, across
// several, late by at most what the others admitted in their last FRESH_MS.
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { logger } from "~/logger.server";
import { rateLimitBucket } from "../../db/schema";

const WINDOW_SECONDS = 60;
const FLUSH_MS = 100;
const FRESH_MS = 250;

export interface RateLimitState {
  allowed: boolean;
  /** RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (and Retry-After when refused). */
  headers: Record<string, string>;
}

interface Count {
  /** The shared count as of this process's last write (at `learnedAt`), and when its window ends (epoch ms). */
  shared: number;
  learnedAt: number;
  windowEnd: number;
  /** Admitted here and not yet added to the shared count. */
  local: number;
  /** Admitted here and being added right now: in neither `shared` nor `local` until the write answers. */
  writing: number;
}

/** A budget of `points` per `duration` seconds per key, shared through the database. */
export function createSharedBudget({
  points,
  duration,
  keyPrefix,
}: {
  points: number;
  duration: number;
  keyPrefix: string;
}) {
  const limiter = new RateLimiterDrizzle({ storeClient: db, schema: rateLimitBucket, keyPrefix, points, duration });
  const counts = new Map<string, Count>();
  let flushTimer: NodeJS.Timeout | undefined;

  /** Adds `amount` to the shared count; the limiter rejects with its state once the budget is spent. */
  async function write(key: string, amount: number): Promise<RateLimiterRes> {
    try {
      return await limiter.consume(key, amount);
    } catch (rejection) {
      // The limiter rejects with its state when the budget is spent, with an Error when the database fails.
      if (rejection instanceof RateLimiterRes) return rejection;
      throw rejection;
    }
  }

  function learn(key: string, result: RateLimiterRes) {
    const now = Date.now();
    const windowEnd = now + result.msBeforeNext;
    const count = counts.get(key);
    if (!count || count.windowEnd <= now) {
      counts.set(key, { shared: result.consumedPoints, learnedAt: now, windowEnd, local: 0, writing: 0 });
    } else {
      // Concurrent writes come back in any order: the highest count is the latest.
      count.shared = Math.max(count.shared, result.consumedPoints);
      count.learnedAt = now;
      count.windowEnd = windowEnd;
    }
  }

  async function flush() {
    flushTimer = undefined;
    const now = Date.now();
    const writes = [...counts].flatMap(([key, count]) => {
      if (count.windowEnd <= now) {
        counts.delete(key);
        return [];
      }
      if (count.local === 0) return [];
      const amount = count.local;
      count.local = 0;
      count.writing += amount;
      return [
        write(key, amount).then(
          (result) => {
            count.writing -= amount;
            learn(key, result);
          },
          (error: unknown) => {
            // Counted again with the next write: a database hiccup loses no request.
            count.writing -= amount;
            count.local += amount;
            logger.warn({ err: error instanceof Error ? error.message : error }, "rate limit flush failed");
          },
        ),
      ];
    });
    await Promise.all(writes);
  }

  function scheduleFlush() {
    flushTimer ??= setTimeout(() => void flush(), FLUSH_MS).unref();
  }

  /** Counts one request against the key's budget for the current window. */
  return async function consume(key: string): Promise<RateLimitState> {
    const now = Date.now();
    const count = counts.get(key);
    const current = count !== undefined && count.windowEnd > now;
    if (current && now - count.learnedAt < FRESH_MS && count.shared + count.writing + count.local + 1 < points / 2) {
      count.local += 1;
      scheduleFlush();
      return state(true, points - count.shared - count.writing - count.local, count.windowEnd - now);
    }
    // Near the limit, a new window or a stale view: ask the database, taking this process's
    // unwritten count along.
    const amount = 1 + (current ? count.local : 0);
    if (count) count.local = 0;
    const result = await write(key, amount).catch((error: unknown) => {
      if (count) count.local += amount - 1;
      throw error;
    });
    learn(key, result);
    return state(result.consumedPoints <= points, result.remainingPoints, result.msBeforeNext);
  };

  function state(allowed: boolean, remaining: number, msBeforeNext: number): RateLimitState {
    const resetSeconds = String(Math.max(1, Math.ceil(msBeforeNext / 1000)));
    const headers: Record<string, string> = {
      "RateLimit-Limit": String(points),
      "RateLimit-Remaining": String(Math.max(0, remaining)),
      "RateLimit-Reset": resetSeconds,
    };
    if (!allowed) headers["Retry-After"] = resetSeconds;
    return { allowed, headers };
  }
}

/** Counts one API request against the user's budget for the current minute. */
export const consumeApiRequest = createSharedBudget({
  points: config.API_RATE_LIMIT,
  duration: WINDOW_SECONDS,
  keyPrefix: "api",
});
