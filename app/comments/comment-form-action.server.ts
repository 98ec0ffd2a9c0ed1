// The task page's comment intents: the posted fields checked with the forms' schema, the change
// made, then back to the task's page. Refusals name the form they answer, so the page shows
// each next to the comment (or the new-comment field) it is about.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, replace } from "react-router";
import { type CommentFailure, commentFormId, CommentFormSchema } from "./comment-schema";
import {
  addTaskComment,
  CommentRefusedError,
  deleteTaskComment,
  editTaskComment,
  type TaskComment,
} from "./comments.server";

const COMMENT_GONE = "That comment is no longer on this task. It may have been deleted in another tab.";

/** Applies the comment change the form asks for; a task the person may not see is the page's 404. */
export async function commentFormAction(userId: string, taskId: string, formData: FormData, pageUrl: string) {
  const form = commentFormId(String(formData.get("commentId") ?? "") || null);
  const submission = parseWithZod(formData, { schema: CommentFormSchema });
  if (submission.status !== "success") return refused(form, 400, { result: submission.reply() });
  const change = submission.value;
  let done: TaskComment | boolean | null;
  try {
    done =
      change.intent === "comment-add"
        ? await addTaskComment(userId, taskId, change.body)
        : change.intent === "comment-edit"
          ? await editTaskComment(userId, taskId, change.commentId, change.body)
          : await deleteTaskComment(userId, taskId, change.commentId);
  } catch (error) {
    if (!(error instanceof CommentRefusedError)) throw error;
    return refused(form, 403, { message: error.message });
  }
  if (!done) {
    if (change.intent === "comment-add") throw data("Task not found", { status: 404 });
    return refused(form, 404, { message: COMMENT_GONE });
  }
  return replace(pageUrl);
}

function refused(form: string, status: 400 | 403 | 404, failure: Pick<CommentFailure, "result" | "message">) {
  return data({ intent: "comment", form, ...failure } satisfies CommentFailure, { status });
}
