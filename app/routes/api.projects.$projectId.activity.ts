// /api/projects/{id}/activity and /api/{userId}/projects/{id}/activity
import { listProjectActivity, parseActivityCursor } from "~/activity/activity.server";
import { readQuery } from "~/api/body.server";
import { ActivityPageJsonSchema, ActivityRequestSchema, activityPageJson } from "~/api/comment-json";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { projectNotFound } from "~/api/problem.server";

const serveActivity = apiRoute(
  { path: "/api/projects/{id}/activity", alsoUnderUser: true },
  {
    GET: {
      openapi: {
        operationId: "listProjectActivity",
        summary: "A project's activity, newest first, a page at a time (any member)",
        parameters: [
          { name: "cursor", in: "query", required: false, schema: { type: "string" } },
          { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100 } },
        ],
        responses: {
          "200": {
            description: "A page of activity",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("ActivityPage", ActivityPageJsonSchema)),
          },
          "400": doc.problemResponse("An invalid query value", "ValidationProblem"),
          ...doc.projectNotFound,
          ...doc.authenticatedResponses,
        },
      },
      async handle({ request, params, user }) {
        const { cursor, limit } = readQuery(request, ActivityRequestSchema, []);
        const page = await listProjectActivity(user.userId, params.projectId!, {
          cursor: parseActivityCursor(cursor),
          limit,
        });
        if (!page) throw projectNotFound();
        return Response.json(activityPageJson(page));
      },
    },
  },
);

export const loader = serveActivity;
