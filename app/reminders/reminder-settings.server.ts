// A person's reminder settings (decision 106): the hour for dates without a time, whether
// reminders are mailed, and the daily digest. No row means the defaults.
import { eq } from "drizzle-orm";
import { now } from "~/clock.server";
import { FOREIGN_KEY_VIOLATION, hasErrorCode } from "~/database-errors.server";
import { type Database, db } from "~/db.server";
import { reminderSettings, user } from "../../db/schema";
import { nextHourAfter } from "./reminder-times";
import { DEFAULT_REMINDER_HOUR, rescheduleDateOnlyReminders } from "./task-reminders.server";

export const DEFAULT_DIGEST_HOUR = 7;

export interface ReminderSettings {
  reminderHour: number;
  remindersByMail: boolean;
  digest: { enabled: boolean; hour: number };
}

export type ReminderSettingsChange = Partial<Omit<ReminderSettings, "digest">> & {
  digest?: Partial<ReminderSettings["digest"]>;
};

export async function getReminderSettings(userId: string): Promise<ReminderSettings> {
  const [row] = await db.select().from(reminderSettings).where(eq(reminderSettings.userId, userId));
  return {
    reminderHour: row?.reminderHour ?? DEFAULT_REMINDER_HOUR,
    remindersByMail: row?.remindersByMail ?? true,
    digest: { enabled: row?.digestEnabled ?? false, hour: row?.digestHour ?? DEFAULT_DIGEST_HOUR },
  };
}

type Executor = Pick<Database, "select" | "selectDistinct" | "update" | "delete" | "insert">;

/**
 * Saves what changed; a new reminder hour reschedules the person's date-only reminders, and
 * the digest's next instant follows its hour (and the account's zone) from now.
 */
export async function updateReminderSettings(
  userId: string,
  change: ReminderSettingsChange,
): Promise<ReminderSettings> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(reminderSettings).where(eq(reminderSettings.userId, userId)).for("update");
    const next = {
      reminderHour: change.reminderHour ?? row?.reminderHour ?? DEFAULT_REMINDER_HOUR,
      remindersByMail: change.remindersByMail ?? row?.remindersByMail ?? true,
      digestEnabled: change.digest?.enabled ?? row?.digestEnabled ?? false,
      digestHour: change.digest?.hour ?? row?.digestHour ?? DEFAULT_DIGEST_HOUR,
    };
    const values = { ...next, digestNextAt: await nextDigestAt(tx, userId, next) };
    await tx
      .insert(reminderSettings)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: reminderSettings.userId, set: values });
    if (next.reminderHour !== (row?.reminderHour ?? DEFAULT_REMINDER_HOUR))
      await rescheduleDateOnlyReminders(tx, userId);
  });
  return getReminderSettings(userId);
}

async function nextDigestAt(
  executor: Pick<Database, "select">,
  userId: string,
  settings: { digestEnabled: boolean; digestHour: number },
): Promise<Date | null> {
  if (!settings.digestEnabled) return null;
  const [row] = await executor.select({ timeZone: user.timeZone }).from(user).where(eq(user.id, userId));
  return nextHourAfter(settings.digestHour, row?.timeZone ?? "UTC", now());
}

/** After the account's zone changed: date-only reminders and the digest follow the new zone. */
export async function accountZoneChanged(userId: string, executor: Executor = db): Promise<void> {
  const [row] = await executor.select().from(reminderSettings).where(eq(reminderSettings.userId, userId));
  if (row?.digestEnabled)
    await executor
      .update(reminderSettings)
      .set({ digestNextAt: await nextDigestAt(executor, userId, row) })
      .where(eq(reminderSettings.userId, userId));
  await rescheduleDateOnlyReminders(executor, userId);
}

/** The unsubscribe link's two kinds of mail. */
export type MailKind = "reminders" | "digest";

/** Turns one kind of mail off (the unsubscribe page and the one-click POST). */
export async function turnOffMail(userId: string, kind: MailKind): Promise<void> {
  const set = kind === "reminders" ? { remindersByMail: false } : { digestEnabled: false, digestNextAt: null };
  try {
    await db
      .insert(reminderSettings)
      .values({ userId, ...set })
      .onConflictDoUpdate({ target: reminderSettings.userId, set });
  } catch (error) {
    // The account is gone: it gets no mail anyway.
    if (!hasErrorCode(error, FOREIGN_KEY_VIOLATION)) throw error;
  }
}
