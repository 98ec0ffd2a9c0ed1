// GET /api/auth/me, the plan's "who am I": for a session (cookie or bearer), a JWT or an API key.
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { invalidTokenProblem } from "~/api/problem.server";
import { getUserProfile } from "~/auth/user-profile.server";

const serveMe = apiRoute(
  { path: "/api/auth/me", sessions: true },
  {
    GET: {
      openapi: {
        operationId: "getAuthMe",
        summary: "The user of the session cookie, session bearer, JWT or key",
        security: [{ sessionCookie: [] }, { bearerJwt: [] }, { apiKey: [] }],
        responses: { "200": doc.meResponse, ...doc.authenticatedResponses },
      },
      async handle({ user }) {
        const profile = await getUserProfile(user.userId);
        if (!profile) throw invalidTokenProblem("The token's user no longer exists");
        return Response.json({ id: profile.id, email: profile.email, name: profile.name });
      },
    },
  },
);

export const loader = serveMe;
export const action = serveMe;
