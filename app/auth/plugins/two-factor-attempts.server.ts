import type { BetterAuthPlugin } from "better-auth";
import type { AuthAttempt } from "~/auth/rate-limit.server";
import { chargeAttempt, onPaths, twoFactorAccount } from "~/auth/plugins/hook-helpers.server";

/**
 * The two-factor steps, limited per client IP and per account (the challenge's or the
 * session's): codes after the password, and the settings calls that check the password
 * (decision 041).
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

export function twoFactorAttempts() {
  return {
    id: "tasklane-two-factor-attempts",
    hooks: {
      before: [
        onPaths(TWO_FACTOR_LIMITED_PATHS, async (ctx) => {
          const account = await twoFactorAccount.lookUp(ctx);
          await chargeAttempt(ctx, TWO_FACTOR_ATTEMPTS[ctx.path]!, account?.userId);
        }),
      ],
    },
  } satisfies BetterAuthPlugin;
}
