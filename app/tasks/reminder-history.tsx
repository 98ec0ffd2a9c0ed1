import type { ReminderView } from "~/reminders/reminder-schema";
import { describeBefore } from "~/reminders/reminder-schema";

const SKIPPED: Record<string, string> = {
  passed: "not sent: its time had passed when it was set",
  late: "not sent: more than 24 hours late (the app was not running)",
  unverified: "not sent: your email address is not confirmed",
  unsubscribed: "not sent: reminder emails are off in Settings",
};

function when(instant: string, timeZone: string) {
  return new Intl.DateTimeFormat("en", {
    timeZone,
    dateStyle: "medium",
    timeStyle: "short",
    hourCycle: "h23",
  }).format(new Date(instant));
}

/** The task's reminders and what became of each: "reminded at …", or when it will be. */
export function ReminderHistory({ reminders, timeZone }: { reminders: readonly ReminderView[]; timeZone: string }) {
  if (reminders.length === 0) return null;
  return (
    <section aria-labelledby="reminders-heading" className="space-y-2">
      <h2 id="reminders-heading" className="font-medium">
        Reminders
      </h2>
      <ul className="space-y-1 text-sm text-slate-700 dark:text-slate-300" data-testid="reminder-history">
        {reminders.map((reminder) => {
          const rule =
            reminder.beforeSeconds === null
              ? `At ${when(String(reminder.at), timeZone)}`
              : describeBefore(reminder.beforeSeconds).replace(/^./, (first) => first.toUpperCase());
          const state =
            reminder.status === "sent" && reminder.sentAt
              ? `reminded at ${when(String(reminder.sentAt), timeZone)}`
              : reminder.status === "skipped"
                ? (SKIPPED[reminder.skipReason ?? ""] ?? "not sent")
                : reminder.sendAt
                  ? `will remind at ${when(String(reminder.sendAt), timeZone)}`
                  : "waits for a due date (or the task is done)";
          return (
            <li key={reminder.id}>
              {rule}: {state}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
