// A project's activity as its members read it (decision 112), a page at a time, newest first.
// Rows are found through the reader's membership in the statement itself; another project a
// task moved to or from is named only to those who may see it.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "~/db.server";
import { qualified } from "~/db/sql";
import { projectIdsAccessibleTo, projectsAccessibleTo } from "~/projects/project-access.server";
import { isUuid } from "~/text-rules";
import type { ActivityKind } from "../../db/values";
import { project, projectActivity, user } from "../../db/schema";

/** One entry as a reader sees it. */
export interface ActivityItem {
  id: number;
  kind: ActivityKind;
  createdAt: Date;
  actor: { id: string; name: string } | null;
  task: { id: string; title: string } | null;
  /** The other project of a move, or null: none, or one the reader may not see ("another project"). */
  otherProject: { id: string; name: string } | null;
  subject: { id: string; name: string } | null;
  details: Record<string, unknown> | null;
}

export interface ActivityPage {
  items: ActivityItem[];
  /** Where the next (older) page starts, or null at the end. */
  nextCursor: string | null;
}

export const ACTIVITY_PAGE_DEFAULT = 50;

/** A cursor is an activity id, opaque to clients (base-36 text); anything else is no cursor. */
export function parseActivityCursor(cursor: string | null | undefined): number | null {
  if (!cursor || !/^[0-9a-z]{1,12}$/.test(cursor)) return null;
  const id = Number.parseInt(cursor, 36);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

const actor = alias(user, "activity_actor");
const subject = alias(user, "activity_subject");
const other = alias(project, "activity_other_project");

/**
 * A page of the project's activity, newest first, older than `cursor`; null when the person
 * may not see the project (the same as a missing one). The entries are found through the
 * reader's membership in the statement itself; only an empty page asks whether the project is
 * one they may see at all.
 */
export async function listProjectActivity(
  userId: string,
  projectId: string,
  { cursor = null, limit = ACTIVITY_PAGE_DEFAULT }: { cursor?: number | null; limit?: number } = {},
): Promise<ActivityPage | null> {
  if (!isUuid(projectId)) return null;
  const found = await db
    .select({
      id: projectActivity.id,
      kind: projectActivity.kind,
      createdAt: projectActivity.createdAt,
      actorId: actor.id,
      actorName: actor.name,
      taskId: projectActivity.taskId,
      taskTitle: projectActivity.taskTitle,
      subjectId: subject.id,
      subjectName: subject.name,
      // Only a project the reader may see too; any other is "another project".
      otherId: other.id,
      otherName: other.name,
      details: projectActivity.details,
    })
    .from(projectActivity)
    .leftJoin(actor, eq(actor.id, projectActivity.actorId))
    .leftJoin(subject, eq(subject.id, projectActivity.subjectUserId))
    .leftJoin(
      other,
      and(
        eq(other.id, projectActivity.otherProjectId),
        sql`${qualified(other.id)} in ${projectIdsAccessibleTo(userId, "see")}`,
      ),
    )
    .where(
      and(
        eq(projectActivity.projectId, projectId),
        sql`${qualified(projectActivity.projectId)} in ${projectIdsAccessibleTo(userId, "see")}`,
        cursor === null ? undefined : lt(projectActivity.id, cursor),
      ),
    )
    .orderBy(desc(projectActivity.id))
    .limit(limit + 1);
  if (found.length === 0 && !(await maySeeProject(userId, projectId))) return null;
  const page = found.slice(0, limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      kind: row.kind,
      createdAt: row.createdAt,
      actor: row.actorId && row.actorName !== null ? { id: row.actorId, name: row.actorName } : null,
      task: row.taskId ? { id: row.taskId, title: row.taskTitle ?? "" } : null,
      otherProject: row.otherId && row.otherName !== null ? { id: row.otherId, name: row.otherName } : null,
      subject: row.subjectId && row.subjectName !== null ? { id: row.subjectId, name: row.subjectName } : null,
      details: row.details ?? null,
    })),
    nextCursor: found.length > limit ? page.at(-1)!.id.toString(36) : null,
  };
}

async function maySeeProject(userId: string, projectId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: project.id })
    .from(project)
    .where(and(eq(project.id, projectId), projectsAccessibleTo(userId, "see")));
  return row !== undefined;
}
