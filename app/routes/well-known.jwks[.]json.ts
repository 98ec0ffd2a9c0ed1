// The API's public keys at the conventional address; the same set as Better Auth's /api/auth/jwks.
import { publicApiRoute } from "~/api/handler.server";
import { auth } from "~/auth/auth.server";

// Short, because a rotated-in key signs tokens at once; verifiers such as PyJWKClient also
// refetch when they meet an unknown kid.
const MAX_AGE_SECONDS = 300;

const servePublicKeys = publicApiRoute({
  async GET() {
    return Response.json(await auth.api.getJwks(), {
      headers: { "Cache-Control": `public, max-age=${MAX_AGE_SECONDS}` },
    });
  },
});

export const loader = servePublicKeys;
export const action = servePublicKeys;
