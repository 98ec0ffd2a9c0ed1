// Reminder rules shared by the task forms, the JSON API and the domain: what a reminder is
// ("before" the due time by an ISO 8601 duration, or "at" an instant), and how forms write it.
import { z } from "zod";
import { REMINDERS_MAX } from "../../db/values";

export { REMINDERS_MAX };

/** The longest "before": a year ahead is as far as a task's reminder sensibly reaches. */
export const BEFORE_MAX_SECONDS = 366 * 24 * 60 * 60;

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Seconds in an ISO 8601 duration of weeks, days, hours, minutes and seconds (no years or months: their length varies); null if it is not one. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match || text === "P" || text.endsWith("T")) return null;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  return (((weeks! * 7 + days!) * 24 + hours!) * 60 + minutes!) * 60 + seconds!;
}

/** The shortest ISO 8601 duration for a number of seconds: 3600 -> PT1H, 86400 -> P1D, 0 -> PT0S. */
export function formatDuration(totalSeconds: number): string {
  if (totalSeconds === 0) return "PT0S";
  const days = Math.floor(totalSeconds / 86_400);
  let rest = totalSeconds % 86_400;
  const hours = Math.floor(rest / 3600);
  rest %= 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest % 60;
  const time = `${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds ? `${seconds}S` : ""}`;
  return `P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
}

/** "1 hour before", "at the due time", "1 day 2 hours before". */
export function describeBefore(totalSeconds: number): string {
  if (totalSeconds === 0) return "at the due time";
  const parts: [number, string][] = [
    [Math.floor(totalSeconds / 86_400), "day"],
    [Math.floor((totalSeconds % 86_400) / 3600), "hour"],
    [Math.floor((totalSeconds % 3600) / 60), "minute"],
    [totalSeconds % 60, "second"],
  ];
  const words = parts
    .filter(([count]) => count > 0)
    .map(([count, unit]) => `${count} ${unit}${count === 1 ? "" : "s"}`);
  return `${words.join(" ")} before`;
}

const before = z
  .string({ error: 'before must be an ISO 8601 duration such as "PT1H" ("PT0S": at the due time)' })
  .check((context) => {
    const seconds = parseDuration(context.value);
    if (seconds === null || seconds > BEFORE_MAX_SECONDS)
      context.issues.push({
        code: "custom",
        message: `before must be an ISO 8601 duration from PT0S to P${BEFORE_MAX_SECONDS / 86_400}D in weeks, days, hours, minutes and seconds (such as "PT10M", "PT1H", "P1D")`,
        input: context.value,
      });
  })
  .transform((value) => parseDuration(value)!);

const at = z.iso
  .datetime({
    offset: true,
    error: 'at must be an RFC 3339 date and time with an offset, such as "2027-01-05T09:00:00+01:00"',
  })
  .transform((value) => new Date(value));

const ONE_KIND = 'A reminder is { "before": "PT1H" } or { "at": "2027-01-05T09:00:00+01:00" }';

/** One reminder as a client writes it: `{ "before": "PT1H" }` or `{ "at": "2027-01-05T09:00:00+01:00" }`. */
export const ReminderInputSchema = z
  .strictObject({ before: before.optional(), at: at.optional() }, { error: ONE_KIND })
  .refine((reminder) => (reminder.before === undefined) !== (reminder.at === undefined), ONE_KIND)
  .transform((reminder): ReminderInput => (reminder.at ? { at: reminder.at } : { beforeSeconds: reminder.before! }));
export type ReminderInput = { beforeSeconds: number; at?: undefined } | { at: Date; beforeSeconds?: undefined };

export const ReminderListSchema = z
  .array(ReminderInputSchema, { error: "reminders must be a list" })
  .max(REMINDERS_MAX, `A task has at most ${REMINDERS_MAX} reminders`);

/** The choices of the task form's reminder selects (values are durations; "custom" reads the minutes box). */
export const REMINDER_CHOICES = [
  { value: "", label: "No reminder" },
  { value: "PT0S", label: "At the due time" },
  { value: "PT10M", label: "10 minutes before" },
  { value: "PT1H", label: "1 hour before" },
  { value: "P1D", label: "1 day before" },
  { value: "custom", label: "Minutes before (below)" },
] as const;

/** One form slot: a choice, the minutes for "custom", or a kept `at:<ISO>` for a reminder set through the API. */
export const ReminderFormSlotSchema = z.object({
  when: z.string().max(60).optional(),
  minutes: z
    .number({ error: "Minutes must be a whole number" })
    .int("Minutes must be a whole number")
    .min(0, "Minutes must be 0 or more")
    .max(BEFORE_MAX_SECONDS / 60, "At most a year before")
    .optional(),
});
export type ReminderFormSlot = z.output<typeof ReminderFormSlotSchema>;

/** The reminders the form's slots name; a string for a slot that makes no sense. */
export function remindersFromForm(slots: readonly ReminderFormSlot[]): ReminderInput[] | string {
  const reminders: ReminderInput[] = [];
  for (const slot of slots) {
    if (!slot.when) continue;
    if (slot.when === "custom") {
      if (slot.minutes === undefined) return "Give the minutes for a custom reminder";
      reminders.push({ beforeSeconds: slot.minutes * 60 });
    } else if (slot.when.startsWith("at:")) {
      const instant = new Date(slot.when.slice(3));
      if (Number.isNaN(instant.getTime())) return "Choose a reminder from the list";
      reminders.push({ at: instant });
    } else {
      const seconds = parseDuration(slot.when);
      if (seconds === null) return "Choose a reminder from the list";
      reminders.push({ beforeSeconds: seconds });
    }
  }
  if (reminders.length > REMINDERS_MAX) return `A task has at most ${REMINDERS_MAX} reminders`;
  return reminders;
}

/** A stored reminder as pages and the API show it. */
export interface ReminderView {
  id: string;
  beforeSeconds: number | null;
  at: Date | string | null;
  sendAt: Date | string | null;
  sentAt: Date | string | null;
  status: "pending" | "sent" | "skipped";
  skipReason: string | null;
}

/** The form's slot values for stored reminders (the select's value, or the minutes for an offset not in the list). */
export function reminderFormDefaults(reminders: readonly ReminderView[]): ReminderFormSlot[] {
  return reminders.map((reminder) => {
    if (reminder.beforeSeconds === null) return { when: `at:${new Date(reminder.at!).toISOString()}` };
    const duration = formatDuration(reminder.beforeSeconds);
    if (REMINDER_CHOICES.some((choice) => choice.value === duration)) return { when: duration };
    if (reminder.beforeSeconds % 60 === 0) return { when: "custom", minutes: reminder.beforeSeconds / 60 };
    return { when: duration };
  });
}

const formHour = z
  .number({ error: "Choose an hour from the list" })
  .int("Choose an hour from the list")
  .min(0, "Choose an hour from the list")
  .max(23, "Choose an hour from the list");

/** Settings -> Reminders: the hour for dates without a time, reminder emails, the digest. */
export const ReminderSettingsFormSchema = z.object({
  reminderHour: formHour,
  remindersByMail: z.boolean().default(false),
  digestEnabled: z.boolean().default(false),
  digestHour: formHour,
});

/** 0 to 23 as "00:00" … "23:00", for the hour selects. */
export const HOUR_OPTIONS = Array.from({ length: 24 }, (_, hour) => ({
  value: String(hour),
  label: `${String(hour).padStart(2, "0")}:00`,
}));
