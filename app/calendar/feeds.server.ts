// Secret calendar feed URLs (decision 119): one per person (every task they see) and one per
// person and project (that project's tasks, members only). The secret in the URL is an HMAC of
// the feed's id and its nonce under a key derived from BETTER_AUTH_SECRET, so the table holds no
// working URL; a new nonce rotates the URL and deleting the row revokes it, both at once.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { appLink } from "~/mail/messages.server";
import { projectsAccessibleTo } from "~/projects/project-access.server";
import { isUuid } from "~/text-rules";
import { calendarFeed, project } from "../../db/schema";

let key: Buffer | null = null;
function feedKey(): Buffer {
  key ??= Buffer.from(hkdfSync("sha256", config.BETTER_AUTH_SECRET, "", "tasklane calendar feeds", 32));
  return key;
}

const secretOf = (id: string, nonce: string) =>
  createHmac("sha256", feedKey()).update(`${id}.${nonce}`).digest("base64url");

/** The two addresses of a feed: https (or http) for a browser or a copy, webcal:// for a calendar app. */
export interface FeedUrls {
  url: string;
  webcalUrl: string;
}

function urlsOf(id: string, nonce: string): FeedUrls {
  const url = appLink(`/calendar/${id}/${secretOf(id, nonce)}.ics`);
  return { url, webcalUrl: url.replace(/^https?:/, "webcal:") };
}

/** Whose feed: the person's own (`projectId` null) or their feed of one project. */
export interface FeedScope {
  userId: string;
  projectId: string | null;
}

const scopeCondition = ({ userId, projectId }: FeedScope) =>
  and(
    eq(calendarFeed.userId, userId),
    projectId === null ? isNull(calendarFeed.projectId) : eq(calendarFeed.projectId, projectId),
  );

/**
 * The project's id when the person may see it (any member), else null: the answer a missing
 * project gets. Archived projects keep their feeds (the feed reads nothing of an archived one).
 */
async function visibleProject(userId: string, projectId: string): Promise<boolean> {
  if (!isUuid(projectId)) return false;
  const [row] = await db
    .select({ id: project.id })
    .from(project)
    .where(and(eq(project.id, projectId), projectsAccessibleTo(userId, "see")));
  return row !== undefined;
}

export class FeedProjectNotFoundError extends Error {
  constructor() {
    super("No such project");
  }
}

/** The feed's URLs, or null when the person has none (or may not see the project: then it throws). */
export async function getCalendarFeed(scope: FeedScope): Promise<FeedUrls | null> {
  if (scope.projectId !== null && !(await visibleProject(scope.userId, scope.projectId)))
    throw new FeedProjectNotFoundError();
  const [row] = await db
    .select({ id: calendarFeed.id, nonce: calendarFeed.nonce })
    .from(calendarFeed)
    .where(scopeCondition(scope));
  return row ? urlsOf(row.id, row.nonce) : null;
}

/**
 * Makes the feed, or gives the one there is a new secret (the old URL stops at once). The
 * project's membership is the foreign key's: a non-member's insert is refused by the database
 * too, but the check before it gives the 404 of a missing project.
 */
export async function rotateCalendarFeed(scope: FeedScope): Promise<FeedUrls> {
  if (scope.projectId !== null && !(await visibleProject(scope.userId, scope.projectId)))
    throw new FeedProjectNotFoundError();
  const nonce = randomBytes(16).toString("base64url");
  const [updated] = await db
    .update(calendarFeed)
    .set({ nonce })
    .where(scopeCondition(scope))
    .returning({ id: calendarFeed.id });
  if (updated) return urlsOf(updated.id, nonce);
  const [inserted] = await db
    .insert(calendarFeed)
    .values({ userId: scope.userId, projectId: scope.projectId, nonce })
    .onConflictDoNothing()
    .returning({ id: calendarFeed.id });
  // Two requests at once: the other made it; this one's rotation wins.
  if (!inserted) return rotateCalendarFeed(scope);
  return urlsOf(inserted.id, nonce);
}

/** Turns the feed off: its URL is a 404 from now on. True when there was one. */
export async function revokeCalendarFeed(scope: FeedScope): Promise<boolean> {
  if (scope.projectId !== null && !(await visibleProject(scope.userId, scope.projectId)))
    throw new FeedProjectNotFoundError();
  const deleted = await db.delete(calendarFeed).where(scopeCondition(scope)).returning({ id: calendarFeed.id });
  return deleted.length > 0;
}

/** The feed a URL names, when its secret is the current one; null for anything else. */
export async function feedForUrl(id: string, secret: string): Promise<FeedScope | null> {
  if (!isUuid(id) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  const [row] = await db
    .select({ userId: calendarFeed.userId, projectId: calendarFeed.projectId, nonce: calendarFeed.nonce })
    .from(calendarFeed)
    .where(eq(calendarFeed.id, id));
  if (!row) return null;
  const expected = Buffer.from(secretOf(id, row.nonce));
  const given = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId: row.userId, projectId: row.projectId };
}
