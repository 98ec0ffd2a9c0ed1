import { and, desc, eq, gt } from "drizzle-orm";
import { session } from "../../db/schema";
import { auth } from "~/auth/auth.server";
import { twoFactorChallengeOf } from "~/auth/two-factor-challenge.server";
import { db } from "~/db.server";

// What the account pages do, in product words. Each function calls Better Auth on the server
// (so its hooks apply: password policy, attempt limits, audit log) and hands back the
// Set-Cookie values the route must put on its redirect. Failures are thrown as Better Auth's
// APIError; routes turn them into form messages with describeAuthError.

/** `headers` are the browser request's headers (cookie, user agent, x-client-ip). */
type AuthHeaders = Headers;

/**
 * `signedIn` is false when REQUIRE_EMAIL_VERIFICATION holds the account until its address is
 * confirmed; Better Auth then answers a taken address the same way (and mails its owner).
 */
export async function signUp(headers: AuthHeaders, input: { name: string; email: string; password: string }) {
  const { headers: responseHeaders, response } = await auth.api.signUpEmail({
    body: input,
    headers,
    returnHeaders: true,
  });
  return {
    setCookies: responseHeaders.getSetCookie(),
    signedIn: response.token !== null,
    user: response.user,
    /** The session token, for programs that send it as a bearer (null until the address is confirmed). */
    sessionToken: response.token,
  };
}

/**
 * `twoFactor` is set when the password was right and the account has two-factor on: the
 * cookies then carry the challenge for the second step, and there is no session yet.
 */
export async function signIn(headers: AuthHeaders, input: { email: string; password: string }) {
  const result = await auth.api.signInEmail({
    body: { email: input.email, password: input.password, rememberMe: true },
    headers,
    returnHeaders: true,
  });
  const setCookies = result.headers.getSetCookie();
  const twoFactor = twoFactorChallengeOf(result);
  if (twoFactor) return { setCookies, twoFactor, signedIn: null };
  return { setCookies, twoFactor: null, signedIn: { user: result.response.user, sessionToken: result.response.token } };
}

/** Revokes the current session on the server; the returned cookies clear it in the browser. */
export async function signOut(headers: AuthHeaders) {
  const { headers: responseHeaders } = await auth.api.signOut({ headers, returnHeaders: true });
  return { setCookies: responseHeaders.getSetCookie() };
}

/** Mails a reset link if the address has an account; the answer is the same either way. */
export async function requestPasswordReset(headers: AuthHeaders, email: string) {
  await auth.api.requestPasswordReset({ body: { email }, headers });
}

/** Sets a new password with a reset link's token: every session of the account ends. */
export async function resetPassword(headers: AuthHeaders, input: { token: string; newPassword: string }) {
  await auth.api.resetPassword({ body: input, headers });
}

/**
 * Mails a new confirmation link. Signed in, to the session's own address (`email` must be
 * it); signed out, to `email` if it has an unconfirmed account, with the same answer either way.
 */
export async function resendVerificationEmail(headers: AuthHeaders, email: string) {
  await auth.api.sendVerificationEmail({ body: { email }, headers });
}

/** Uses a confirmation link: confirms the address, or makes a requested change of address. */
export async function confirmEmailLink(headers: AuthHeaders, token: string) {
  const { headers: responseHeaders } = await auth.api.verifyEmail({ query: { token }, headers, returnHeaders: true });
  // A change of address confirmed while signed in rewrites the session cookie's user data.
  return { setCookies: responseHeaders.getSetCookie() };
}

/** Mails a confirmation link to `newEmail`; the address changes when it is used. */
export async function requestEmailChange(headers: AuthHeaders, input: { newEmail: string; currentPassword: string }) {
  // currentPassword is not in Better Auth's body schema: our hook requires and checks it.
  const body = { newEmail: input.newEmail, currentPassword: input.currentPassword };
  await auth.api.changeEmail({ body, headers });
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
