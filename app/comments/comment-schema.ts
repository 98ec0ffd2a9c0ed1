// Comment rules, shared by the task page's comment forms, the JSON API and the data module.
import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { COMMENT_BODY_MAX } from "../../db/values";
import { CONTROL_EXCEPT_LINES } from "~/text-rules";

export { COMMENT_BODY_MAX };

/** Plain text, 1–5,000 characters after trimming; line breaks kept, other control characters refused. */
export const commentBody = z
  .string({ error: "A comment needs some text" })
  .trim()
  .min(1, "A comment needs some text")
  .max(COMMENT_BODY_MAX, `A comment must be at most ${COMMENT_BODY_MAX.toLocaleString("en")} characters`)
  .refine((value) => !CONTROL_EXCEPT_LINES.test(value), "A comment cannot contain control characters");

/** POST /api/tasks/{id}/comments and PATCH …/comments/{commentId}. */
export const CommentInputSchema = z.strictObject({
  body: commentBody.describe(`Plain text, at most ${COMMENT_BODY_MAX} characters`),
});
export type CommentInput = z.infer<typeof CommentInputSchema>;

const commentId = z.uuid({ error: "That comment does not exist" });

/** The task page's comment forms: the pressed button names the intent. */
export const CommentFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("comment-add"), body: commentBody }),
  z.object({ intent: z.literal("comment-edit"), commentId, body: commentBody }),
  z.object({ intent: z.literal("comment-delete"), commentId }),
]);

export const COMMENT_INTENTS = ["comment-add", "comment-edit", "comment-delete"] as const;
export type CommentIntent = (typeof COMMENT_INTENTS)[number];

export function isCommentIntent(intent: unknown): intent is CommentIntent {
  return COMMENT_INTENTS.includes(intent as CommentIntent);
}

/** The id of one comment's edit form (where its refusal shows); the add form's is "comment-add". */
export const commentFormId = (id: string | null) => (id ? `comment-${id}` : "comment-add");

/** A comment as the task page receives it: its time already written in the reader's zone. */
export interface CommentForPage {
  id: string;
  body: string;
  authorName: string;
  createdAt: string;
  /** The time in the reader's account zone ("Dec 5, 2026, 9:30 AM"). */
  when: string;
  edited: boolean;
  canEdit: boolean;
  canDelete: boolean;
}

/** What the task page's action answers when it refuses a comment form (a redirect means success). */
export interface CommentFailure {
  intent: "comment";
  /** The id of the form refused (commentFormId). */
  form: string;
  result?: SubmissionResult<string[]>;
  /** A refusal about the comment itself (gone, or not the reader's to change). */
  message?: string;
}
