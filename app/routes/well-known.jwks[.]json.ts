// The API's public keys at the conventional address; the same set as Better Auth's /api/auth/jwks.
import { publicApiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { auth } from "~/auth/auth.server";

// Short, because a rotated-in key signs tokens at once; verifiers such as PyJWKClient also
// refetch when they meet an unknown kid.
const MAX_AGE_SECONDS = 300;

const KeySetSchema = {
  type: "object",
  required: ["keys"],
  properties: {
    keys: {
      type: "array",
      items: {
        type: "object",
        required: ["kid", "kty", "alg"],
        properties: { kid: { type: "string" }, kty: { type: "string" }, alg: { type: "string" } },
      },
    },
  },
};

const servePublicKeys = publicApiRoute(
  { path: "/.well-known/jwks.json" },
  {
    GET: {
      openapi: {
        operationId: "getPublicKeys",
        summary: "The public keys that verify API tokens (JWKS; also at /api/auth/jwks)",
        security: [],
        responses: { "200": { description: "JSON Web Key Set", content: doc.json(KeySetSchema) } },
      },
      async handle() {
        return Response.json(await auth.api.getJwks(), {
          headers: { "Cache-Control": `public, max-age=${MAX_AGE_SECONDS}` },
        });
      },
    },
  },
);

export const loader = servePublicKeys;
export const action = servePublicKeys;
