import { auth } from "~/auth/auth.server";
import type { SecondFactorMethod } from "~/auth/two-factor-schemas";

// What the two-factor pages do, in product words: each calls Better Auth on the server, so its
// hooks apply (attempt limits, audit log, the consequences of turning it off), and hands back
// the Set-Cookie values the route must put on its redirect. Failures are Better Auth's APIError.

/** `headers` are the browser request's headers (cookie, user agent, x-client-ip). */
type AuthHeaders = Headers;

/** Makes a new secret (and backup codes) that waits for its first code; two-factor is not on yet. */
export async function startTwoFactorSetup(headers: AuthHeaders, password: string) {
  await auth.api.enableTwoFactor({ body: { password }, headers });
}

/** The first right code turns two-factor on; Better Auth replaces the session (new cookie). */
export async function confirmTwoFactorSetup(headers: AuthHeaders, code: string) {
  const { headers: responseHeaders } = await auth.api.verifyTOTP({ body: { code }, headers, returnHeaders: true });
  return { setCookies: responseHeaders.getSetCookie() };
}

/**
 * The second sign-in step, with the challenge cookie the password step set: the session
 * exists only once the code is right. `trustDevice` skips the step on this browser for 30 days.
 */
export async function answerSignInChallenge(
  headers: AuthHeaders,
  input: { method: SecondFactorMethod; code: string; trustDevice: boolean },
) {
  const body = { code: input.code, trustDevice: input.trustDevice };
  const { headers: responseHeaders } =
    input.method === "totp"
      ? await auth.api.verifyTOTP({ body, headers, returnHeaders: true })
      : await auth.api.verifyBackupCode({ body, headers, returnHeaders: true });
  return { setCookies: responseHeaders.getSetCookie() };
}

/** Turns it off (password checked by Better Auth); our hook ends the other sessions and forgets trusted devices. */
export async function turnOffTwoFactor(headers: AuthHeaders, password: string) {
  const { headers: responseHeaders } = await auth.api.disableTwoFactor({
    body: { password },
    headers,
    returnHeaders: true,
  });
  return { setCookies: responseHeaders.getSetCookie() };
}

/** Replaces the backup codes: the old ones stop working at once. */
export async function regenerateBackupCodes(headers: AuthHeaders, password: string) {
  await auth.api.generateBackupCodes({ body: { password }, headers });
}
