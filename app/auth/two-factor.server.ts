import { createOTP } from "@better-auth/utils/otp";
import { and, eq, gt, isNull, like, lt, ne, or } from "drizzle-orm";
import { timingSafeEqual } from "node:crypto";
import { symmetricDecrypt } from "better-auth/crypto";
import QRCode from "qrcode";
import { session, twoFactor, verification } from "../../db/schema";
import { config } from "~/config.server";
import { db } from "~/db.server";

// Two-factor sign-in around Better Auth's plugin (decision 040): what the plugin leaves to the
// app. The plugin owns the protocol (secrets, codes, the challenge); this module owns the
// consequences we promise (trusted devices forgotten, other sessions ended) and what the
// settings pages show. The challenge's HTTP side is in two-factor-challenge.server.ts.

export const TOTP_ISSUER = "Tasklane";
export const TOTP_DIGITS = 6;
export const BACKUP_CODE_COUNT = 10;
/** The plugin's defaults: 30-second steps, and the step before and after the current one accepted for clock drift. */
const TOTP_PERIOD_SECONDS = 30;
const TOTP_WINDOW = 1;
/** Better Auth names a trusted device's verification row `trust-device-<random>`, valued with the user id. */
const TRUSTED_DEVICE_PREFIX = "trust-device-";

// The plugin encrypts the TOTP secret and the backup codes with the auth secret. We pass no
// `secrets` list to Better Auth, so its key is BETTER_AUTH_SECRET itself.
const decrypt = (data: string) => symmetricDecrypt({ key: config.BETTER_AUTH_SECRET, data });

/** Forgets every device the person chose to trust: the next sign-in asks for a code again. */
export async function forgetTrustedDevices(userId: string): Promise<number> {
  const forgotten = await db
    .delete(verification)
    .where(and(eq(verification.value, userId), like(verification.identifier, `${TRUSTED_DEVICE_PREFIX}%`)))
    .returning({ id: verification.id });
  return forgotten.length;
}

/** Ends every session of the user but `keepSessionId` (the one that made the change). */
export async function endOtherSessions(userId: string, keepSessionId: string | undefined): Promise<void> {
  await db
    .delete(session)
    .where(keepSessionId ? and(eq(session.userId, userId), ne(session.id, keepSessionId)) : eq(session.userId, userId));
}

/**
 * Takes the time step whose code `code` is, once per account (RFC 6238 §5.2): "claimed" the
 * first time, "replayed" for a code of that step or an earlier one, "unmatched" when it is no
 * code of the window (the plugin then answers as for any wrong code). The step is taken by
 * one conditional UPDATE, so two processes given the same code cannot both win.
 */
export async function claimTotpStep(
  userId: string,
  code: string,
  now = Date.now(),
): Promise<"claimed" | "replayed" | "unmatched"> {
  const [row] = await db
    .select({ secret: twoFactor.secret })
    .from(twoFactor)
    .where(eq(twoFactor.userId, userId))
    .limit(1);
  if (!row) return "unmatched";
  const otp = createOTP(await decrypt(row.secret), { digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
  const current = Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
  let matched: number | null = null;
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    if (sameCode(await otp.hotp(step), code)) matched = step;
  }
  if (matched === null) return "unmatched";
  const claimed = await db
    .update(twoFactor)
    .set({ lastTotpStep: matched })
    .where(and(eq(twoFactor.userId, userId), or(isNull(twoFactor.lastTotpStep), lt(twoFactor.lastTotpStep, matched))))
    .returning({ id: twoFactor.id });
  return claimed.length > 0 ? "claimed" : "replayed";
}

function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type TwoFactorState = "off" | "pending" | "on";

export interface TwoFactorStatus {
  state: TwoFactorState;
  /** Unused backup codes, when it is on. */
  backupCodesLeft: number | null;
}

/**
 * Off, pending (a secret was made and not confirmed with a code yet) or on. `enabled` is the
 * user's `twoFactorEnabled` flag (the session has it); the row says whether a secret waits.
 */
export async function readTwoFactorStatus(userId: string, enabled: boolean): Promise<TwoFactorStatus> {
  const [row] = await db
    .select({ verified: twoFactor.verified, backupCodes: twoFactor.backupCodes })
    .from(twoFactor)
    .where(eq(twoFactor.userId, userId))
    .limit(1);
  if (!row) return { state: "off", backupCodesLeft: null };
  if (!enabled || row.verified === false) return { state: "pending", backupCodesLeft: null };
  return { state: "on", backupCodesLeft: (await readBackupCodes(row.backupCodes)).length };
}

async function readBackupCodes(encrypted: string): Promise<string[]> {
  const codes: unknown = JSON.parse(await decrypt(encrypted));
  return Array.isArray(codes) ? codes.filter((code): code is string => typeof code === "string") : [];
}

/** The backup codes the user has left, for the one page that shows them once (after confirming). */
export async function readUnusedBackupCodes(userId: string): Promise<string[]> {
  const [row] = await db
    .select({ backupCodes: twoFactor.backupCodes })
    .from(twoFactor)
    .where(eq(twoFactor.userId, userId));
  return row ? readBackupCodes(row.backupCodes) : [];
}

export interface TotpSetup {
  /** The otpauth:// URI an authenticator app reads from the QR code. */
  uri: string;
  /** The same secret in base32, for typing it in, grouped by four for reading. */
  secret: string;
  /** The QR code's modules, row by row (true = dark), for the page to draw as SVG. */
  qrModules: boolean[][];
}

/**
 * The secret of a setup that waits for its first code, as a QR code and as text; null when
 * no setup is pending. Only the user's own row is read: the id comes from their session.
 */
export async function readPendingTotpSetup(userId: string, email: string): Promise<TotpSetup | null> {
  const [row] = await db
    .select({ secret: twoFactor.secret, verified: twoFactor.verified })
    .from(twoFactor)
    .where(eq(twoFactor.userId, userId))
    .limit(1);
  if (!row || row.verified !== false) return null;
  // The same URI the plugin's /two-factor/enable returns (same library, same options).
  const uri = createOTP(await decrypt(row.secret), { digits: TOTP_DIGITS }).url(TOTP_ISSUER, email);
  const base32 = new URL(uri).searchParams.get("secret") ?? "";
  const { modules } = QRCode.create(uri, { errorCorrectionLevel: "M" });
  const qrModules = Array.from({ length: modules.size }, (_, y) =>
    Array.from({ length: modules.size }, (_, x) => Boolean(modules.get(y, x))),
  );
  return { uri, secret: base32.match(/.{1,4}/g)?.join(" ") ?? base32, qrModules };
}

/** A plain-text file of backup codes, as a `data:` URL (a download that needs no JavaScript). */
export function backupCodesDownloadHref(codes: readonly string[], email: string): string {
  const text = [
    `Tasklane backup codes for ${email}`,
    "Each code works once, in place of an authenticator code. Keep them somewhere safe.",
    "",
    ...codes,
    "",
  ].join("\n");
  return `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
}

// Backup codes are shown once, on a page of their own reached by a redirect (turning it on
// replaces the session, so the page cannot be the form's own answer). The right to see them is
// a one-time row, taken by the first view.

const BACKUP_CODES_VIEW_SECONDS = 10 * 60;
const backupCodesViewId = (userId: string) => `show-backup-codes-${userId}`;

/** Lets the next visit to the backup codes page (within 10 minutes) show the codes. */
export async function allowBackupCodesView(userId: string): Promise<void> {
  await db.delete(verification).where(eq(verification.identifier, backupCodesViewId(userId)));
  await db.insert(verification).values({
    identifier: backupCodesViewId(userId),
    value: userId,
    expiresAt: new Date(Date.now() + BACKUP_CODES_VIEW_SECONDS * 1000),
  });
}

/** The codes to show, once: null when the view was not allowed, has been used or has expired. */
export async function takeBackupCodesView(userId: string): Promise<string[] | null> {
  const [taken] = await db
    .delete(verification)
    .where(
      and(
        eq(verification.identifier, backupCodesViewId(userId)),
        eq(verification.value, userId),
        gt(verification.expiresAt, new Date()),
      ),
    )
    .returning({ id: verification.id });
  return taken ? readUnusedBackupCodes(userId) : null;
}
