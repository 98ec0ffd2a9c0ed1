import { and, eq, gt } from "drizzle-orm";
import { errors as joseErrors, jwtVerify } from "jose";
import { verification } from "../../db/schema";
import { config } from "~/config.server";
import { db } from "~/db.server";

// What a link from an email is, read without using it: the pages a link opens show the
// right form (or explain why the link no longer works) on GET, and act only on POST.

/** Better Auth's reset tokens are 24 random characters kept in `verification`. */
const RESET_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** Anything else is refused before a query sees it (a NUL would make PostgreSQL fail it: a 500). */
export const looksLikeResetToken = (token: string) => RESET_TOKEN.test(token);

/** The unexpired reset request a token names, or null (unknown, malformed, used or expired). */
export async function readResetToken(token: string): Promise<{ userId: string } | null> {
  if (!looksLikeResetToken(token)) return null;
  const [row] = await db
    .select({ userId: verification.value })
    .from(verification)
    .where(and(eq(verification.identifier, `reset-password:${token}`), gt(verification.expiresAt, new Date())))
    .limit(1);
  return row ?? null;
}

/** `userId`: the account the link was made for, when Better Auth put it in (it always does now). */
export type EmailLink =
  | { kind: "verify"; email: string; userId?: string }
  | { kind: "change"; email: string; newEmail: string; userId?: string }
  | { kind: "change-confirmation"; email: string; newEmail: string; userId?: string }
  | { kind: "expired" }
  | { kind: "invalid" };

/**
 * A verification or change-of-address link: Better Auth signs these as HS256 JWTs with the
 * app's secret, so they are checked here the same way (signature, algorithm, expiry).
 * Whether it can still be used (a change already made, say) is for Better Auth on POST.
 */
export async function readEmailLink(token: string): Promise<EmailLink> {
  if (token.length > 4096) return { kind: "invalid" };
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(config.BETTER_AUTH_SECRET), {
      algorithms: ["HS256"],
    }));
  } catch (error) {
    return { kind: error instanceof joseErrors.JWTExpired ? "expired" : "invalid" };
  }
  const { email, updateTo, requestType } = payload;
  if (typeof email !== "string") return { kind: "invalid" };
  const userId = typeof payload.userId === "string" ? payload.userId : undefined;
  if (typeof updateTo !== "string") return { kind: "verify", email, userId };
  const kind = requestType === "change-email-confirmation" ? "change-confirmation" : "change";
  return { kind, email, newEmail: updateTo, userId };
}
