// /api/projects/{id}/members and /api/{userId}/projects/{id}/members
import { apiRoute } from "~/api/handler.server";
import { MemberListJsonSchema, memberJson } from "~/api/member-json";
import * as doc from "~/api/openapi-operations.server";
import { projectNotFound } from "~/api/problem.server";
import { listProjectMembers } from "~/projects/members.server";

const serveMembers = apiRoute(
  { path: "/api/projects/{id}/members", alsoUnderUser: true },
  {
    GET: {
      openapi: {
        operationId: "listProjectMembers",
        summary: "A project's members with their roles (any member may read them)",
        responses: {
          "200": {
            description: "The members",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("MemberList", MemberListJsonSchema)),
          },
          ...doc.projectNotFound,
          ...doc.authenticatedResponses,
        },
      },
      async handle({ params, user }) {
        const members = await listProjectMembers(user.userId, params.projectId!);
        if (!members) throw projectNotFound();
        return Response.json({ members: members.map(memberJson) });
      },
    },
  },
);

export const loader = serveMembers;
export const action = serveMembers;
