// The two-factor challenge over HTTP: what answers a right password on an account with
// two-factor on. Better Auth's /api/auth/sign-in/email answers it itself; any other sign-in
// route of ours (the plan's /api/auth/login) must answer the same way, with these.

export interface TwoFactorChallenge {
  /** The factors the account can answer with ("totp"; backup codes always work). */
  methods: string[];
  /** The signed challenge cookie (10 minutes), to send back with the code. */
  setCookies: string[];
}

/** The challenge in a server-side `auth.api.signInEmail({ returnHeaders: true })` result, or null. */
export function twoFactorChallengeOf(result: { headers: Headers; response: unknown }): TwoFactorChallenge | null {
  const answer = result.response as { twoFactorRedirect?: unknown; twoFactorMethods?: unknown } | null;
  if (answer?.twoFactorRedirect !== true) return null;
  const methods = Array.isArray(answer.twoFactorMethods)
    ? answer.twoFactorMethods.filter((m) => typeof m === "string")
    : [];
  return { methods, setCookies: result.headers.getSetCookie() };
}

/**
 * The JSON answer to a password that needs a second factor: Better Auth's own body
 * (`twoFactorRedirect`, `twoFactorMethods`) and the challenge cookie, so a client handles every
 * sign-in route alike. No session, no token: there is none until the code is right.
 */
export function twoFactorChallengeResponse(challenge: TwoFactorChallenge): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const cookie of challenge.setCookies) headers.append("Set-Cookie", cookie);
  return Response.json({ twoFactorRedirect: true, twoFactorMethods: challenge.methods }, { status: 200, headers });
}

/** Whether the browser carries a sign-in challenge (its signature is checked by Better Auth on use). */
export function hasSignInChallenge(request: Request): boolean {
  return /(?:^|;\s*)(?:__Secure-)?better-auth\.two_factor=[^;]/.test(request.headers.get("cookie") ?? "");
}
