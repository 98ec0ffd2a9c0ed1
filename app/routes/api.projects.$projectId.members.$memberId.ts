// /api/projects/{id}/members/{memberId} and /api/{userId}/projects/{id}/members/{memberId}
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import { MemberJsonSchema, memberJson } from "~/api/member-json";
import * as doc from "~/api/openapi-operations.server";
import { projectNotFound } from "~/api/problem.server";
import { MemberPatchSchema } from "~/projects/member-schema";
import { changeMemberRole, removeProjectMember } from "~/projects/members.server";

const serveMember = apiRoute(
  { path: "/api/projects/{id}/members/{memberId}", alsoUnderUser: true },
  {
    PATCH: {
      openapi: {
        operationId: "changeMemberRole",
        summary: "Give a member another role below owner (admins; the owner changes only by handing over)",
        requestBody: doc.requestBody("MemberPatch", MemberPatchSchema),
        responses: {
          "200": {
            description: "The member with their new role",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("Member", MemberJsonSchema)),
          },
          ...doc.bodyErrors,
          ...doc.memberNotFound,
          ...doc.memberConflict,
          ...doc.roleWriteResponses,
        },
      },
      async handle({ request, params, user }) {
        const { role } = await readJsonBody(request, MemberPatchSchema);
        const member = await changeMemberRole(user.userId, params.projectId!, params.memberId!, role);
        if (!member) throw projectNotFound();
        return Response.json(memberJson(member));
      },
    },

    // Removing oneself is leaving (any member but the owner, who hands over first).
    DELETE: {
      openapi: {
        operationId: "removeProjectMember",
        summary: "Remove a member (admins), or leave (your own id); their tasks there are unassigned",
        responses: {
          "204": { description: "Removed", headers: doc.rateLimitHeaders },
          ...doc.memberNotFound,
          ...doc.memberConflict,
          ...doc.roleWriteResponses,
        },
      },
      async handle({ params, user }) {
        if (!(await removeProjectMember(user.userId, params.projectId!, params.memberId!))) throw projectNotFound();
        return new Response(null, { status: 204 });
      },
    },
  },
);

export const loader = serveMember;
export const action = serveMember;
