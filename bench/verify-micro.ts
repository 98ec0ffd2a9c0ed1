// Scenario 5: the app's token verifier alone, in-process, on one core. Keys come from the
// running app's published JWKS once (as the verifier caches them); BENCH_TOKEN is a real token.
import { createTokenVerifier } from "~/api/jwt.server";
import { apiTokenAudience, apiTokenIssuer } from "~/config.server";

const token = process.env.BENCH_TOKEN!;
const jwks = await (await fetch(`${process.env.BETTER_AUTH_URL}/api/auth/jwks`)).json();
const verify = createTokenVerifier({ loadKeys: async () => jwks, issuer: apiTokenIssuer, audience: apiTokenAudience });

for (let i = 0; i < 2_000; i++) await verify(token); // warm-up: JIT and the key import
const count = 30_000;
const started = performance.now();
for (let i = 0; i < count; i++) await verify(token);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ count, seconds, perSecond: count / seconds }));
