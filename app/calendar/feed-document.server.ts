// A calendar feed's iCalendar document (RFC 5545, decision 119), made by ical-generator with the
// VTIMEZONE of every zone used from @touch4it/ical-timezones: each pending task with a due date
// is an event, for the whole day (a DATE) or at its time in the zone it was written in (TZID),
// repeating ones with their RRULE, the task's page in URL. Completed tasks are left out.
import { createHash } from "node:crypto";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { and, asc, eq, isNotNull, not } from "drizzle-orm";
import ical from "ical-generator";
import { Temporal } from "temporal-polyfill";
import { db } from "~/db.server";
import { appLink } from "~/mail/messages.server";
import { projectsAccessibleTo, tasksAccessibleTo } from "~/projects/project-access.server";
import { calendarRule } from "~/tasks/repeat-dates";
import { project, task } from "../../db/schema";
import type { FeedScope } from "./feeds.server";

/** At most this many events in one feed (the soonest due first). */
export const FEED_EVENTS_MAX = 5_000;

interface FeedTask {
  id: string;
  title: string;
  description: string;
  dueDate: string;
  dueTime: string | null;
  timeZone: string;
  repeatRule: string | null;
  repeatMode: "due" | "completion" | null;
  updatedAt: Date;
  projectName: string;
}

async function feedTasks({ userId, projectId }: FeedScope): Promise<FeedTask[]> {
  const scope =
    projectId === null
      ? and(tasksAccessibleTo(userId, "see"), not(project.archived))
      : and(eq(task.projectId, projectId), projectsAccessibleTo(userId, "see"));
  const rows = await db
    .select({
      id: task.id,
      title: task.title,
      description: task.description,
      dueDate: task.dueDate,
      dueTime: task.dueTime,
      timeZone: task.timeZone,
      repeatRule: task.repeatRule,
      repeatMode: task.repeatMode,
      updatedAt: task.updatedAt,
      projectName: project.name,
    })
    .from(task)
    .innerJoin(project, eq(project.id, task.projectId))
    .where(and(scope, not(task.completed), isNotNull(task.dueDate)))
    .orderBy(asc(task.dueAt), asc(task.id))
    .limit(FEED_EVENTS_MAX);
  return rows as FeedTask[];
}

/**
 * UNTIL takes the kind of DTSTART (RFC 5545 3.3.10): a date for a day's event, and for a timed
 * one the instant of the due time on that date in the task's zone, in UTC.
 */
function untilFitting(rule: string, item: FeedTask): string {
  return rule.replace(/UNTIL=(\d{8})(T\d{6}Z?)?/, (_match, date: string) => {
    if (item.dueTime === null) return `UNTIL=${date}`;
    const day = Temporal.PlainDate.from(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`);
    const instant = day
      .toPlainDateTime(Temporal.PlainTime.from(item.dueTime))
      .toZonedDateTime(item.timeZone, { disambiguation: "compatible" })
      .toInstant();
    return `UNTIL=${instant.toString().replace(/[-:]/g, "").replace(/\.\d+/, "")}`;
  });
}

export interface FeedDocument {
  body: string;
  etag: string;
}

/** The calendar's name: "Tasklane", or the project's; null when the person may no longer see it. */
async function feedName({ userId, projectId }: FeedScope): Promise<string | null> {
  if (projectId === null) return "Tasklane";
  const [row] = await db
    .select({ name: project.name })
    .from(project)
    .where(and(eq(project.id, projectId), projectsAccessibleTo(userId, "see")));
  return row ? `${row.name} · Tasklane` : null;
}

/**
 * The feed's document and its strong ETag (a hash of the bytes: the same tasks, the same tag);
 * null when its person may no longer see its project.
 */
export async function calendarFeedDocument(scope: FeedScope): Promise<FeedDocument | null> {
  const name = await feedName(scope);
  if (name === null) return null;
  const host = new URL(appLink("/")).hostname;
  const calendar = ical({ name, prodId: { company: "Tasklane", product: "Tasklane" }, ttl: 60 * 60 });
  // No calendar-wide zone (its name empty): only the events' zones, each with its VTIMEZONE,
  // and DTSTAMP stays in UTC.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  for (const item of await feedTasks(scope)) {
    const timed = item.dueTime !== null;
    const event = calendar.createEvent({
      id: `${item.id}@${host}`,
      start: timed
        ? Temporal.PlainDateTime.from(`${item.dueDate}T${item.dueTime}`)
        : Temporal.PlainDate.from(item.dueDate),
      allDay: !timed,
      ...(timed && { timezone: item.timeZone }),
      summary: item.title,
      description: item.description || null,
      url: appLink(`/tasks/${item.id}`),
      stamp: item.updatedAt,
      lastModified: item.updatedAt,
      categories: [{ name: item.projectName }],
    });
    if (item.repeatRule && item.repeatMode)
      event.repeating(untilFitting(calendarRule({ rule: item.repeatRule, mode: item.repeatMode }, item.dueDate), item));
  }
  const body = calendar.toString();
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"` };
}
