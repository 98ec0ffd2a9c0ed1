// The JSON API's wire format for comments and project activity: serializers and their schemas.
import { z } from "zod";
import type { ActivityItem, ActivityPage } from "~/activity/activity.server";
import type { TaskComment } from "~/comments/comments.server";
import { ACTIVITY_KINDS } from "../../db/values";

const PersonJsonSchema = z.object({ id: z.uuid(), name: z.string() });

export const CommentJsonSchema = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  body: z.string().describe("Plain text"),
  author: PersonJsonSchema,
  createdAt: z.iso.datetime(),
  editedAt: z.iso.datetime().nullable().describe("When its author last edited it; null: never"),
  canEdit: z.boolean().describe("The caller wrote it"),
  canDelete: z.boolean().describe("The caller wrote it, or is an admin or the owner of the task's project"),
});
export type CommentJson = z.infer<typeof CommentJsonSchema>;

export const CommentListJsonSchema = z.object({
  comments: z.array(CommentJsonSchema).describe("Oldest first"),
});

export function commentJson(comment: TaskComment): CommentJson {
  return {
    id: comment.id,
    taskId: comment.taskId,
    body: comment.body,
    author: comment.author,
    createdAt: comment.createdAt.toISOString(),
    editedAt: comment.editedAt?.toISOString() ?? null,
    canEdit: comment.canEdit,
    canDelete: comment.canDelete,
  };
}

export const ActivityJsonSchema = z.object({
  id: z.string().describe("Opaque"),
  kind: z.enum(ACTIVITY_KINDS),
  createdAt: z.iso.datetime(),
  actor: PersonJsonSchema.nullable().describe("Who did it; null: an account since deleted"),
  task: z
    .object({ id: z.uuid(), title: z.string().describe("As it was then") })
    .nullable()
    .describe("The task it was about, if any (it may have been deleted since)"),
  otherProject: z
    .object({ id: z.uuid(), name: z.string() })
    .nullable()
    .describe(
      "task_moved_in/out: the project it came from or went to, only when the caller may see that one (else null: another project)",
    ),
  subject: PersonJsonSchema.nullable().describe("The member it was about (member events, assignments)"),
  details: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("task_edited: { fields }; project_renamed: { from, to }; member_role_changed: { from, to }"),
});

export const ActivityPageJsonSchema = z.object({
  activity: z.array(ActivityJsonSchema).describe("Newest first"),
  nextCursor: z.string().nullable().describe("Pass as cursor for the next (older) page; null at the end"),
});

export const ActivityRequestSchema = z.object({
  cursor: z
    .string()
    .regex(/^[0-9a-z]{1,12}$/, "cursor must be a nextCursor the API gave")
    .optional()
    .describe("nextCursor of the previous page"),
  limit: z.coerce
    .number({ error: "limit must be a whole number from 1 to 100" })
    .int("limit must be a whole number from 1 to 100")
    .min(1, "limit must be a whole number from 1 to 100")
    .max(100, "limit must be a whole number from 1 to 100")
    .default(50)
    .describe("Entries per page (1–100)"),
});

function activityJson(item: ActivityItem) {
  return {
    id: item.id.toString(36),
    kind: item.kind,
    createdAt: item.createdAt.toISOString(),
    actor: item.actor,
    task: item.task,
    otherProject: item.otherProject,
    subject: item.subject,
    details: item.details,
  };
}

export function activityPageJson(page: ActivityPage) {
  return { activity: page.items.map(activityJson), nextCursor: page.nextCursor };
}
