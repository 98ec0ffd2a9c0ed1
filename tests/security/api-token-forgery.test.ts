// Every kind of token we did not issue, or no longer honour, gets 401 invalid_token: never a 500.
import { base64url, decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { auth } from "~/auth/auth.server";
import { apiFetch, type ApiUser, ORIGIN, signUpApiUser, withToken } from "../support/api";

let ann: ApiUser;
let kid: string;
let publicJwk: { n: string };

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
  kid = decodeProtectedHeader(ann.token).kid!;
  const { keys } = (await auth.api.getJwks()) as { keys: { kid: string; n: string }[] };
  publicJwk = keys.find((key) => key.kid === kid)!;
});

const now = () => Math.floor(Date.now() / 1000);
const segment = (value: object) => base64url.encode(JSON.stringify(value));

/** Signed by the real key, through Better Auth: only the claims are wrong. */
async function signedByUs(payload: Record<string, unknown>) {
  const { token } = await auth.api.signJWT({
    body: { payload: { sub: ann.id, email: ann.email, iat: now(), ...payload } },
  });
  return token;
}

/** Ann's genuine claims, signed by a key of the attacker's choosing under the given header. */
function forgedForAnn(header: { alg: string; kid?: string }, key: CryptoKey | Uint8Array) {
  return new SignJWT({ email: ann.email })
    .setProtectedHeader(header)
    .setSubject(ann.id)
    .setIssuer(ORIGIN)
    .setAudience(ORIGIN)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(key);
}

async function expectInvalidToken(token: string) {
  const response = await apiFetch("/api/me", withToken(token));
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
  expect(response.headers.get("content-type")).toBe("application/problem+json");
}

describe("API token verification", () => {
  it("accepts the genuine token (the control)", async () => {
    expect((await apiFetch("/api/me", withToken(ann.token))).status).toBe(200);
  });

  it("accepts a token expired by less than the 30 s clock tolerance", async () => {
    expect((await apiFetch("/api/me", withToken(await signedByUs({ exp: now() - 10 })))).status).toBe(200);
  });

  it("carries exactly sub, email, iss, aud, iat and exp, signed with RS256", () => {
    expect(decodeProtectedHeader(ann.token)).toEqual({ alg: "RS256", kid });
    const payload = decodeJwt(ann.token) as { iat: number; exp: number };
    expect(Object.keys(payload).sort()).toEqual(["aud", "email", "exp", "iat", "iss", "sub"]);
    expect(payload).toMatchObject({ sub: ann.id, email: ann.email, iss: ORIGIN, aud: ORIGIN });
    expect(payload.exp - payload.iat).toBe(900); // JWT_EXPIRES_IN's default
  });

  it("refuses alg: none", async () => {
    const [, payload] = ann.token.split(".");
    await expectInvalidToken(`${segment({ alg: "none", kid })}.${payload}.`);
    await expectInvalidToken(`${segment({ alg: "none", typ: "JWT" })}.${payload}.`);
  });

  it("refuses HS256 signed with the public key as the secret", async () => {
    const sign = (secret: Uint8Array) => forgedForAnn({ alg: "HS256", kid }, secret);
    await expectInvalidToken(await sign(base64url.decode(publicJwk.n)));
    await expectInvalidToken(await sign(new TextEncoder().encode(JSON.stringify(publicJwk))));
  });

  it.each([
    ["another RSA key", "RS256", {}],
    ["an Ed25519 key (another algorithm)", "EdDSA", { crv: "Ed25519" }],
  ])("refuses a token signed by %s under our kid", async (_, alg, options) => {
    const { privateKey } = await generateKeyPair(alg, options);
    await expectInvalidToken(await forgedForAnn({ alg, kid }, privateKey));
  });

  it("refuses a token signed by a key we never published (unknown kid)", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    await expectInvalidToken(await forgedForAnn({ alg: "RS256", kid: crypto.randomUUID() }, privateKey));
  });

  it("refuses a tampered payload under the original signature", async () => {
    const [header, payload, signature] = ann.token.split(".");
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!)));
    await expectInvalidToken(`${header}.${segment({ ...claims, sub: crypto.randomUUID() })}.${signature}`);
    await expectInvalidToken(`${header}.${segment({ ...claims, exp: claims.exp + 86_400 })}.${signature}`);
  });

  it("refuses an expired token (beyond the clock tolerance)", async () => {
    await expectInvalidToken(await signedByUs({ iat: now() - 1000, exp: now() - 31 }));
  });

  it("refuses the wrong issuer or audience", async () => {
    await expectInvalidToken(await signedByUs({ iss: "https://other.example.test" }));
    await expectInvalidToken(await signedByUs({ aud: "https://other.example.test" }));
  });

  it("refuses a token without an email claim", async () => {
    await expectInvalidToken(await signedByUs({ email: undefined }));
  });

  it.each([
    ["a word", "garbage"],
    ["three dots", "a.b.c"],
    ["empty segments", ".."],
    ["base64 junk", `${segment({ alg: "RS256" })}.${segment([1, 2])}.AAAA`],
    ["a header that is not JSON", `${base64url.encode("{{")}.e30.AAAA`],
    ["a long string", "x".repeat(20_000)],
    ["non-ASCII", "tøkén.ü.ß"],
    ["nothing after Bearer", ""],
  ])("refuses garbage: %s", async (_, token) => {
    await expectInvalidToken(token);
  });
});
