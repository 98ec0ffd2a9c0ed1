import type { BetterAuthPlugin } from "better-auth";
import { eq } from "drizzle-orm";
import { user } from "../../../db/schema";
import { addressChangedByTheCall, resetTokenOwner } from "~/auth/plugins/email-link-lookups.server";
import { endpointFailed, type HookContext, onPaths } from "~/auth/plugins/hook-helpers.server";
import { db } from "~/db.server";
import { logger } from "~/logger.server";
import { emailChangedNotice, passwordChangedNotice } from "~/mail/messages.server";
import { enqueueMail } from "~/mail/outbox.server";

async function accountOf(userId: string) {
  const [account] = await db.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, userId));
  return account;
}

/** "Your password was changed", "your address was changed": to the address that can object. */
async function noticeFor(ctx: HookContext) {
  if (endpointFailed(ctx.context.returned)) return null;
  switch (ctx.path) {
    case "/change-password": {
      const userId = ctx.context.session?.user.id;
      const account = userId ? await accountOf(userId) : undefined;
      return account ? passwordChangedNotice(account, "changed") : null;
    }
    case "/reset-password": {
      const userId = await resetTokenOwner.seen(ctx);
      const account = userId ? await accountOf(userId) : undefined;
      return account ? passwordChangedNotice(account, "reset") : null;
    }
    case "/verify-email": {
      const changed = await addressChangedByTheCall(ctx);
      const account = changed ? await accountOf(changed.userId) : undefined;
      return changed && account ? emailChangedNotice(account, changed.from, changed.to) : null;
    }
    default:
      return null;
  }
}

export function noticeMails() {
  return {
    id: "tasklane-notice-mails",
    hooks: {
      after: [
        onPaths(["/change-password", "/reset-password", "/verify-email"], async (ctx) => {
          try {
            const notice = await noticeFor(ctx);
            if (notice) await enqueueMail(notice);
          } catch (error) {
            // The change is made: a notice that could not be queued is logged, the request stands.
            logger.error({ err: error, path: ctx.path }, "notice mail failed");
          }
        }),
      ],
    },
  } satisfies BetterAuthPlugin;
}
