// The account's time zone (decision 090): a column of the user table, which Better Auth owns,
// so it is written through Better Auth's adapter (as the shortcut setting is, decision 031).
import { and, eq, isNull } from "drizzle-orm";
import { auth } from "~/auth/auth.server";
import { db } from "~/db.server";
import { accountZoneChanged } from "~/reminders/reminder-settings.server";
import { user } from "../../db/schema";
import { DEFAULT_TIME_ZONE } from "./time-zone";

/** The zone the account reads its dates in (UTC until one is set). */
export async function getAccountTimeZone(userId: string): Promise<string> {
  const [row] = await db.select({ timeZone: user.timeZone }).from(user).where(eq(user.id, userId));
  return row?.timeZone ?? DEFAULT_TIME_ZONE;
}

/** Saves the zone every device of the person reads "today" and due times in (a canonical IANA name). */
export async function setAccountTimeZone(userId: string, timeZone: string): Promise<void> {
  const { internalAdapter } = await auth.$context;
  await internalAdapter.updateUser(userId, { timeZone });
  await accountZoneChanged(userId);
}

/**
 * A zone the browser detected fills the setting only while the account has never had one, in
 * one statement: a zone the person chose (in the select, or another tab) before this request
 * arrives is never replaced. Returns the account's zone afterwards. Written here, not through
 * Better Auth's adapter, because the adapter's update has no condition (nothing caches the
 * user row: decision 090, no cookie cache).
 */
export async function fillAccountTimeZone(userId: string, timeZone: string): Promise<string> {
  const [filled] = await db
    .update(user)
    .set({ timeZone, updatedAt: new Date() })
    .where(and(eq(user.id, userId), isNull(user.timeZone)))
    .returning({ timeZone: user.timeZone });
  return filled?.timeZone ?? getAccountTimeZone(userId);
}
