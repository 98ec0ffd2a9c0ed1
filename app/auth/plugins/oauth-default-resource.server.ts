import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";

/**
 * Better Auth's OAuth provider signs a JWT access token only for a request that names a
 * resource (RFC 8707); without one it hands out an opaque token our API cannot verify. An
 * authorization request that names none is for our API: it gets the API's audience, so every
 * client, not only MCP clients that send `resource`, receives the RS256 JWT the API already
 * verifies (decision 123). The code and its refresh tokens carry the resource from here on.
 */
export function oauthDefaultResource(resource: string): BetterAuthPlugin {
  return {
    id: "oauth-default-resource",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/oauth2/authorize",
          handler: createAuthMiddleware(async (ctx) => {
            if (ctx.query?.resource !== undefined || ctx.query?.request_uri !== undefined) return;
            return { context: { query: { ...ctx.query, resource } } };
          }),
        },
      ],
    },
  };
}
