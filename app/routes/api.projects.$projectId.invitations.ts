// /api/projects/{id}/invitations and /api/{userId}/projects/{id}/invitations: a project's
// pending invitations, and inviting an address (decision 109). Admins and the owner only.
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import { InvitationJsonSchema, InvitationListJsonSchema, invitationJson } from "~/api/invitation-json";
import { answeringInvitationRefusals } from "~/api/invitation-problems.server";
import * as doc from "~/api/openapi-operations.server";
import { projectNotFound } from "~/api/problem.server";
import { InvitationInputSchema } from "~/projects/invitation-schema";
import { inviteToProject, listInvitations } from "~/projects/invitations.server";

const serveInvitations = apiRoute(
  { path: "/api/projects/{id}/invitations", alsoUnderUser: true },
  {
    GET: {
      openapi: {
        operationId: "listInvitations",
        summary: "A project's pending invitations, expired ones included (admins and the owner)",
        responses: {
          "200": {
            description: "The invitations",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("InvitationList", InvitationListJsonSchema)),
          },
          ...doc.projectNotFound,
          ...doc.insufficientRole,
          ...doc.authenticatedResponses,
        },
      },
      async handle({ params, user }) {
        const invitations = await listInvitations(user.userId, params.projectId!);
        if (!invitations) throw projectNotFound();
        return Response.json({ invitations: invitations.map(invitationJson) });
      },
    },

    POST: {
      openapi: {
        operationId: "createInvitation",
        summary:
          "Invite an address with a role: a mail with a 7-day link (the same answer whether or not it has an account)",
        requestBody: doc.requestBody("InvitationInput", InvitationInputSchema),
        responses: {
          "201": {
            description: "The pending invitation (one to the same address is replaced: its link stops working)",
            headers: { ...doc.rateLimitHeaders, ...doc.locationHeader },
            content: doc.json(doc.responseSchema("Invitation", InvitationJsonSchema)),
          },
          ...doc.bodyErrors,
          ...doc.projectNotFound,
          ...doc.invitationConflict,
          ...doc.invitationsLimited,
          ...doc.writeResponses,
          ...doc.insufficientRole,
        },
      },
      handle: ({ request, params, user }) =>
        answeringInvitationRefusals(async () => {
          const input = await readJsonBody(request, InvitationInputSchema);
          const invitation = await inviteToProject(user.userId, params.projectId!, input);
          if (!invitation) throw projectNotFound();
          const location = `${new URL(request.url).pathname.replace(/\/$/, "")}/${invitation.id}`;
          return Response.json(invitationJson(invitation), { status: 201, headers: { Location: location } });
        }),
    },
  },
);

export const loader = serveInvitations;
export const action = serveInvitations;
