// The event log (decision 108): what other features import (the face). Events are written by
// database triggers (migration 0023) in the transaction of every change to a project, task (its
// steps), comment, membership or label, and numbered at its commit; nothing here writes one.
// Readers take them in id order from a cursor: a reader that has seen an id has seen every
// smaller one. `audience` is who could read the changed thing when it changed.
import { and, asc, gt, lt, sql } from "drizzle-orm";
import { config } from "~/config.server";
import { type Database, db } from "~/db.server";
import { now } from "~/clock.server";
import { event } from "../../db/schema";
import { EVENT_KINDS, type EventKind } from "../../db/values";

export { EVENT_KINDS, type EventKind };

/** The PostgreSQL channel the commit of every change with events notifies (PGlite: in-process). */
export const EVENTS_CHANNEL = "tasklane_events";

/** An event as stored: ids and a version, never titles, bodies or addresses. */
export interface StoredEvent {
  id: number;
  kind: EventKind;
  /** The project it happened in; null for a label. */
  projectId: string | null;
  /** The person it concerns: a label's owner, a membership's member. */
  userId: string | null;
  /** The changed thing's id (a member: their user id). */
  entityId: string;
  /** Its updated_at after the change (a task's ETag comes from it); null when deleted or unversioned. */
  version: Date | null;
  /** Who could read it when it happened. */
  audience: string[];
  createdAt: Date;
}

const columns = {
  id: sql<number>`${event.id}`.mapWith(Number),
  kind: event.kind,
  projectId: event.projectId,
  userId: event.userId,
  entityId: event.entityId,
  version: event.version,
  audience: event.audience,
  createdAt: event.createdAt,
};

/** Every event after `after`, oldest first, at most `limit`: the fan-out's and a delivery job's read. */
export async function eventsAfter(after: number, limit = 500, executor: Pick<Database, "select"> = db) {
  const rows = await executor
    .select(columns)
    .from(event)
    .where(gt(event.id, after))
    .orderBy(asc(event.id))
    .limit(limit);
  return rows as StoredEvent[];
}

/** The newest event's id (0: none yet): where a new stream starts. */
export async function latestEventId(executor: Pick<Database, "select"> = db): Promise<number> {
  const [row] = await executor.select({ id: sql<string | null>`max(${event.id})::text` }).from(event);
  return Number(row?.id ?? 0);
}

/**
 * What `userId` could read after `after`, oldest first, at most `limit`; `reset` when events
 * after `after` have been swept (the client must refetch what it shows, then follow from `latest`).
 */
export async function eventsVisibleTo(
  userId: string,
  after: number,
  limit = 100,
): Promise<{ events: StoredEvent[]; reset: boolean; latest: number }> {
  const [bounds] = await db
    .select({ oldest: sql<string | null>`min(${event.id})::text`, latest: sql<string | null>`max(${event.id})::text` })
    .from(event);
  const oldest = Number(bounds?.oldest ?? 0);
  const latest = Number(bounds?.latest ?? 0);
  // The sweep keeps the newest event, so `oldest` is where the log begins; ids skipped by a
  // failed commit are not told from swept ones, and only cost a needless refetch.
  if (after > 0 && after < oldest - 1) return { events: [], reset: true, latest };
  const rows = await db
    .select(columns)
    .from(event)
    .where(and(gt(event.id, after), sql`${event.audience} @> array[${userId}]::uuid[]`))
    .orderBy(asc(event.id))
    .limit(limit);
  return { events: rows as StoredEvent[], reset: false, latest };
}

/** Deletes the events older than EVENT_RETENTION_DAYS, always keeping the newest (where the log begins). */
export async function sweepEvents(at: Date = now()): Promise<number> {
  const cutoff = new Date(at.getTime() - config.EVENT_RETENTION_DAYS * 86_400_000);
  const gone = await db
    .delete(event)
    .where(and(lt(event.createdAt, cutoff), sql`${event.id} < (select max(id) from ${event})`))
    .returning({ id: event.id });
  return gone.length;
}
