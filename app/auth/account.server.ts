import { and, desc, eq, gt } from "drizzle-orm";
import { session } from "../../db/schema";
import { auth } from "~/auth/auth.server";
import { db } from "~/db.server";

// What the account pages do, in product words. Each function calls Better Auth on the server
// (so its hooks apply: password policy, attempt limits, audit log) and hands back the
// Set-Cookie values the route must put on its redirect. Failures are thrown as Better Auth's
// APIError; routes turn them into form messages with describeAuthError.

/** `headers` are the browser request's headers (cookie, user agent, x-client-ip). */
type AuthHeaders = Headers;

export async function signUp(headers: AuthHeaders, input: { name: string; email: string; password: string }) {
  const { headers: responseHeaders } = await auth.api.signUpEmail({ body: input, headers, returnHeaders: true });
  return { setCookies: responseHeaders.getSetCookie() };
}

export async function signIn(headers: AuthHeaders, input: { email: string; password: string }) {
  const { headers: responseHeaders } = await auth.api.signInEmail({
    body: { email: input.email, password: input.password, rememberMe: true },
    headers,
    returnHeaders: true,
  });
  return { setCookies: responseHeaders.getSetCookie() };
}

/** Revokes the current session on the server; the returned cookies clear it in the browser. */
export async function signOut(headers: AuthHeaders) {
  const { headers: responseHeaders } = await auth.api.signOut({ headers, returnHeaders: true });
  return { setCookies: responseHeaders.getSetCookie() };
}

export async function renameUser(headers: AuthHeaders, name: string) {
  await auth.api.updateUser({ body: { name }, headers });
}

export async function changePassword(
  headers: AuthHeaders,
  input: { currentPassword: string; newPassword: string; signOutOtherSessions: boolean },
) {
  const { headers: responseHeaders } = await auth.api.changePassword({
    body: {
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
      revokeOtherSessions: input.signOutOtherSessions,
    },
    headers,
    returnHeaders: true,
  });
  // Signing out other sessions replaces the current one too: the browser needs the new cookie.
  return { setCookies: responseHeaders.getSetCookie() };
}

export interface ActiveSession {
  id: string;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: Date;
  // No "last active": Better Auth refreshes a session's row at most once a day (updateAge),
  // so updated_at is no measure of activity.
  expiresAt: Date;
}

/** The user's unexpired sessions, most recently signed in first. Tokens never leave the server. */
export async function listActiveSessions(userId: string): Promise<ActiveSession[]> {
  return db
    .select({
      id: session.id,
      ipAddress: session.ipAddress,
      userAgent: session.userAgent,
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
    })
    .from(session)
    .where(and(eq(session.userId, userId), gt(session.expiresAt, new Date())))
    .orderBy(desc(session.createdAt));
}

/**
 * Revokes one of the user's sessions by its id (the page never sees tokens). Returns false
 * when no such session belongs to the user: ownership is part of the lookup.
 */
export async function revokeSession(headers: AuthHeaders, userId: string, sessionId: string): Promise<boolean> {
  const [target] = await db
    .select({ token: session.token })
    .from(session)
    .where(and(eq(session.id, sessionId), eq(session.userId, userId)))
    .limit(1);
  if (!target) return false;
  await auth.api.revokeSession({ body: { token: target.token }, headers });
  return true;
}

export async function revokeOtherSessions(headers: AuthHeaders) {
  await auth.api.revokeOtherSessions({ headers });
}

/** Deletes the user after checking the password; sessions and tasks go with it (cascade). */
export async function deleteAccount(headers: AuthHeaders, password: string) {
  const { headers: responseHeaders } = await auth.api.deleteUser({ body: { password }, headers, returnHeaders: true });
  return { setCookies: responseHeaders.getSetCookie() };
}
