import type { BetterAuthPlugin } from "better-auth";
import { resetTokenOwner } from "~/auth/plugins/email-link-lookups.server";
import { endpointFailed, onPaths, twoFactorAccount } from "~/auth/plugins/hook-helpers.server";
import { endOtherSessions, forgetTrustedDevices } from "~/auth/two-factor.server";

/**
 * What a change to the second factor does beyond the plugin (decision 042): turning it off
 * ends every other session (the plugin only replaces the current one) and forgets every
 * trusted device (the plugin only forgets the current browser's); a password reset forgets
 * trusted devices too, so a reset alone never skips the second factor. Both paths: forms and
 * /api/auth/* alike. State changes: if they fail, the request fails.
 */
export function twoFactorConsequences() {
  return {
    id: "tasklane-two-factor-consequences",
    hooks: {
      after: [
        onPaths(["/two-factor/disable"], async (ctx) => {
          const account = await twoFactorAccount.seen(ctx);
          if (!account || endpointFailed(ctx.context.returned)) return;
          await endOtherSessions(account.userId, ctx.context.newSession?.session.id);
          await forgetTrustedDevices(account.userId);
        }),
        onPaths(["/reset-password"], async (ctx) => {
          const userId = await resetTokenOwner.seen(ctx);
          if (userId && !endpointFailed(ctx.context.returned)) await forgetTrustedDevices(userId);
        }),
      ],
    },
  } satisfies BetterAuthPlugin;
}
