// /api/tasks/{id}/comments and /api/{userId}/tasks/{id}/comments
import { readJsonBody } from "~/api/body.server";
import { CommentJsonSchema, CommentListJsonSchema, commentJson } from "~/api/comment-json";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { taskNotFound } from "~/api/problem.server";
import { CommentInputSchema } from "~/comments/comment-schema";
import { addTaskComment, listTaskComments } from "~/comments/comments.server";

const serveComments = apiRoute(
  { path: "/api/tasks/{id}/comments", alsoUnderUser: true },
  {
    GET: {
      openapi: {
        operationId: "listTaskComments",
        summary: "A task's comments, oldest first (any member of its project)",
        responses: {
          "200": {
            description: "The comments",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("CommentList", CommentListJsonSchema)),
          },
          ...doc.taskNotFound,
          ...doc.authenticatedResponses,
        },
      },
      async handle({ params, user }) {
        const comments = await listTaskComments(user.userId, params.taskId!);
        if (!comments) throw taskNotFound();
        return Response.json({ comments: comments.map(commentJson) });
      },
    },

    POST: {
      openapi: {
        operationId: "addTaskComment",
        summary: "Comment on a task (any member of its project, viewers included)",
        requestBody: doc.requestBody("CommentInput", CommentInputSchema),
        responses: {
          "201": {
            description: "The new comment",
            headers: { ...doc.rateLimitHeaders, ...doc.locationHeader },
            content: doc.json(doc.responseSchema("Comment", CommentJsonSchema)),
          },
          ...doc.bodyErrors,
          ...doc.taskNotFound,
          ...doc.writeResponses,
        },
      },
      async handle({ request, params, user }) {
        const { body } = await readJsonBody(request, CommentInputSchema);
        const comment = await addTaskComment(user.userId, params.taskId!, body);
        if (!comment) throw taskNotFound();
        const location = new URL(request.url).pathname.replace(/\/$/, "") + `/${comment.id}`;
        return Response.json(commentJson(comment), { status: 201, headers: { Location: location } });
      },
    },
  },
);

export const loader = serveComments;
export const action = serveComments;
