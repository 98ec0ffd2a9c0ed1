// Scenario 5: the app's token verifier alone, in-process, on one core. Keys come from the
// running app's published JWKS once (as the verifier caches them); BENCH_TOKEN is a real token.
import { createTokenVerifier } from "~/api/jwt.server";
import { apiTokenAudience, apiTokenIssuer } from "~/config.server";

const token = process.env.BENCH_TOKEN!;
const jwks = await (await fetch(`${process.env.BETTER_AUTH_URL}/api/auth/jwks`)).json();
const options = { loadKeys: async () => jwks, issuer: apiTokenIssuer, audience: apiTokenAudience };

async function measure(verify: (token: string) => Promise<unknown>, count: number) {
  for (let i = 0; i < 2_000; i++) await verify(token); // warm-up: JIT and the key import
  const started = performance.now();
  for (let i = 0; i < count; i++) await verify(token);
  return count / ((performance.now() - started) / 1000);
}

// The target is the full check (signature and claims) every time: memory switched off.
const full = await measure(createTokenVerifier({ ...options, cacheSize: 0 }), 30_000);
// What a client reusing its token actually costs.
const remembered = await measure(createTokenVerifier(options), 300_000);
console.log(JSON.stringify({ count: 30_000, perSecond: full, rememberedPerSecond: remembered }));
