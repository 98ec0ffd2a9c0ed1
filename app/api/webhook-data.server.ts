// A webhook message's `data` (decision 120): the changed entity as the API returns it, read as
// the endpoint's owner at the time of the first attempt, so it never holds more than they may
// read. A thing gone (deleted) or no longer theirs to read is told by its ids alone, which its
// event's audience (who could read it when it changed) was entitled to.
import { eq } from "drizzle-orm";
import { commentJson } from "~/api/comment-json";
import { memberJson } from "~/api/member-json";
import { projectJson } from "~/api/project-json";
import { taskJson } from "~/api/task-json";
import { listTaskComments } from "~/comments/comments.server";
import { db } from "~/db.server";
import { listProjectMembers } from "~/projects/members.server";
import { getProjectForUser } from "~/projects/projects.server";
import { getTaskForUser } from "~/tasks/tasks.server";
import type { DeliveryToDescribe } from "~/webhooks/sender.server";
import { taskComment } from "../../db/schema";

export async function describeWebhookEvent({ type, entityId, projectId, ownerId }: DeliveryToDescribe) {
  const ids = { id: entityId, projectId };
  if (!entityId) return ids;
  if (type.startsWith("task.")) {
    const task = type === "task.deleted" ? null : await getTaskForUser(ownerId, entityId);
    return task ? taskJson(task) : ids;
  }
  if (type.startsWith("project.")) {
    const project = type === "project.deleted" ? null : await getProjectForUser(ownerId, entityId);
    return project ? projectJson(project) : ids;
  }
  if (type.startsWith("comment.")) {
    const [row] = await db.select({ taskId: taskComment.taskId }).from(taskComment).where(eq(taskComment.id, entityId));
    const comment = row ? (await listTaskComments(ownerId, row.taskId))?.find((item) => item.id === entityId) : null;
    return comment ? { ...commentJson(comment), taskId: row!.taskId, projectId } : ids;
  }
  if (type.startsWith("member.")) {
    const member =
      type === "member.joined" && projectId
        ? (await listProjectMembers(ownerId, projectId))?.find((item) => item.userId === entityId)
        : null;
    return member ? { ...memberJson(member), projectId } : { userId: entityId, projectId };
  }
  return ids;
}
