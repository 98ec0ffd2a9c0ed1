import type { BetterAuthPlugin } from "better-auth";
import { setTimeout as sleep } from "node:timers/promises";
import { onPaths } from "~/auth/plugins/hook-helpers.server";

/**
 * A request for a reset link answers no sooner than this, whether or not the address has
 * an account (an account costs a token and an outbox insert more): nobody learns who is
 * registered from the time it takes.
 */
const RESET_REQUEST_MIN_MS = 300;

export function resetRequestTiming() {
  const startedAt = new WeakMap<object, number>();
  return {
    id: "tasklane-reset-timing",
    hooks: {
      before: [
        onPaths(["/request-password-reset"], async (ctx) => {
          startedAt.set(ctx.context, Date.now());
        }),
      ],
      after: [
        onPaths(["/request-password-reset"], async (ctx) => {
          const started = startedAt.get(ctx.context);
          if (started !== undefined) await sleep(Math.max(0, started + RESET_REQUEST_MIN_MS - Date.now()));
        }),
      ],
    },
  } satisfies BetterAuthPlugin;
}
