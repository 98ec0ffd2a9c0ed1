import type { BetterAuthPlugin } from "better-auth";
import type { AuthAttempt } from "~/auth/rate-limit.server";
import { bodyString, chargeAttempt, onPaths } from "~/auth/plugins/hook-helpers.server";

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

/** Sign-in, sign-up, reset and confirmation requests, limited in the limiter every process shares (decision 001). */
export function attemptLimits() {
  return {
    id: "tasklane-attempt-limits",
    hooks: {
      before: [
        onPaths(Object.keys(LIMITED_PATHS), (ctx) =>
          chargeAttempt(ctx, LIMITED_PATHS[ctx.path]!, bodyString(ctx, "email")),
        ),
      ],
    },
  } satisfies BetterAuthPlugin;
}
