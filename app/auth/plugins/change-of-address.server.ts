// A change of address (decision 014): the current password to ask for it, and the new
// address counted as confirmed once its link is used.
import type { BetterAuthPlugin } from "better-auth";
import { APIError, getSessionFromCtx } from "better-auth/api";
import { eq } from "drizzle-orm";
import { user } from "../../../db/schema";
import { CURRENT_PASSWORD_REQUIRED } from "~/auth/errors";
import { addressChangedByTheCall } from "~/auth/plugins/email-link-lookups.server";
import {
  bodyString,
  chargeAttempt,
  endpointFailed,
  type HookContext,
  onPaths,
  verifyAccountPassword,
} from "~/auth/plugins/hook-helpers.server";
import { db } from "~/db.server";

/**
 * A change of address needs the current password as well as a session, so that a session
 * left open on a shared computer cannot move the account (and its password resets) away.
 * Better Auth has no such rule: this is it, for the settings form and HTTP clients alike.
 */
async function requireCurrentPassword(ctx: HookContext) {
  const session = await getSessionFromCtx(ctx, { disableRefresh: true });
  // No session: Better Auth's own guard answers 401.
  if (!session) return;
  await chargeAttempt(ctx, "change-email", session.user.email);
  const password = bodyString(ctx, "currentPassword");
  if (!password) {
    throw new APIError("BAD_REQUEST", { code: CURRENT_PASSWORD_REQUIRED, message: "Enter your current password." });
  }
  await verifyAccountPassword(ctx, session.user.id, password);
}

/**
 * Better Auth keeps the old address's state; the new one has just proved itself by its link.
 * A state change, so a failure here fails the request (never swallowed like an audit write).
 */
async function confirmNewAddress(ctx: HookContext) {
  if (endpointFailed(ctx.context.returned)) return;
  const changed = await addressChangedByTheCall(ctx);
  if (changed) await db.update(user).set({ emailVerified: true }).where(eq(user.id, changed.userId));
}

export function changeOfAddress() {
  return {
    id: "tasklane-change-of-address",
    hooks: {
      before: [onPaths(["/change-email"], requireCurrentPassword)],
      after: [onPaths(["/verify-email"], confirmNewAddress)],
    },
  } satisfies BetterAuthPlugin;
}
