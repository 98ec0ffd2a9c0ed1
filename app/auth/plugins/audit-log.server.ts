// The audit log of account events (the security activity in Settings). It must be the last
// plugin whose after hook reads the call: it has to see what the two-factor plugin made of a
// sign-in (a challenge, not a session), and Better Auth runs plugins' after hooks in order.
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { user } from "../../../db/schema";
import { type AuditEntry, recordAuditEvent } from "~/audit.server";
import { accountNamedByLink, addressChangedByTheCall, resetTokenOwner } from "~/auth/plugins/email-link-lookups.server";
import {
  bodyString,
  endpointFailed,
  type HookContext,
  requestMeta,
  twoFactorAccount,
  userIdByEmail,
} from "~/auth/plugins/hook-helpers.server";
import { db } from "~/db.server";
import { logger } from "~/logger.server";

export function auditLog() {
  return {
    id: "tasklane-audit",
    hooks: {
      after: [
        {
          matcher: () => true,
          handler: createAuthMiddleware(async (ctx) => {
            try {
              const entries = ctx.path.startsWith("/two-factor/")
                ? await twoFactorAuditEntries(ctx)
                : [await auditEntryFor(ctx)];
              for (const entry of entries) if (entry) await recordAuditEvent(entry);
            } catch (error) {
              // Auditing must never fail the user's request (nor change anything but the log).
              logger.error({ err: error, path: ctx.path }, "audit hook failed");
            }
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

async function auditEntryFor(ctx: HookContext): Promise<AuditEntry | null> {
  const returned = ctx.context.returned;
  const failed = endpointFailed(returned);
  const meta = requestMeta(ctx);
  const session = ctx.context.session;

  switch (ctx.path) {
    case "/sign-up/email": {
      if (failed) return null;
      const created = ctx.context.newSession;
      if (created) return { event: "sign-up", userId: created.user.id, email: created.user.email, ...meta };
      // Without a session (REQUIRE_EMAIL_VERIFICATION): the same answer for a new account and
      // a taken address; only the id it names being in the table tells them apart.
      const answered = (returned as { user?: { id?: unknown; email?: unknown } } | undefined)?.user;
      const email = typeof answered?.email === "string" ? answered.email : null;
      const ownerId = await userIdByEmail(email);
      if (!ownerId) return null;
      return {
        event: ownerId === answered?.id ? "sign-up" : "sign-up-existing-account",
        userId: ownerId,
        email,
        ...meta,
      };
    }
    case "/request-password-reset": {
      if (failed) return null;
      const email = bodyString(ctx, "email")?.trim().toLowerCase() ?? null;
      const userId = await userIdByEmail(email);
      return userId ? { event: "password-reset-request", userId, email, ...meta } : null;
    }
    case "/reset-password": {
      const userId = await resetTokenOwner.seen(ctx);
      if (failed || !userId) return null;
      return { event: "password-reset", userId, ...meta };
    }
    case "/send-verification-email": {
      if (failed) return null;
      const email = session?.user.email ?? bodyString(ctx, "email")?.trim().toLowerCase() ?? null;
      const userId = session?.user.id ?? (await userIdByEmail(email));
      return userId ? { event: "verification-email-request", userId, email, ...meta } : null;
    }
    case "/verify-email": {
      const before = await accountNamedByLink.seen(ctx);
      if (failed || !before) return null;
      if (before.updateTo) {
        const changed = await addressChangedByTheCall(ctx);
        if (!changed) return null;
        return {
          event: "email-changed",
          userId: changed.userId,
          email: changed.to,
          ...meta,
          details: { from: changed.from, to: changed.to },
        };
      }
      const [after] = await db
        .select({ id: user.id, email: user.email, emailVerified: user.emailVerified })
        .from(user)
        .where(eq(user.id, before.userId));
      if (!after || before.emailVerified || !after.emailVerified) return null;
      return { event: "email-verified", userId: after.id, email: after.email, ...meta };
    }
    case "/change-email":
      if (failed || !session) return null;
      return {
        event: "email-change-request",
        userId: session.user.id,
        email: session.user.email,
        ...meta,
        details: { newEmail: bodyString(ctx, "newEmail")?.trim().toLowerCase() ?? null },
      };
    case "/sign-in/email": {
      const email = bodyString(ctx, "email")?.trim().toLowerCase() ?? null;
      const signedIn = ctx.context.newSession;
      // The two-factor plugin's after hook (it runs before this one) has turned the session
      // into a challenge: the password was right, and nobody is signed in yet.
      if (!failed && isTwoFactorChallenge(returned)) {
        return { event: "sign-in-second-factor-pending", userId: await userIdByEmail(email), email, ...meta };
      }
      if (!failed && signedIn) {
        // A session for an account with two-factor on means a trusted device answered for it.
        const details = signedIn.user.twoFactorEnabled ? { secondFactor: "trusted-device" } : undefined;
        return { event: "sign-in", userId: signedIn.user.id, email: signedIn.user.email, ...meta, details };
      }
      // Attach the failure to the account it targeted, so its owner sees it in their activity.
      return { event: "sign-in-failure", userId: await userIdByEmail(email), email, ...meta };
    }
    case "/sign-out":
      if (!session) return null;
      return { event: "sign-out", userId: session.user.id, email: session.user.email, ...meta };
    case "/change-password":
      if (failed || !session) return null;
      return {
        event: "password-change",
        userId: session.user.id,
        email: session.user.email,
        ...meta,
        details: {
          signedOutOtherSessions: Boolean((ctx.body as { revokeOtherSessions?: unknown })?.revokeOtherSessions),
        },
      };
    case "/revoke-session":
    case "/revoke-other-sessions":
    case "/revoke-sessions":
      if (failed || !session) return null;
      return {
        event: "session-revoked",
        userId: session.user.id,
        email: session.user.email,
        ...meta,
        details: {
          scope: { "/revoke-session": "one", "/revoke-other-sessions": "others", "/revoke-sessions": "all" }[ctx.path],
        },
      };
    case "/delete-user":
      if (failed || !session) return null;
      // The user row is gone (audit_log.user_id would break its foreign key): keep the id in details.
      return {
        event: "account-deleted",
        userId: null,
        email: session.user.email,
        ...meta,
        details: { userId: session.user.id },
      };
    default:
      return null;
  }
}

// Two-factor sign-in (decision 040): the plugin does the protocol; these are its events.

/** The plugin's answer to a right password on an account with two-factor on. */
function isTwoFactorChallenge(returned: unknown): boolean {
  return (returned as { twoFactorRedirect?: unknown } | null)?.twoFactorRedirect === true;
}

/** Wrong codes, as the plugin reports them (a refused attempt that was never checked is not one). */
const WRONG_CODE_ERRORS = new Set(["INVALID_CODE", "INVALID_BACKUP_CODE"]);

async function twoFactorAuditEntries(ctx: HookContext): Promise<AuditEntry[]> {
  const account = await twoFactorAccount.seen(ctx);
  if (!account) return [];
  const returned = ctx.context.returned;
  const failed = endpointFailed(returned);
  const who = { userId: account.userId, email: account.email, ...requestMeta(ctx) };

  switch (ctx.path) {
    case "/two-factor/verify-totp":
    case "/two-factor/verify-backup-code": {
      const method = ctx.path === "/two-factor/verify-totp" ? "totp" : "backup-code";
      if (failed) {
        const code = isAPIError(returned) ? (returned.body as { code?: string } | undefined)?.code : undefined;
        return code && WRONG_CODE_ERRORS.has(code)
          ? [{ event: "two-factor-failure", ...who, details: { method } }]
          : [];
      }
      const entries: AuditEntry[] = [];
      // The verified second factor is the sign-in; the password step before it was only "pending".
      if (!account.signedIn) {
        const trustDevice = (ctx.body as { trustDevice?: unknown } | undefined)?.trustDevice === true;
        entries.push({ event: "sign-in", ...who, details: { secondFactor: method, trustDevice } });
      } else if (method === "totp" && !account.enabledBefore) {
        entries.push({ event: "two-factor-enabled", ...who });
      }
      if (method === "backup-code") entries.push({ event: "backup-code-used", ...who });
      return entries;
    }
    case "/two-factor/disable":
      return failed ? [] : [{ event: "two-factor-disabled", ...who }];
    case "/two-factor/generate-backup-codes":
      return failed ? [] : [{ event: "backup-codes-regenerated", ...who }];
    default:
      return [];
  }
}
