// JWTs for the API, signed by Better Auth's jwt plugin with the keys it publishes: the same
// claims as its GET /api/auth/token (sub, email, iss, aud, iat, exp), plus `scope` for a
// token minted from an API key, which app/api/jwt.server.ts enforces.
import { auth } from "~/auth/auth.server";
import { config } from "~/config.server";
import type { TokenScope } from "~/api-keys/key-rules";

export interface MintedToken {
  token: string;
  /** ISO 8601; the token's `exp`. */
  expiresAt: string;
}

export async function mintApiToken(
  subject: { userId: string; email: string },
  scopes?: readonly TokenScope[],
): Promise<MintedToken> {
  const iat = Math.floor(Date.now() / 1000);
  const payload = { sub: subject.userId, email: subject.email, iat, ...(scopes && { scope: scopes.join(" ") }) };
  const { token } = await auth.api.signJWT({ body: { payload } });
  return { token, expiresAt: new Date((iat + config.JWT_EXPIRES_IN) * 1000).toISOString() };
}
