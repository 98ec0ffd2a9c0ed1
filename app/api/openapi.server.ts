// GET /api/openapi.json: the API's contract, assembled from the operations each API route
// declares next to its handlers (apiRoute's `openapi`), with schemas generated from the Zod
// schemas the routes validate with, so the document cannot drift from the code.
import { API_KEY_PREFIX, WRITE_SCOPE } from "~/api-keys/key-rules";
import { appOrigin } from "~/config.server";
import { oauthSecurityScheme } from "./openapi-oauth.server";
import {
  componentSchemas,
  type Operation,
  type PathDescription,
  problemContent,
  problemResponse,
  rateLimitHeaders,
} from "./openapi-operations.server";

const userIdParameter = {
  name: "userId",
  in: "path",
  required: true,
  description: "Must be the token's subject (403 otherwise)",
  schema: { type: "string", format: "uuid" },
};
const uuidPathParameter = (name: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
});
/** An invitation's secret, from the link in its mail (not a UUID). */
const tokenParameter = {
  name: "token",
  in: "path",
  required: true,
  description: "The invitation's token: the last part of the link in its mail",
  schema: { type: "string", pattern: "^[A-Za-z0-9_-]{43}$" },
};
const userMismatch = problemResponse("{userId} is not the token's user");

/** A path item: the path's parameters (every {name} is a UUID) and its operations. */
function pathItem(
  path: string,
  operations: PathDescription["operations"],
  rename: (operation: Operation) => Operation = (operation) => operation,
) {
  const parameters = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) =>
    name === "userId" ? userIdParameter : name === "token" ? tokenParameter : uuidPathParameter(name!),
  );
  return {
    ...(parameters.length > 0 && { parameters }),
    ...Object.fromEntries(
      Object.entries(operations).map(([method, operation]) => [method.toLowerCase(), rename(operation)]),
    ),
  };
}

/** A route's paths: its own, and the /api/{userId}/… form when it has one. */
function pathsOf({ path, alsoUnderUser, operations }: PathDescription): [string, object][] {
  const paths: [string, object][] = [[path, pathItem(path, operations)]];
  if (alsoUnderUser) {
    const userPath = path.replace(/^\/api\//, "/api/{userId}/");
    const underUser = (operation: Operation) => ({
      ...operation,
      operationId: `${operation.operationId}ForUserPath`,
      // A read answers 403 only for another user's id; writes already list the scope's 403, which says both.
      responses: { "403": userMismatch, ...operation.responses },
    });
    paths.push([userPath, pathItem(userPath, operations, underUser)]);
  }
  return paths;
}

/** The whole document for these routes' descriptions. */
export function openApiDocument(routes: readonly PathDescription[]) {
  const paths = Object.fromEntries(routes.flatMap(pathsOf));
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Tasklane API",
      version: "1.0.0",
      description:
        `Manage a user's tasks and labels. Authenticate with a personal API key (${API_KEY_PREFIX}…, made in Settings) or a ` +
        "JWT (RS256, public keys at /.well-known/jwks.json) from POST /api/auth/token (with a key: the key's scope) or " +
        `GET /api/auth/token (with a session: full access). Writes need the ${WRITE_SCOPE} scope. Errors are RFC 9457 problem details.`,
    },
    servers: [{ url: appOrigin }],
    security: [{ bearerJwt: [] }, { apiKey: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerJwt: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "A JWT from POST /api/auth/token with a key, or GET /api/auth/token with a session (RS256; claims sub, email, iss, aud, " +
            "iat, exp, and scope for a key's token: tasks:read or tasks:read tasks:write)",
        },
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: `API key (${API_KEY_PREFIX}…)`,
          description:
            `A personal API key from Settings → API keys, sent as Authorization: Bearer ${API_KEY_PREFIX}…; ` +
            "a read key may only read (403 insufficient_scope on writes)",
        },
        oauth2: oauthSecurityScheme(appOrigin),
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "better-auth.session_token",
          description: "The browser session (register and login set it; __Secure- prefixed over https)",
        },
      },
      // The schemas the routes' descriptions named (requestBody, responseSchema) when their modules loaded.
      schemas: componentSchemas(),
      responses: {
        Unauthorized: {
          description: "No token, or an invalid or expired one",
          headers: { "WWW-Authenticate": { schema: { type: "string" } } },
          content: problemContent(),
        },
        Forbidden: {
          description: `The key (or the JWT minted from it) lacks the ${WRITE_SCOPE} scope, or {userId} is not the token's user`,
          headers: {
            "WWW-Authenticate": {
              description: 'Bearer error="insufficient_scope" when a scope is missing',
              schema: { type: "string" },
            },
          },
          content: problemContent(),
        },
        MethodNotAllowed: {
          description: "The method is not allowed on this path",
          headers: { Allow: { schema: { type: "string" } } },
          content: problemContent(),
        },
        TooManyRequests: {
          description: "The user's request budget for this minute is spent",
          headers: { ...rateLimitHeaders, "Retry-After": { schema: { type: "integer" } } },
          content: problemContent(),
        },
      },
    },
  };
}
