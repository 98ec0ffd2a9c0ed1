// A TOTP code works once (RFC 6238 §5.2, ASVS 2.8.4): Better Auth's plugin accepts it for as
// long as its step is in the window, on every instance. The last accepted step is kept per
// account in the database (two_factor.last_totp_step), so the rule holds across processes.
import type { BetterAuthPlugin } from "better-auth";
import { APIError } from "better-auth/api";
import { TWO_FACTOR_ERROR_CODES } from "better-auth/plugins";
import { recordAuditEvent } from "~/audit.server";
import { onPaths, requestMeta, twoFactorAccount } from "~/auth/plugins/hook-helpers.server";
import { claimTotpStep } from "~/auth/two-factor.server";
import { logger } from "~/logger.server";

export function totpReplay() {
  return {
    id: "tasklane-totp-replay",
    schema: {
      twoFactor: { fields: { lastTotpStep: { type: "number", required: false, input: false } } },
    },
    hooks: {
      before: [
        // Signing in and turning two-factor on both go through this endpoint.
        onPaths(["/two-factor/verify-totp"], async (ctx) => {
          const code: unknown = (ctx.body as { code?: unknown } | undefined)?.code;
          if (typeof code !== "string") return;
          // No account (a missing or expired challenge): the plugin answers that itself.
          const account = await twoFactorAccount.lookUp(ctx);
          if (!account || (await claimTotpStep(account.userId, code)) !== "replayed") return;
          try {
            await recordAuditEvent({
              event: "two-factor-failure",
              userId: account.userId,
              email: account.email,
              ...requestMeta(ctx),
              details: { method: "totp", reused: true },
            });
          } catch (error) {
            logger.error({ err: error, path: ctx.path }, "audit of a reused code failed");
          }
          // The plugin's own answer to a wrong code: a replay tells the sender nothing more.
          throw APIError.from("UNAUTHORIZED", TWO_FACTOR_ERROR_CODES.INVALID_CODE);
        }),
      ],
    },
  } satisfies BetterAuthPlugin;
}
