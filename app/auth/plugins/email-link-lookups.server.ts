// Reset and confirmation links: what they name is looked up before Better Auth spends them,
// for the after hooks that act on it (the consequences, the notices, the audit log).
import type { BetterAuthPlugin } from "better-auth";
import { APIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { user } from "../../../db/schema";
import { looksLikeResetToken, readEmailLink, readResetToken } from "~/auth/email-links.server";
import { bodyString, type HookContext, lookedUpBeforeTheCall, onPaths } from "~/auth/plugins/hook-helpers.server";
import { db } from "~/db.server";

/** /reset-password: whose password the token resets (undefined for an unknown token). */
export const resetTokenOwner = lookedUpBeforeTheCall(async (ctx) => {
  const token = bodyString(ctx, "token") ?? (ctx.query as { token?: unknown } | undefined)?.token;
  if (typeof token !== "string") return undefined;
  if (!looksLikeResetToken(token))
    throw new APIError("BAD_REQUEST", { code: "INVALID_TOKEN", message: "Invalid token" });
  return (await readResetToken(token))?.userId;
});

/**
 * /verify-email: the account the link names, as it is before the call. The link is verified
 * here too (a forged one names nobody); whether it can still be used is Better Auth's to say.
 */
export const accountNamedByLink = lookedUpBeforeTheCall(async (ctx) => {
  const token = (ctx.query as { token?: unknown } | undefined)?.token;
  const link = typeof token === "string" ? await readEmailLink(token) : null;
  if (!link || link.kind === "invalid" || link.kind === "expired") return undefined;
  const [account] = link.userId
    ? await db.select().from(user).where(eq(user.id, link.userId)).limit(1)
    : await db.select().from(user).where(eq(user.email, link.email.toLowerCase())).limit(1);
  if (!account) return undefined;
  return {
    userId: account.id,
    email: account.email,
    emailVerified: account.emailVerified,
    updateTo: link.kind === "change" ? link.newEmail : undefined,
  };
});

/** After /verify-email: the change of address this call made, or null (a reused link fails in Better Auth: the address no longer matches). */
export async function addressChangedByTheCall(ctx: HookContext) {
  const before = await accountNamedByLink.seen(ctx);
  if (!before?.updateTo) return null;
  const [after] = await db.select({ id: user.id, email: user.email }).from(user).where(eq(user.id, before.userId));
  if (!after || before.email === after.email || after.email !== before.updateTo) return null;
  return { userId: after.id, from: before.email, to: after.email };
}

export function emailLinkLookups() {
  return {
    id: "tasklane-email-link-lookups",
    hooks: {
      before: [
        onPaths(["/reset-password"], (ctx) => resetTokenOwner.lookUp(ctx)),
        onPaths(["/verify-email"], (ctx) => accountNamedByLink.lookUp(ctx)),
      ],
    },
  } satisfies BetterAuthPlugin;
}
