// Comments on a task: read, add, edit and delete, by any member who may see the task's project
// (viewer and up). Every statement finds the task through the acting person's membership
// (task -> project_member) in the statement itself: a task of a project they are not a
// member of is indistinguishable from a missing one. The author edits or deletes their own;
// an admin (or the owner) deletes any. A refusal is told only to someone who may see the task.
import { and, asc, eq, sql } from "drizzle-orm";
import { recordActivity } from "~/activity/record-activity.server";
import { db } from "~/db.server";
import { ownerMustExist } from "~/db/owned-rows.server";
import { qualified } from "~/db/sql";
import { projectIdsAccessibleTo } from "~/projects/project-access.server";
import { isUuid } from "~/text-rules";
import { projectMember, task, taskComment, user } from "../../db/schema";

export interface TaskComment {
  id: string;
  taskId: string;
  body: string;
  author: { id: string; name: string };
  createdAt: Date;
  /** When the author last edited it; null: never. */
  editedAt: Date | null;
  /** What the reader may do with it. */
  canEdit: boolean;
  canDelete: boolean;
}

/**
 * Raised when a member who may see the comment may not do this to it: editing another's
 * comment (`not_author`), deleting another's without being an admin (`insufficient_role`).
 */
export class CommentRefusedError extends Error {
  constructor(readonly code: "not_author" | "insufficient_role") {
    super(
      code === "not_author"
        ? "Only its author can edit a comment"
        : "Only its author or the project's admins can delete a comment",
    );
  }
}

const [taskId, taskProjectId, memberProjectId, memberUserId, memberRole] = [
  task.id,
  task.projectId,
  projectMember.projectId,
  projectMember.userId,
  projectMember.role,
].map(qualified);

/** The task `id`, when `userId` may see its project: the condition every statement here starts from. */
const visibleTask = (userId: string, id: string) =>
  sql`(select ${taskId} from ${task} where ${taskId} = ${id} and ${taskProjectId} in ${projectIdsAccessibleTo(userId, "see")})`;

/**
 * The task's comments, oldest first, with what the reader may do with each; null when the
 * task is not one they may see. One statement: the task, joined to the reader's membership
 * of its project (their role), then to its comments and their authors.
 */
export async function listTaskComments(userId: string, id: string): Promise<TaskComment[] | null> {
  if (!isUuid(id)) return null;
  const rows = await db
    .select({
      role: projectMember.role,
      id: taskComment.id,
      body: taskComment.body,
      authorId: taskComment.authorId,
      authorName: user.name,
      createdAt: taskComment.createdAt,
      editedAt: taskComment.editedAt,
    })
    .from(task)
    .innerJoin(projectMember, and(eq(projectMember.projectId, task.projectId), eq(projectMember.userId, userId)))
    .leftJoin(taskComment, eq(taskComment.taskId, task.id))
    .leftJoin(user, eq(user.id, taskComment.authorId))
    .where(eq(task.id, id))
    .orderBy(asc(taskComment.createdAt), asc(taskComment.id));
  if (rows.length === 0) return null;
  return rows.flatMap((row) =>
    row.id === null
      ? []
      : [
          {
            id: row.id,
            taskId: id,
            body: row.body!,
            author: { id: row.authorId!, name: row.authorName ?? "" },
            createdAt: row.createdAt!,
            editedAt: row.editedAt,
            canEdit: row.authorId === userId,
            canDelete: row.authorId === userId || row.role === "admin" || row.role === "owner",
          },
        ],
  );
}

/**
 * Adds a comment by `userId` to the task, with its activity, in one transaction; null when
 * the task is not one they may see (any member may comment).
 */
export async function addTaskComment(userId: string, id: string, body: string): Promise<TaskComment | null> {
  if (!isUuid(id)) return null;
  return ownerMustExist(() =>
    db.transaction(async (tx) => {
      const [added] = await tx
        .insert(taskComment)
        .select(
          tx
            .select({
              id: sql`gen_random_uuid()`.as("id"),
              taskId: task.id,
              authorId: sql`${userId}::uuid`.as("author_id"),
              body: sql`${body}`.as("body"),
              createdAt: sql`now()`.as("created_at"),
              editedAt: sql`null::timestamptz`.as("edited_at"),
            })
            .from(task)
            .where(sql`${taskId} = ${visibleTask(userId, id)}`),
        )
        .returning();
      if (!added) return null;
      const [about] = await tx
        .select({ projectId: task.projectId, title: task.title, authorName: user.name })
        .from(task)
        .innerJoin(user, eq(user.id, userId))
        .where(eq(task.id, id));
      await recordActivity(tx, {
        projectId: about!.projectId,
        actorId: userId,
        kind: "task_commented",
        taskId: id,
        taskTitle: about!.title,
      });
      return {
        id: added.id,
        taskId: id,
        body: added.body,
        author: { id: userId, name: about!.authorName },
        createdAt: added.createdAt,
        editedAt: null,
        canEdit: true,
        canDelete: true,
      };
    }),
  );
}

/**
 * Replaces the text of the person's own comment; null when the task or the comment is not
 * one they may see; CommentRefusedError("not_author") for another's comment.
 */
export async function editTaskComment(
  userId: string,
  id: string,
  commentId: string,
  body: string,
): Promise<TaskComment | null> {
  if (!isUuid(id) || !isUuid(commentId)) return null;
  const [edited] = await db
    .update(taskComment)
    .set({ body, editedAt: sql`now()` })
    .where(
      and(
        eq(taskComment.id, commentId),
        eq(taskComment.authorId, userId),
        sql`${qualified(taskComment.taskId)} = ${visibleTask(userId, id)}`,
      ),
    )
    .returning({ id: taskComment.id });
  if (!edited) return refusedOrMissing(userId, id, commentId, "not_author");
  return (await listTaskComments(userId, id))?.find((comment) => comment.id === commentId) ?? null;
}

/**
 * Deletes a comment: the author's own, or any as an admin or owner of the task's project.
 * False when the task or the comment is not one they may see; CommentRefusedError otherwise.
 */
export async function deleteTaskComment(userId: string, id: string, commentId: string): Promise<boolean> {
  if (!isUuid(id) || !isUuid(commentId)) return false;
  const adminOf = sql`(select ${memberProjectId} from ${projectMember} where ${memberUserId} = ${userId} and ${memberRole} in ('admin', 'owner'))`;
  const deleted = await db
    .delete(taskComment)
    .where(
      and(
        eq(taskComment.id, commentId),
        sql`${qualified(taskComment.taskId)} = ${visibleTask(userId, id)}`,
        sql`(${qualified(taskComment.authorId)} = ${userId} or ${qualified(taskComment.taskId)} in (select ${taskId} from ${task} where ${taskProjectId} in ${adminOf}))`,
      ),
    )
    .returning({ id: taskComment.id });
  if (deleted.length > 0) return true;
  return (await refusedOrMissing(userId, id, commentId, "insufficient_role")) ?? false;
}

/** After a write found nothing: a refusal when the person may see the comment, else "not found". */
async function refusedOrMissing(
  userId: string,
  id: string,
  commentId: string,
  code: CommentRefusedError["code"],
): Promise<null> {
  const [seen] = await db
    .select({ id: taskComment.id })
    .from(taskComment)
    .where(and(eq(taskComment.id, commentId), sql`${qualified(taskComment.taskId)} = ${visibleTask(userId, id)}`));
  if (seen) throw new CommentRefusedError(code);
  return null;
}
