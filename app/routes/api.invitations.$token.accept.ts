// POST /api/invitations/{token}/accept: the signed-in person (a session cookie, from our own
// origin) becomes a member with the invitation's role. Accepting stays a person's act: API
// keys, JWTs and session bearer tokens are refused (issue 29, decision 109).
import { bearerCredential, publicApiRoute } from "~/api/handler.server";
import { AcceptedInvitationJsonSchema } from "~/api/invitation-json";
import { answeringInvitationRefusals } from "~/api/invitation-problems.server";
import * as doc from "~/api/openapi-operations.server";
import { problem } from "~/api/problem.server";
import { consumeApiRequest } from "~/api/rate-limit.server";
import { getSession } from "~/auth/session.server";
import { acceptInvitation } from "~/projects/invitations.server";
import { isAllowedActionOrigin } from "~/same-origin.server";

const serveAccept = publicApiRoute(
  { path: "/api/invitations/{token}/accept" },
  {
    POST: {
      openapi: {
        operationId: "acceptInvitation",
        summary:
          "Accept an invitation as the signed-in person (a session cookie only; the account's address must be the invited one)",
        security: [{ sessionCookie: [] }],
        responses: {
          "200": {
            description: "The caller is a member of the project",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("AcceptedInvitation", AcceptedInvitationJsonSchema)),
          },
          "401": doc.problemResponse("No session cookie (tokens and keys cannot accept)"),
          "403": doc.problemResponse(
            "Another site's Origin, or the account's address is not the invited one (code: wrong_account)",
          ),
          "404": doc.problemResponse("No such invitation: used, declined, revoked or mistyped"),
          "409": doc.problemResponse("The project has 50 members already"),
          "410": doc.problemResponse("The invitation has expired"),
          "429": { $ref: "#/components/responses/TooManyRequests" },
        },
      },
      async handle({ request, params }) {
        // A session cookie rides along on any post a browser makes: only our own pages may send one.
        if (!isAllowedActionOrigin(request)) {
          throw problem(403, { detail: "Cross-site request refused: the Origin header names another site" });
        }
        if (bearerCredential(request) !== null) {
          throw problem(401, { detail: "Accepting an invitation needs a signed-in browser session, not a token" });
        }
        const session = await getSession(request);
        if (!session) throw problem(401, { detail: "Sign in first: accepting an invitation needs a session cookie" });
        const rateLimit = await consumeApiRequest(session.user.id);
        if (!rateLimit.allowed) {
          throw problem(429, { detail: "Too many requests: wait for Retry-After seconds", headers: rateLimit.headers });
        }
        return answeringInvitationRefusals(async () =>
          Response.json(await acceptInvitation(session.user.id, params.token!), { headers: rateLimit.headers }),
        );
      },
    },
  },
);

export const loader = serveAccept;
export const action = serveAccept;
