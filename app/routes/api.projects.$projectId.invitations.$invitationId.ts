// /api/projects/{id}/invitations/{invitationId} (and under /api/{userId}/): revoking one.
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { problem } from "~/api/problem.server";
import { revokeInvitation } from "~/projects/invitations.server";

const serveInvitation = apiRoute(
  { path: "/api/projects/{id}/invitations/{invitationId}", alsoUnderUser: true },
  {
    DELETE: {
      openapi: {
        operationId: "revokeInvitation",
        summary: "Revoke a pending invitation: its link stops working (admins and the owner)",
        responses: {
          "204": { description: "Revoked", headers: doc.rateLimitHeaders },
          "404": doc.problemResponse("No such project (or not a member of it), or no such invitation in it"),
          ...doc.writeResponses,
          ...doc.insufficientRole,
        },
      },
      async handle({ params, user }) {
        if (!(await revokeInvitation(user.userId, params.projectId!, params.invitationId!))) {
          // The project's members see the same answer for a wrong invitation id as anyone for a wrong project.
          throw problem(404, { detail: "No such invitation" });
        }
        return new Response(null, { status: 204 });
      },
    },
  },
);

export const loader = serveInvitation;
export const action = serveInvitation;
