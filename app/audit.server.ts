import { desc, eq } from "drizzle-orm";
import { auditLog } from "../db/schema";
import { db } from "~/db.server";
import { logger } from "~/logger.server";
import { databaseOutageReason } from "~/database-errors.server";

export const AUDIT_EVENTS = [
  "sign-up",
  "sign-in",
  "sign-in-failure",
  "sign-out",
  "password-change",
  "session-revoked",
  "account-deleted",
  "sign-up-existing-account",
  "password-reset-request",
  "password-reset",
  "verification-email-request",
  "email-verified",
  "email-change-request",
  "email-changed",
  "api-key-created",
  "api-key-revoked",
  // Two-factor sign-in: the right password alone is not a sign-in (the verified code is).
  "sign-in-second-factor-pending",
  "two-factor-failure",
  "backup-code-used",
  "two-factor-enabled",
  "two-factor-disabled",
  "backup-codes-regenerated",
  // Passkeys (decision 043): a passkey sign-in stands for both factors.
  "passkey-added",
  "passkey-renamed",
  "passkey-removed",
  "passkey-sign-in",
  // Connected apps (decision 123): a developer's app, and a person taking an app's access back.
  "oauth-app-registered",
  "oauth-app-secret-rotated",
  "oauth-app-deleted",
  "oauth-app-disconnected",
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  event: AuditEvent;
  /** Null when no account is known (a failed sign-in for an unknown email, a deleted account). */
  userId?: string | null;
  email?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one security event. Never throws: a full disk or a lost connection must not turn
 * a successful sign-in into an error page, so a failed write is logged instead.
 */
export async function recordAuditEvent(entry: AuditEntry): Promise<void> {
  try {
    await db.insert(auditLog).values({
      event: entry.event,
      userId: entry.userId ?? null,
      email: entry.email ?? null,
      ipAddress: entry.ipAddress || null,
      userAgent: entry.userAgent?.slice(0, 512) || null,
      details: entry.details ?? null,
    });
  } catch (error) {
    const outage = databaseOutageReason(error);
    if (outage)
      logger.warn(
        { reason: outage, event: entry.event, userId: entry.userId },
        "audit log write failed: database unavailable",
      );
    else logger.error({ err: error, event: entry.event, userId: entry.userId }, "audit log write failed");
  }
}

export interface SecurityEvent {
  id: string;
  event: string;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: Date;
}

/** The user's most recent security events, newest first (the settings page shows 20). */
export async function listRecentSecurityEvents(userId: string, limit = 20): Promise<SecurityEvent[]> {
  return db
    .select({
      id: auditLog.id,
      event: auditLog.event,
      ipAddress: auditLog.ipAddress,
      userAgent: auditLog.userAgent,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(eq(auditLog.userId, userId))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}
