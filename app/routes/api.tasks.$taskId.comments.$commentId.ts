// /api/tasks/{id}/comments/{commentId} and /api/{userId}/tasks/{id}/comments/{commentId}
import { readJsonBody } from "~/api/body.server";
import { CommentJsonSchema, commentJson } from "~/api/comment-json";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { commentNotFound, problem } from "~/api/problem.server";
import { CommentInputSchema } from "~/comments/comment-schema";
import { CommentRefusedError, deleteTaskComment, editTaskComment } from "~/comments/comments.server";

const notFound = { "404": doc.problemResponse("No such comment on this task (or not one the caller may see)") };
const refused = {
  "403": doc.problemResponse(
    "A read-only key; or the caller may see the comment but not change it: code not_author (editing another's) or insufficient_role (deleting another's without being an admin)",
  ),
};

/** A member's refusal: 403 with its code (only ever to someone who may see the comment). */
async function orRefused<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof CommentRefusedError) throw problem(403, { detail: error.message, code: error.code });
    throw error;
  }
}

const serveComment = apiRoute(
  { path: "/api/tasks/{id}/comments/{commentId}", alsoUnderUser: true },
  {
    PATCH: {
      openapi: {
        operationId: "editTaskComment",
        summary: "Change the text of one's own comment",
        requestBody: doc.requestBody("CommentInput", CommentInputSchema),
        responses: {
          "200": {
            description: "The comment as stored",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("Comment", CommentJsonSchema)),
          },
          ...doc.bodyErrors,
          ...notFound,
          ...doc.writeResponses,
          ...refused,
        },
      },
      async handle({ request, params, user }) {
        const { body } = await readJsonBody(request, CommentInputSchema);
        const comment = await orRefused(() => editTaskComment(user.userId, params.taskId!, params.commentId!, body));
        if (!comment) throw commentNotFound();
        return Response.json(commentJson(comment));
      },
    },

    DELETE: {
      openapi: {
        operationId: "deleteTaskComment",
        summary: "Delete a comment: one's own, or any as an admin or the owner of the task's project",
        responses: {
          "204": { description: "Deleted", headers: doc.rateLimitHeaders },
          ...notFound,
          ...doc.writeResponses,
          ...refused,
        },
      },
      async handle({ params, user }) {
        if (!(await orRefused(() => deleteTaskComment(user.userId, params.taskId!, params.commentId!))))
          throw commentNotFound();
        return new Response(null, { status: 204 });
      },
    },
  },
);

export const loader = serveComment;
export const action = serveComment;
