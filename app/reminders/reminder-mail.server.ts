// The reminder and digest messages: plain text and HTML through the app's one composer, each
// with the link (and List-Unsubscribe headers) that turns its kind of mail off.
import { appLink, compose, hello } from "~/mail/messages.server";
import type { OutgoingMail } from "~/mail/outbox.server";
import { unsubscribeLink } from "./unsubscribe.server";

const HOUR = 60 * 60 * 1000;
/** A reminder is not worth retrying once the day it was for has passed. */
const REMINDER_LIFETIME_MS = 24 * HOUR;

/** "Tue, Jan 5, 2027, 09:00 (Europe/Berlin)": the reader's zone, a fixed locale. */
export function formatInstant(instant: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat("en", {
    timeZone,
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
  return `${text} (${timeZone})`;
}

interface Recipient {
  id: string;
  name: string;
  email: string;
  timeZone: string;
}

export function reminderMail(
  recipient: Recipient,
  task: { id: string; title: string; dueText: string | null },
  reminder: { sendAt: Date; lateBy: number },
): OutgoingMail {
  const lines = [
    task.dueText ? `Reminder: “${task.title}” is due ${task.dueText}.` : `Reminder: “${task.title}”.`,
    // A reminder sent after a pause (the app was down) says when it was meant to arrive.
    ...(reminder.lateBy >= 60_000
      ? [
          `This reminder was due at ${formatInstant(reminder.sendAt, recipient.timeZone)}; it is late because Tasklane was not running then.`,
        ]
      : []),
  ];
  return compose({
    to: recipient.email,
    subject: `Reminder: ${task.title.slice(0, 150)}`,
    greeting: hello(recipient.name),
    lines,
    link: { href: appLink(`/tasks/${task.id}`), label: "Open the task" },
    notYou: "You get this because you set a reminder on this task.",
    lifetimeMs: REMINDER_LIFETIME_MS,
    unsubscribe: { href: unsubscribeLink(recipient.id, "reminders"), label: "Turn off reminder emails" },
  });
}

export interface DigestTask {
  title: string;
  dueText: string;
  overdue: boolean;
}

export function digestMail(recipient: Recipient, date: string, tasks: readonly DigestTask[]): OutgoingMail {
  const overdue = tasks.filter((task) => task.overdue);
  const today = tasks.filter((task) => !task.overdue);
  const list = (heading: string, items: readonly DigestTask[]) =>
    items.length === 0 ? [] : [`${heading}: ${items.map((task) => `“${task.title}” (${task.dueText})`).join("; ")}`];
  return compose({
    to: recipient.email,
    subject: `Your tasks for ${date}: ${today.length} due today, ${overdue.length} overdue`,
    greeting: hello(recipient.name),
    lines: [...list("Overdue", overdue), ...list("Due today", today)],
    link: { href: appLink("/today"), label: "Open Today" },
    notYou: "You get this daily digest because you turned it on in your settings.",
    lifetimeMs: 12 * HOUR,
    unsubscribe: { href: unsubscribeLink(recipient.id, "digest"), label: "Turn off the daily digest" },
  });
}
