import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { recordAuditEvent } from "~/audit.server";

/**
 * Better Auth's OAuth provider signs a JWT access token only for a request that names a
 * resource (RFC 8707); without one it hands out an opaque token our API cannot verify. So an
 * authorization request that names none is for our API: it gets the API's audience, and every
 * client, not only MCP clients that send `resource`, receives the RS256 JWT the API already
 * verifies (decision 123). The code and its refresh tokens carry the resource from there on.
 *
 * The API and the MCP server are one resource: MCP clients name it by the protected-resource
 * metadata's URL (with the trailing slash URL parsers add) or by the server's /mcp URL. Those
 * names are read as the audience itself, on the authorization and the token requests alike.
 */
export function oauthProviderHooks(audience: string, aliases: readonly string[]): BetterAuthPlugin {
  const known = new Set(aliases);
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? [...new Set(value.map(canonical))]
      : typeof value === "string" && known.has(value)
        ? audience
        : value;
  return {
    id: "oauth-provider-hooks",
    hooks: {
      // Dynamic registration (only with OAUTH_DYNAMIC_REGISTRATION): every app made is audited.
      after: [
        {
          matcher: (ctx) => ctx.path === "/oauth2/register",
          handler: createAuthMiddleware(async (ctx) => {
            const registered = ctx.context.returned as { client_id?: unknown; client_name?: unknown } | undefined;
            if (typeof registered?.client_id !== "string") return;
            await recordAuditEvent({
              event: "oauth-app-registered",
              ipAddress: ctx.request?.headers.get("x-client-ip"),
              userAgent: ctx.request?.headers.get("user-agent"),
              details: { clientId: registered.client_id, name: registered.client_name, dynamic: true },
            });
          }),
        },
      ],
      before: [
        {
          matcher: (ctx) => ctx.path === "/oauth2/authorize",
          handler: createAuthMiddleware(async (ctx) => {
            if (ctx.query?.request_uri !== undefined) return;
            const resource = ctx.query?.resource === undefined ? audience : canonical(ctx.query.resource);
            return { context: { query: { ...ctx.query, resource } } };
          }),
        },
        {
          matcher: (ctx) => ctx.path === "/oauth2/token",
          handler: createAuthMiddleware(async (ctx) => {
            if (ctx.body?.resource === undefined) return;
            return { context: { body: { ...ctx.body, resource: canonical(ctx.body.resource) } } };
          }),
        },
      ],
    },
  };
}
