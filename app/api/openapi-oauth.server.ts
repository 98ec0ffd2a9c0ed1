// The OpenAPI entries for what an OAuth client and an MCP client call besides the API (decisions
// 123, 124): Better Auth's OAuth provider endpoints under /api/auth/oauth2/, the RFC 8414 and
// RFC 9728 metadata, and POST /mcp. The provider's endpoints are the plugin's, not ours, so their
// entries live here rather than next to a handler; the contract test checks each against the
// metadata the server advertises and against live answers.
import { z } from "zod";
import { OAUTH_SCOPES, SCOPE_DESCRIPTIONS } from "~/connected-apps/oauth-rules";
import {
  json,
  type PathDescription,
  problemContent,
  problemResponse,
  rateLimitHeaders,
  responseSchema,
} from "./openapi-operations.server";

/** Where Better Auth's OAuth provider answers (decision 123). */
export const OAUTH_ENDPOINT_PREFIX = "/api/auth/oauth2/";

const form = (schema: object) => ({ required: true, content: { "application/x-www-form-urlencoded": { schema } } });
const none: Record<string, string[]>[] = [];
// A confidential app authenticates at the token, revocation and introspection endpoints with its
// secret (HTTP Basic or in the body); a public one sends only its client_id.
const clientFields = {
  client_id: { type: "string" },
  client_secret: { type: "string", description: "A confidential app's secret (or HTTP Basic instead)" },
};

const OAuthErrorSchema = z.looseObject({
  error: z.string().describe("RFC 6749 §5.2: invalid_request, invalid_client, invalid_grant, unauthorized_client, …"),
  error_description: z.string().optional(),
});
const oauthError = (description: string) => ({
  description,
  content: json(responseSchema("OAuthError", OAuthErrorSchema)),
});

const AuthorizationServerMetadataSchema = z.looseObject({
  issuer: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  revocation_endpoint: z.string().optional(),
  introspection_endpoint: z.string().optional(),
  registration_endpoint: z.string().optional(),
  jwks_uri: z.string().optional(),
  scopes_supported: z.array(z.string()).optional(),
  response_types_supported: z.array(z.string()),
  grant_types_supported: z.array(z.string()).optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
});
const ProtectedResourceMetadataSchema = z.looseObject({
  resource: z.string().describe("The API's audience: the API and the MCP server are one resource"),
  authorization_servers: z.array(z.string()),
  scopes_supported: z.array(z.string()).optional(),
  bearer_methods_supported: z.array(z.string()).optional(),
  resource_name: z.string().optional(),
  resource_documentation: z.string().optional(),
});
const TokenResponseSchema = z.looseObject({
  access_token: z.string().describe("An RS256 JWT for the API and /mcp (iss, aud, sub, scope, azp, email)"),
  token_type: z.string().describe("Bearer"),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional().describe("With offline_access; each use returns a new one (rotation)"),
  scope: z.string().optional(),
});
const IntrospectionSchema = z.looseObject({ active: z.boolean() });
const ClientRegistrationSchema = z.looseObject({
  client_id: z.string(),
  client_secret: z.string().optional(),
  redirect_uris: z.array(z.string()),
});
const JsonRpcMessageSchema = z.looseObject({
  jsonrpc: z.literal("2.0"),
  id: z.union([z.string(), z.number()]).optional(),
  method: z.string().describe("initialize, tools/list, tools/call, …"),
  params: z.record(z.string(), z.unknown()).optional(),
});
const JsonRpcResponseSchema = z.looseObject({
  jsonrpc: z.literal("2.0"),
  id: z.union([z.string(), z.number(), z.null()]),
  result: z.unknown().optional(),
  error: z.looseObject({ code: z.int(), message: z.string() }).optional(),
});

const metadataResponse = (description: string, id: string, schema: z.ZodType) => ({
  description,
  headers: { "Cache-Control": { schema: { type: "string" } } },
  content: json(responseSchema(id, schema)),
});
const protectedResource = {
  GET: {
    operationId: "getProtectedResourceMetadata",
    summary: "RFC 9728 protected-resource metadata for the API and the MCP server",
    security: none,
    responses: {
      "200": metadataResponse(
        "The resource and its authorization server",
        "ProtectedResourceMetadata",
        ProtectedResourceMetadataSchema,
      ),
    },
  },
};

export const OAUTH_PATHS: PathDescription[] = [
  {
    path: "/.well-known/oauth-authorization-server",
    operations: {
      GET: {
        operationId: "getAuthorizationServerMetadata",
        summary: "RFC 8414 authorization-server metadata: the OAuth endpoints below, scopes, PKCE (S256 only)",
        security: none,
        responses: {
          "200": metadataResponse("The metadata", "AuthorizationServerMetadata", AuthorizationServerMetadataSchema),
        },
      },
    },
  },
  { path: "/.well-known/oauth-protected-resource", operations: protectedResource },
  {
    path: "/.well-known/oauth-protected-resource/mcp",
    operations: {
      GET: {
        ...protectedResource.GET,
        operationId: "getProtectedResourceMetadataForMcp",
        summary: "The same metadata at the MCP server's path (RFC 9728 §3.1)",
      },
    },
  },
  {
    path: `${OAUTH_ENDPOINT_PREFIX}authorize`,
    operations: {
      GET: {
        operationId: "oauthAuthorize",
        summary: "Start an authorization (code with PKCE S256): a browser is sent to sign in and to the consent page",
        description:
          "Opened in the person's browser. Signed out, it redirects to /oauth/sign-in; then to /oauth/consent unless the " +
          "person allowed these scopes to this app before; finally to redirect_uri with code and state (or error).",
        security: none,
        parameters: [
          { name: "response_type", in: "query", required: true, schema: { const: "code" } },
          { name: "client_id", in: "query", required: true, schema: { type: "string" } },
          {
            name: "redirect_uri",
            in: "query",
            required: true,
            description: "Exactly one of the app's registered redirect URIs",
            schema: { type: "string" },
          },
          {
            name: "scope",
            in: "query",
            required: false,
            description: `Space-separated: ${OAUTH_SCOPES.join(", ")}`,
            schema: { type: "string" },
          },
          { name: "state", in: "query", required: false, schema: { type: "string" } },
          { name: "code_challenge", in: "query", required: true, schema: { type: "string" } },
          { name: "code_challenge_method", in: "query", required: true, schema: { const: "S256" } },
          {
            name: "resource",
            in: "query",
            required: false,
            description: "RFC 8707: the API's origin (or its /mcp address); the API's audience when left out",
            schema: { type: "string" },
          },
        ],
        responses: {
          "302": {
            description: "To sign in, to the consent page, or to redirect_uri with code and state (or error)",
            headers: { Location: { schema: { type: "string" } } },
          },
          "400": oauthError(
            "An unknown client or a redirect_uri it did not register (no redirect: it may not be trusted)",
          ),
        },
      },
    },
  },
  {
    path: `${OAUTH_ENDPOINT_PREFIX}token`,
    operations: {
      POST: {
        operationId: "oauthToken",
        summary: "Exchange an authorization code (with its PKCE verifier) or a refresh token for tokens",
        security: none,
        requestBody: form({
          type: "object",
          required: ["grant_type"],
          properties: {
            grant_type: { enum: ["authorization_code", "refresh_token"] },
            code: { type: "string" },
            redirect_uri: { type: "string" },
            code_verifier: { type: "string" },
            refresh_token: { type: "string" },
            resource: { type: "string" },
            scope: { type: "string" },
            ...clientFields,
          },
        }),
        responses: {
          "200": {
            description: "An access token (the API's JWT) and, with offline_access, a new refresh token",
            content: json(responseSchema("OAuthTokens", TokenResponseSchema)),
          },
          "400": oauthError(
            "A missing field, or a code or refresh token that is unknown, used, expired or not this app's",
          ),
          "401": oauthError("The app's credentials are wrong"),
        },
      },
    },
  },
  {
    path: `${OAUTH_ENDPOINT_PREFIX}revoke`,
    operations: {
      POST: {
        operationId: "oauthRevoke",
        summary: "RFC 7009: revoke a refresh or access token (an unknown token is not an error)",
        security: none,
        requestBody: form({
          type: "object",
          required: ["token"],
          properties: { token: { type: "string" }, token_type_hint: { type: "string" }, ...clientFields },
        }),
        responses: {
          "200": { description: "Revoked (or nothing to revoke)" },
          "400": oauthError("No token"),
          "401": oauthError("The app's credentials are wrong"),
        },
      },
    },
  },
  {
    path: `${OAUTH_ENDPOINT_PREFIX}introspect`,
    operations: {
      POST: {
        operationId: "oauthIntrospect",
        summary: "RFC 7662: whether a token is active, and its claims",
        security: none,
        requestBody: form({
          type: "object",
          required: ["token"],
          properties: { token: { type: "string" }, token_type_hint: { type: "string" }, ...clientFields },
        }),
        responses: {
          "200": {
            description: "active, and the token's claims",
            content: json(responseSchema("OAuthIntrospection", IntrospectionSchema)),
          },
          "400": oauthError("No token"),
          "401": oauthError("The app's credentials are wrong"),
        },
      },
    },
  },
  {
    path: `${OAUTH_ENDPOINT_PREFIX}register`,
    operations: {
      POST: {
        operationId: "oauthRegisterClient",
        summary:
          "RFC 7591 dynamic client registration, only with OAUTH_DYNAMIC_REGISTRATION=true (10 an hour per address)",
        description: "Otherwise apps are registered in Settings → Developer apps.",
        security: none,
        requestBody: {
          required: true,
          content: json({
            type: "object",
            required: ["redirect_uris"],
            properties: {
              redirect_uris: { type: "array", items: { type: "string" } },
              client_name: { type: "string" },
              token_endpoint_auth_method: { enum: ["none", "client_secret_basic", "client_secret_post"] },
              scope: { type: "string" },
            },
          }),
        },
        responses: {
          "200": { description: "The client", content: json(responseSchema("OAuthClient", ClientRegistrationSchema)) },
          "201": { description: "The client", content: json(responseSchema("OAuthClient", ClientRegistrationSchema)) },
          "400": oauthError("Invalid metadata (a redirect URI, a scope)"),
          "401": oauthError("Dynamic registration is off"),
          "429": {
            description: "Too many registrations from this address",
            headers: { "Retry-After": { schema: { type: "integer" } } },
          },
        },
      },
    },
  },
  {
    path: "/mcp",
    operations: {
      POST: {
        operationId: "mcp",
        summary: "The MCP server (Streamable HTTP, stateless, JSON answers): tools over the API's domain",
        description:
          "One JSON-RPC message per request, Accept: application/json, text/event-stream. Tools: list_tasks, search_tasks, " +
          "get_task, create_task, quick_add_task, update_task, complete_task, list_projects, list_labels. Authenticated " +
          "like the API (an OAuth token, a session JWT or an API key); write tools need tasks:write.",
        security: [{ oauth2: [...OAUTH_SCOPES] }, { bearerJwt: [] }, { apiKey: [] }],
        requestBody: { required: true, content: json(responseSchema("JsonRpcMessage", JsonRpcMessageSchema)) },
        responses: {
          "200": {
            description: "The JSON-RPC answer (a tool's refusal is a result with isError, in the API's words)",
            headers: rateLimitHeaders,
            content: json(responseSchema("JsonRpcResponse", JsonRpcResponseSchema)),
          },
          "202": { description: "A notification or response from the client, accepted" },
          "400": problemResponse("Malformed JSON"),
          "401": {
            description: "No token, or an invalid one: WWW-Authenticate names the protected-resource metadata",
            headers: {
              "WWW-Authenticate": {
                description: 'Bearer …, resource_metadata="<origin>/.well-known/oauth-protected-resource"',
                schema: { type: "string" },
              },
            },
            content: problemContent(),
          },
          "403": {
            description:
              'A write tool without tasks:write: WWW-Authenticate says error="insufficient_scope", scope="tasks:write"',
            headers: { "WWW-Authenticate": { schema: { type: "string" } } },
            content: problemContent(),
          },
          "429": { $ref: "#/components/responses/TooManyRequests" },
        },
      },
      GET: {
        operationId: "mcpGet",
        summary: "No server-sent stream: the server is stateless",
        security: none,
        responses: { "405": { $ref: "#/components/responses/MethodNotAllowed" } },
      },
      DELETE: {
        operationId: "mcpDelete",
        summary: "No session to end: the server is stateless",
        security: none,
        responses: { "405": { $ref: "#/components/responses/MethodNotAllowed" } },
      },
    },
  },
];

/** The OAuth 2.1 security scheme connected apps use (authorization code with PKCE). */
export function oauthSecurityScheme(origin: string) {
  return {
    type: "oauth2",
    description:
      "A connected app's token (decision 123): a JWT like the API's, refused once the person disconnects the app",
    flows: {
      authorizationCode: {
        authorizationUrl: `${origin}${OAUTH_ENDPOINT_PREFIX}authorize`,
        tokenUrl: `${origin}${OAUTH_ENDPOINT_PREFIX}token`,
        refreshUrl: `${origin}${OAUTH_ENDPOINT_PREFIX}token`,
        scopes: SCOPE_DESCRIPTIONS,
      },
    },
  };
}
