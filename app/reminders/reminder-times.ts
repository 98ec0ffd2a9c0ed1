// When a reminder or a digest falls: wall-clock hours in a zone become instants through
// Temporal, as due times do (decision 090).
import { Temporal } from "temporal-polyfill";

/** `date` at `hour`:00 in `timeZone` (a skipped hour moves forward, a doubled one is its first). */
export function instantAtHour(date: string, hour: number, timeZone: string): Date {
  const zoned = Temporal.PlainDate.from(date)
    .toPlainDateTime({ hour })
    .toZonedDateTime(timeZone, { disambiguation: "compatible" });
  return new Date(zoned.epochMilliseconds);
}

/** The first `hour`:00 in `timeZone` strictly after `after`: the next digest. */
export function nextHourAfter(hour: number, timeZone: string, after: Date): Date {
  let date = Temporal.Instant.fromEpochMilliseconds(after.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
  for (;;) {
    const candidate = instantAtHour(date.toString(), hour, timeZone);
    if (candidate > after) return candidate;
    date = date.add({ days: 1 });
  }
}

export interface ReminderRule {
  beforeSeconds: number | null;
  at: Date | null;
}

export interface TaskDue {
  dueDate: string | null;
  /** HH:MM; null: the whole day. */
  dueTime: string | null;
  dueAt: Date | null;
}

/**
 * When a reminder is mailed: its fixed instant, or its offset before the due time; a date
 * without a time counts from the recipient's reminder hour in their zone. Null: nothing to
 * remind of (no due date).
 */
export function reminderSendAt(
  rule: ReminderRule,
  due: TaskDue,
  recipient: { reminderHour: number; timeZone: string },
): Date | null {
  if (rule.at) return rule.at;
  if (rule.beforeSeconds === null || due.dueDate === null) return null;
  const base =
    due.dueTime !== null && due.dueAt !== null
      ? due.dueAt
      : instantAtHour(due.dueDate, recipient.reminderHour, recipient.timeZone);
  return new Date(base.getTime() - rule.beforeSeconds * 1000);
}
