// A task's comments as the task page shows them: times written in the reader's account zone
// on the server, so the page reads the same with or without JavaScript.
import { formatInZone } from "~/ui/format-time";
import type { CommentForPage } from "./comment-schema";
import type { TaskComment } from "./comments.server";

export function toCommentsForPage(comments: readonly TaskComment[], timeZone: string): CommentForPage[] {
  return comments.map((comment) => ({
    id: comment.id,
    body: comment.body,
    authorName: comment.author.name,
    createdAt: comment.createdAt.toISOString(),
    when: formatInZone(timeZone, comment.createdAt),
    edited: comment.editedAt !== null,
    canEdit: comment.canEdit,
    canDelete: comment.canDelete,
  }));
}
