// POST /api/auth/logout, the plan's sign-out: ends the session of the cookie or session bearer.
// A JWT or an API key is no session: keys are revoked in Settings, JWTs expire by themselves.
import { requireAllowedOrigin } from "~/api/auth-answers.server";
import { answerUnlessOutage } from "~/auth/better-auth-route.server";
import { bearerCredential, publicApiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { problem } from "~/api/problem.server";
import { signOut } from "~/auth/account.server";
import { authHeaders, getSession, withCookies } from "~/auth/session.server";

const logout = publicApiRoute(
  { path: "/api/auth/logout" },
  {
    POST: {
      openapi: {
        operationId: "logout",
        summary: "End the session of the cookie or session bearer token",
        security: [{ sessionCookie: [] }],
        responses: {
          "204": { description: "Signed out; Set-Cookie clears the cookie" },
          "400": doc.problemResponse("Only a JWT or a key was sent: keys are revoked in Settings, JWTs expire"),
          "401": doc.problemResponse("No session"),
          ...doc.foreignOrigin,
        },
      },
      handle: (call) =>
        answerUnlessOutage(call, async () => {
          const { request, context } = call;
          requireAllowedOrigin(request);
          if (await getSession(request)) {
            const { setCookies } = await signOut(authHeaders(request, context));
            return new Response(null, { status: 204, headers: withCookies(setCookies) });
          }
          if (bearerCredential(request)) {
            throw problem(400, {
              detail:
                "Only a session can log out. API keys are revoked in Settings; JWTs expire by themselves (see expiresAt)",
            });
          }
          throw problem(401, {
            detail: "No session to end: send the session cookie or session token",
            headers: { "WWW-Authenticate": "Bearer" },
          });
        }),
    },
  },
);

export const loader = logout;
export const action = logout;
