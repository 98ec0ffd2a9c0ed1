// Recording a project's activity (decision 112): the one helper every domain function records a
// change with, in the change's own transaction (what other features import: the face), and
// how a task write's before and after become entries.
import { type Placeholder, type SQL, sql } from "drizzle-orm";
import type { WithSubquery } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { type Database, db } from "~/db.server";
import type { ActivityKind } from "../../db/values";
import { projectActivity } from "../../db/schema";

/** One change to record: the project it happened in, who did it, what, and what it was about. */
export interface ActivityEntry {
  projectId: string | SQL;
  actorId: string;
  kind: ActivityKind;
  taskId?: string | null;
  taskTitle?: string | null;
  otherProjectId?: string | null;
  subjectUserId?: string | null;
  details?: Record<string, unknown> | null;
}

/**
 * Records `entries` with one INSERT (a bulk change: one multi-row INSERT), on `executor`: the
 * transaction that makes the change, so the activity and the change commit or fail together.
 */
export async function recordActivity(
  executor: Pick<Database, "insert">,
  entries: ActivityEntry | readonly ActivityEntry[],
): Promise<void> {
  const rows = Array.isArray(entries) ? entries : [entries as ActivityEntry];
  if (rows.length === 0) return;
  await executor.insert(projectActivity).values(
    rows.map((entry) => ({
      projectId: entry.projectId,
      actorId: entry.actorId,
      kind: entry.kind,
      taskId: entry.taskId ?? null,
      taskTitle: entry.taskTitle ?? null,
      otherProjectId: entry.otherProjectId ?? null,
      subjectUserId: entry.subjectUserId ?? null,
      details: entry.details ?? null,
    })),
  );
}

/**
 * The hot paths' form of recordActivity: one entry of `kind` for each task a statement writes
 * (`written`, a CTE of that INSERT or UPDATE … RETURNING), as a second CTE of the same
 * statement. One statement is its own transaction, so a create or a plain edit stays one round
 * trip (decision 112).
 */
export function recordTaskEntries(
  written: WithSubquery<string, Record<"id" | "projectId" | "title", unknown>>,
  actorId: string | SQL | Placeholder,
  kind: ActivityKind,
  details: Record<string, unknown> | null = null,
) {
  const rows = written as unknown as Record<"id" | "projectId" | "title", AnyPgColumn>;
  // Written out: drizzle's INSERT … SELECT names the identity column too.
  return db
    .$with("recorded", { id: sql<number>`id` })
    .as(
      sql`insert into ${projectActivity} (project_id, actor_id, kind, task_id, task_title, details) select ${rows.projectId}, ${actorId}::uuid, ${kind}, ${rows.id}, ${rows.title}, ${details === null ? null : JSON.stringify(details)}::jsonb from ${written} returning id`,
    );
}

/** The activity entries of one task write: what changed, judged by the row before and after. */
export function taskChangeActivity(
  actorId: string,
  before: { projectId: string; completed: boolean },
  after: { id: string; projectId: string; title: string; completed: boolean },
  edited: readonly string[],
): ActivityEntry[] {
  const about = { actorId, taskId: after.id, taskTitle: after.title };
  const entries: ActivityEntry[] = [];
  if (before.projectId !== after.projectId) {
    entries.push(
      { ...about, projectId: before.projectId, kind: "task_moved_out", otherProjectId: after.projectId },
      { ...about, projectId: after.projectId, kind: "task_moved_in", otherProjectId: before.projectId },
    );
  }
  if (before.completed !== after.completed)
    entries.push({ ...about, projectId: after.projectId, kind: after.completed ? "task_completed" : "task_reopened" });
  if (edited.length > 0)
    entries.push({ ...about, projectId: after.projectId, kind: "task_edited", details: { fields: [...edited] } });
  return entries;
}

/** What a task write changed besides its project and completion (activity's "edited"), by field name. */
export function editedFields(changes: object): string[] {
  return Object.entries(changes)
    .filter(([name, value]) => value !== undefined && name !== "projectId" && name !== "completed")
    .map(([name]) => name);
}
