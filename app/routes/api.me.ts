import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { invalidTokenProblem } from "~/api/problem.server";
import { getUserProfile } from "~/auth/user-profile.server";

const serveMe = apiRoute(
  { path: "/api/me" },
  {
    GET: {
      openapi: {
        operationId: "getMe",
        summary: "The token's user",
        responses: { "200": doc.meResponse, ...doc.authenticatedResponses },
      },
      async handle({ user }) {
        const profile = await getUserProfile(user.userId);
        // A valid token can outlive its account by up to JWT_EXPIRES_IN: it speaks for no one now.
        if (!profile) throw invalidTokenProblem("The token's user no longer exists");
        return Response.json(profile);
      },
    },
  },
);

export const loader = serveMe;
export const action = serveMe;
