// Verifies the API's bearer tokens: JWTs that Better Auth's jwt plugin signs with the keys in
// the `jwks` table. The public keys are read from the database and kept in memory, so a
// request costs a signature check and no I/O; a token signed by a key we have not seen yet
// (rotation) makes us read the keys again, at most once per REFRESH_COOLDOWN_MS.
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyOptions, jwtVerify } from "jose";
import { auth } from "~/auth/auth.server";
import { FULL_ACCESS, TOKEN_SCOPES, type TokenScope } from "~/api-keys/key-rules";
import { apiTokenAudience, apiTokenIssuer } from "~/config.server";

/** Who a valid token speaks for, and what it may do. */
export interface TokenSubject {
  userId: string;
  email: string;
  scopes: readonly TokenScope[];
  /** The connected app (OAuth client) a token was issued to (its `azp`), for the per-request grant check. */
  clientId?: string;
  /** The API key a request presented itself (not a JWT minted from one): an open stream checks it again. */
  keyId?: string;
}

const KNOWN_SCOPES = new Set<string>(TOKEN_SCOPES.write);

/**
 * A token minted from an API key carries the key's scopes in `scope` (space-separated, as in
 * OAuth); a token minted from a session has no such claim and may do everything.
 */
function scopesOf(claim: unknown): readonly TokenScope[] {
  if (claim === undefined) return FULL_ACCESS;
  if (typeof claim !== "string") throw new InvalidTokenError("the scope claim is not a string");
  return claim.split(" ").filter((scope): scope is TokenScope => KNOWN_SCOPES.has(scope));
}

interface Verified {
  subject: TokenSubject;
  /** Seconds since the epoch (required by the verify options). */
  exp: number;
}

/** Any token we do not accept, whatever the reason (the client only learns "invalid_token"). */
export class InvalidTokenError extends Error {}

interface TokenVerifierOptions {
  /** The published key set (Better Auth's GET /jwks, without the HTTP). */
  loadKeys: () => Promise<JSONWebKeySet>;
  issuer: string;
  audience: string;
  /** How many verified tokens to remember (0: verify the signature every time). */
  cacheSize?: number;
}

// Unknown-kid refreshes are rate-limited so garbage tokens cannot hammer the database.
const REFRESH_COOLDOWN_MS = 5_000;
// Re-read now and then anyway, so a key removed from the table stops verifying.
const MAX_KEY_AGE_MS = 10 * 60_000;
// A verified token is remembered this long at most (and never past its exp), so a removed
// key's tokens stop working within a minute even while they are being reused.
const VERIFIED_TTL_MS = 60_000;

export function createTokenVerifier({ loadKeys, issuer, audience, cacheSize = 10_000 }: TokenVerifierOptions) {
  const options: JWTVerifyOptions = {
    // Pinned: `alg: none` and HS256-signed-with-the-public-key forgeries fail here.
    algorithms: ["RS256"],
    issuer,
    audience,
    clockTolerance: 30,
    requiredClaims: ["sub", "email", "exp", "iat"],
  };
  // createLocalJWKSet imports each key once and keeps it: no per-request key import.
  let keySet: { getKey: ReturnType<typeof createLocalJWKSet>; loadedAt: number } | undefined;
  let loading: Promise<NonNullable<typeof keySet>> | undefined;

  function reload() {
    loading ??= loadKeys()
      .then((jwks) => (keySet = { getKey: createLocalJWKSet(jwks), loadedAt: Date.now() }))
      .finally(() => (loading = undefined));
    return loading;
  }

  async function currentKeys() {
    if (keySet && Date.now() - keySet.loadedAt < MAX_KEY_AGE_MS) return keySet;
    return reload();
  }

  async function verifyWith(token: string, keys: NonNullable<typeof keySet>): Promise<Verified> {
    const { payload } = await jwtVerify(token, keys.getKey, options);
    if (typeof payload.sub !== "string" || typeof payload.email !== "string") {
      throw new InvalidTokenError("the token has no subject or email");
    }
    if (payload.azp !== undefined && typeof payload.azp !== "string") {
      throw new InvalidTokenError("the azp claim is not a string");
    }
    return {
      subject: {
        userId: payload.sub,
        email: payload.email,
        scopes: scopesOf(payload.scope),
        ...(payload.azp !== undefined && { clientId: payload.azp }),
      },
      exp: payload.exp!,
    };
  }

  // Clients send the same token with every request until it expires, and its text cannot
  // change without breaking the signature: remember tokens already verified, by their text,
  // so a busy client costs one signature check per token, not per request (Map keeps
  // insertion order: the first key is the oldest).
  const verified = new Map<string, { subject: TokenSubject; validUntil: number }>();

  function remember(token: string, { subject, exp }: Verified) {
    if (cacheSize === 0) return;
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value!);
    verified.set(token, { subject, validUntil: Math.min(exp * 1000, Date.now() + VERIFIED_TTL_MS) });
  }

  /** The token's subject; throws InvalidTokenError for any token we did not issue or that has expired. */
  return async function verifyToken(token: string): Promise<TokenSubject> {
    const known = verified.get(token);
    if (known) {
      if (Date.now() < known.validUntil) return known.subject;
      verified.delete(token);
    }
    const result = await verifySignature(token);
    remember(token, result);
    return result.subject;
  };

  async function verifySignature(token: string): Promise<Verified> {
    const keys = await currentKeys();
    try {
      return await verifyWith(token, keys);
    } catch (error) {
      // Compared with the newest load, not `keys`: another request may have just refreshed.
      if (error instanceof errors.JWKSNoMatchingKey && Date.now() - keySet!.loadedAt >= REFRESH_COOLDOWN_MS) {
        try {
          return await verifyWith(token, await reload());
        } catch (retryError) {
          throw asInvalidToken(retryError);
        }
      }
      throw asInvalidToken(error);
    }
  }
}

// Anything jose rejects (signature, claims, malformed input) is the client's problem;
// anything else (the database) is ours and must surface as such.
function asInvalidToken(error: unknown): unknown {
  return error instanceof errors.JOSEError ? new InvalidTokenError(error.message) : error;
}

export const verifyApiToken = createTokenVerifier({
  loadKeys: () => auth.api.getJwks(),
  issuer: apiTokenIssuer,
  audience: apiTokenAudience,
});
