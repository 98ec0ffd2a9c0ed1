// A key added to the jwks table (as Better Auth does on rotation) verifies without a restart.
import { decodeProtectedHeader } from "jose";
import type { GenericEndpointContext } from "better-auth";
import { createJwk } from "better-auth/plugins/jwt";
import { afterEach, expect, it, vi } from "vitest";
import { auth } from "~/auth/auth.server";
import { apiFetch, issueApiToken, signUpApiUser, withToken } from "../support/api";

afterEach(() => {
  vi.useRealTimers();
});

it("verifies a token signed by a newly created key, and keeps verifying the old one", async () => {
  const ann = await signUpApiUser("Ann");
  // The server reads and caches the key set on first use.
  expect((await apiFetch("/api/me", withToken(ann.token))).status).toBe(200);

  // Past the refresh cooldown, so an unknown kid may trigger a re-read.
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 10_000 });
  const context = { context: await auth.$context } as unknown as GenericEndpointContext;
  const newKey = await createJwk(context, { jwks: { keyPairConfig: { alg: "RS256", modulusLength: 2048 } } });

  // Better Auth signs with the newest key at once.
  const rotated = await issueApiToken(ann.sessionToken);
  expect(decodeProtectedHeader(rotated).kid).toBe(newKey.id);
  expect(decodeProtectedHeader(rotated).kid).not.toBe(decodeProtectedHeader(ann.token).kid);

  expect((await apiFetch("/api/me", withToken(rotated))).status).toBe(200);
  expect((await apiFetch("/api/me", withToken(ann.token))).status).toBe(200);
  const published = (await (await apiFetch("/.well-known/jwks.json")).json()) as { keys: { kid: string }[] };
  expect(published.keys.map((key) => key.kid)).toContain(newKey.id);
});
