// Verified tokens are remembered by their text, but never past their expiry and never for a
// token that did not verify.
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTokenVerifier, InvalidTokenError } from "~/api/jwt.server";

const issuer = "https://issuer.example.test";
const audience = "https://audience.example.test";

async function setUp() {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: "key-1", alg: "RS256" };
  const verify = createTokenVerifier({
    loadKeys: async () => ({ keys: [jwk] }),
    issuer,
    audience,
  });
  const sign = (expiresInSeconds: number, claims: Record<string, unknown> = { email: "a@example.test" }) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "key-1" })
      .setSubject("user-1")
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(privateKey);
  return { verify, sign };
}

afterEach(() => vi.useRealTimers());

describe("remembered tokens", () => {
  it("answers a reused token from memory until it expires, then refuses it", async () => {
    const { verify, sign } = await setUp();
    const token = await sign(120);
    expect(await verify(token)).toEqual({
      userId: "user-1",
      email: "a@example.test",
      scopes: ["tasks:read", "tasks:write"],
    });
    expect(await verify(token)).toEqual({
      userId: "user-1",
      email: "a@example.test",
      scopes: ["tasks:read", "tasks:write"],
    });

    // Past exp and the 30 s clock tolerance: neither the memory nor jose accepts it.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 155_000 });
    await expect(verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it("never remembers a refusal: a tampered copy of a remembered token is still refused", async () => {
    const { verify, sign } = await setUp();
    const token = await sign(120);
    await verify(token);
    const [header, , signature] = token.split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({
        sub: "user-2",
        email: "b@example.test",
        iss: issuer,
        aud: audience,
        exp: Math.floor(Date.now() / 1000) + 60,
      }),
    ).toString("base64url");
    await expect(verify(`${header}.${forgedPayload}.${signature}`)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});
