// /api/auth/token: GET is Better Auth's (a JWT for the session); POST trades an API key for a
// JWT that carries the key's scope, for services that verify tokens from the published keys.
import { z } from "zod";
import { authenticate, bearerCredential, publicApiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { problem } from "~/api/problem.server";
import { consumeApiRequest } from "~/api/rate-limit.server";
import { mintApiToken } from "~/api/tokens.server";
import { API_KEY_PREFIX } from "~/api-keys/key-rules";
import { looksLikeApiKey } from "~/api-keys/api-keys.server";
import { answerWithBetterAuth } from "~/auth/better-auth-route.server";

const KeyTokenSchema = z.object({
  token: z.string().describe("A JWT"),
  expiresAt: z.iso.datetime(),
  scope: z.string().describe("tasks:read, or tasks:read tasks:write"),
});

const serveToken = publicApiRoute(
  { path: "/api/auth/token" },
  {
    GET: {
      openapi: {
        operationId: "getTokenForSession",
        summary: "A JWT for the session (Better Auth's; full access, no scope claim)",
        security: [{ sessionCookie: [] }],
        responses: {
          "200": {
            description: "The JWT",
            content: doc.json({ type: "object", required: ["token"], properties: { token: { type: "string" } } }),
          },
          "401": doc.problemResponse("No session"),
        },
      },
      handle: answerWithBetterAuth,
    },

    POST: {
      openapi: {
        operationId: "mintTokenForKey",
        summary: "A JWT for an API key, carrying the key's scope",
        security: [{ apiKey: [] }],
        responses: {
          "200": {
            description: "The JWT",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("KeyToken", KeyTokenSchema)),
          },
          ...doc.authenticatedResponses,
        },
      },
      async handle({ request }) {
        const credential = bearerCredential(request);
        if (credential === null || !looksLikeApiKey(credential)) {
          throw problem(401, {
            detail: `Send an API key (${API_KEY_PREFIX}…) as Authorization: Bearer <key>; with a session, use GET`,
            headers: { "WWW-Authenticate": "Bearer" },
          });
        }
        const subject = await authenticate(request);
        const rateLimit = await consumeApiRequest(subject.userId);
        if (!rateLimit.allowed) {
          throw problem(429, { detail: "Too many requests: wait for Retry-After seconds", headers: rateLimit.headers });
        }
        const minted = await mintApiToken(subject, subject.scopes);
        return Response.json({ ...minted, scope: subject.scopes.join(" ") }, { headers: rateLimit.headers });
      },
    },
  },
);

export const loader = serveToken;
export const action = serveToken;
