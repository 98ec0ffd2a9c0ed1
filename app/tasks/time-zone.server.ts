// The account's time zone (decision 090): a column of the user table, which Better Auth owns,
// so it is written through Better Auth's adapter (as the shortcut setting is, decision 031).
import { auth } from "~/auth/auth.server";

/** Saves the zone every device of the person reads "today" and due times in (a canonical IANA name). */
export async function setAccountTimeZone(userId: string, timeZone: string): Promise<void> {
  const { internalAdapter } = await auth.$context;
  await internalAdapter.updateUser(userId, { timeZone });
}
