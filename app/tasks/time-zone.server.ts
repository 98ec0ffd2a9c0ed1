// The account's time zone (decision 090): a column of the user table, which Better Auth owns,
// so it is written through Better Auth's adapter (as the shortcut setting is, decision 031).
import { eq } from "drizzle-orm";
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
