// The reminder scheduler (decision 106): a loop in every process that claims due reminders and
// digests with FOR UPDATE SKIP LOCKED and, in the same transaction, queues their mail in the
// outbox (decision 013) and marks them sent. Processes agree through the database alone; the
// embedded database runs the same loop in its one process.
import { setTimeout as sleep } from "node:timers/promises";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { now } from "~/clock.server";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { logger } from "~/logger.server";
import { enqueueMail, wakeMailSenders } from "~/mail/outbox.server";
import { projectsAccessibleTo } from "~/projects/project-access.server";
import { qualified } from "~/db/sql";
import { project, projectMember, reminderSettings, task, taskReminder, user } from "../../db/schema";
import { digestTaskCondition, reminderRecipient } from "./recipient.server";
import { type DigestTask, digestMail, formatInstant, reminderMail } from "./reminder-mail.server";
import { nextHourAfter } from "./reminder-times";

/** Later than this (the app was down), a reminder or a digest is skipped with a log line. */
export const LATEST_DELIVERY_MS = 24 * 60 * 60 * 1000;

const dayFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const formatDay = (date: string) => dayFormat.format(new Date(`${date}T00:00:00Z`));
const dateIn = (timeZone: string, instant: Date) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(instant);

function dueText(due: { dueDate: string | null; dueTime: string | null; dueAt: Date | null }, timeZone: string) {
  if (due.dueDate === null) return null;
  if (due.dueTime === null || due.dueAt === null) return `on ${formatDay(due.dueDate)}`;
  return `at ${formatInstant(due.dueAt, timeZone)}`;
}

/**
 * Mails the reminders due at `current` (up to `limit` per transaction, until none is left).
 * Returns how many were queued. Each is queued and marked sent in one transaction: no two
 * processes send one, and a crash sends it never or once more at most (the outbox's resend).
 */
export async function sendDueReminders(current: Date = now(), limit = 50): Promise<number> {
  let queued = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const due = await tx
        .select({
          id: taskReminder.id,
          setBy: taskReminder.setBy,
          sendAt: taskReminder.sendAt,
          taskId: task.id,
          assigneeId: task.assigneeId,
          // The recipient may still see the task (the writes that end that cancel it; this is the last guard).
          reachable: sql<boolean>`exists (select 1 from ${projectMember} where ${qualified(projectMember.projectId)} = ${qualified(task.projectId)} and ${qualified(projectMember.userId)} = coalesce(${qualified(task.assigneeId)}, ${qualified(taskReminder.setBy)}))`,
          title: task.title,
          dueDate: task.dueDate,
          dueTime: sql<string | null>`to_char(${task.dueTime}, 'HH24:MI')`,
          dueAt: task.dueAt,
        })
        .from(taskReminder)
        .innerJoin(task, eq(task.id, taskReminder.taskId))
        .where(
          and(
            eq(taskReminder.status, "pending"),
            lte(taskReminder.sendAt, current),
            // Whatever path completed it: a done task reminds of nothing.
            eq(task.completed, false),
          ),
        )
        .orderBy(asc(taskReminder.sendAt))
        .limit(limit)
        .for("update", { of: taskReminder, skipLocked: true });
      if (due.length === 0) return { claimed: 0, queued: 0 };
      const recipientIds = [...new Set(due.map((row) => reminderRecipient(row, row)))];
      const people = await tx
        .select({
          id: user.id,
          name: user.name,
          email: user.email,
          emailVerified: user.emailVerified,
          timeZone: user.timeZone,
          remindersByMail: reminderSettings.remindersByMail,
        })
        .from(user)
        .leftJoin(reminderSettings, eq(reminderSettings.userId, user.id))
        .where(inArray(user.id, recipientIds));
      const byId = new Map(people.map((person) => [person.id, person]));
      let sent = 0;
      for (const row of due) {
        const person = byId.get(reminderRecipient(row, row));
        const lateBy = current.getTime() - row.sendAt!.getTime();
        const skip = (reason: "late" | "unverified" | "unsubscribed") =>
          tx.update(taskReminder).set({ status: "skipped", skipReason: reason }).where(eq(taskReminder.id, row.id));
        if (!row.reachable) {
          await tx.delete(taskReminder).where(eq(taskReminder.id, row.id));
        } else if (lateBy > LATEST_DELIVERY_MS) {
          logger.warn(
            { reminderId: row.id, taskId: row.taskId, sendAt: row.sendAt, lateMinutes: Math.round(lateBy / 60_000) },
            "reminder skipped: more than 24 hours late (the app was not running at its time)",
          );
          await skip("late");
        } else if (!person || !person.emailVerified) {
          await skip("unverified");
        } else if (person.remindersByMail === false) {
          await skip("unsubscribed");
        } else {
          const timeZone = person.timeZone ?? "UTC";
          await enqueueMail(
            reminderMail(
              { id: person.id, name: person.name, email: person.email, timeZone },
              { id: row.taskId, title: row.title, dueText: dueText(row, timeZone) },
              { sendAt: row.sendAt!, lateBy },
            ),
            tx,
          );
          await tx
            .update(taskReminder)
            .set({ status: "sent", sentAt: current, skipReason: null })
            .where(eq(taskReminder.id, row.id));
          sent += 1;
        }
      }
      return { claimed: due.length, queued: sent };
    });
    queued += batch.queued;
    if (batch.queued > 0) wakeMailSenders();
    if (batch.claimed < limit) return queued;
  }
}

/** The digest's tasks for `person` on `date` in `timeZone`: pending, due that day or before. */
async function digestTasks(
  executor: Pick<typeof db, "select">,
  person: string,
  timeZone: string,
  date: string,
): Promise<DigestTask[]> {
  const day = sql<string>`(case when ${task.dueTime} is null then ${task.dueDate} else (${task.dueAt} at time zone ${timeZone})::date end)::text`;
  const rows = await executor
    .select({
      title: task.title,
      dueDate: task.dueDate,
      dueTime: sql<string | null>`to_char(${task.dueTime}, 'HH24:MI')`,
      dueAt: task.dueAt,
      day,
    })
    .from(task)
    .innerJoin(project, eq(project.id, task.projectId))
    .where(
      and(
        projectsAccessibleTo(person, "see"),
        digestTaskCondition(person),
        eq(project.archived, false),
        eq(task.completed, false),
        sql`${task.dueDate} is not null`,
        sql`${day} <= ${date}`,
      ),
    )
    .orderBy(day, task.dueAt)
    .limit(100);
  return rows.map((row) => ({
    title: row.title,
    dueText: dueText(row, timeZone)!,
    overdue: row.day < date,
  }));
}

/** Mails the digests due at `current`; returns how many were queued (an empty one is not sent). */
export async function sendDueDigests(current: Date = now(), limit = 20): Promise<number> {
  let queued = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const due = await tx
        .select({
          userId: reminderSettings.userId,
          hour: reminderSettings.digestHour,
          nextAt: reminderSettings.digestNextAt,
          name: user.name,
          email: user.email,
          emailVerified: user.emailVerified,
          timeZone: user.timeZone,
        })
        .from(reminderSettings)
        .innerJoin(user, eq(user.id, reminderSettings.userId))
        .where(and(eq(reminderSettings.digestEnabled, true), lte(reminderSettings.digestNextAt, current)))
        .orderBy(asc(reminderSettings.digestNextAt))
        .limit(limit)
        .for("update", { of: reminderSettings, skipLocked: true });
      let sent = 0;
      for (const row of due) {
        const timeZone = row.timeZone ?? "UTC";
        const lateBy = current.getTime() - row.nextAt!.getTime();
        let sentAt: Date | undefined;
        if (lateBy > LATEST_DELIVERY_MS) {
          logger.warn(
            { userId: row.userId, dueAt: row.nextAt, lateMinutes: Math.round(lateBy / 60_000) },
            "digest skipped: more than 24 hours late (the app was not running at its time)",
          );
        } else if (row.emailVerified) {
          const date = dateIn(timeZone, row.nextAt!);
          const tasks = await digestTasks(tx, row.userId, timeZone, date);
          if (tasks.length > 0) {
            await enqueueMail(
              digestMail({ id: row.userId, name: row.name, email: row.email, timeZone }, date, tasks),
              tx,
            );
            sentAt = current;
            sent += 1;
          }
        }
        await tx
          .update(reminderSettings)
          .set({
            digestNextAt: nextHourAfter(row.hour, timeZone, current),
            ...(sentAt ? { digestSentAt: sentAt } : {}),
          })
          .where(eq(reminderSettings.userId, row.userId));
      }
      return { claimed: due.length, queued: sent };
    });
    queued += batch.queued;
    if (batch.queued > 0) wakeMailSenders();
    if (batch.claimed < limit) return queued;
  }
}

export interface ReminderScheduler {
  /** Look now (tests, and a reminder set close to its time). */
  wake(): void;
  /** Finishes the round in hand (5 s at most), then stops. */
  stop(): Promise<void>;
}

/** Every `pollIntervalMs`, the due reminders, then the due digests, at `clock()`. */
export function startReminderScheduler({
  pollIntervalMs = config.REMINDER_POLL_SECONDS * 1000,
  clock = now,
}: { pollIntervalMs?: number; clock?: () => Date } = {}): ReminderScheduler {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | null = null;

  function run() {
    clearTimeout(timer);
    if (stopped || current) return;
    current = (async () => {
      await sendDueReminders(clock());
      await sendDueDigests(clock());
    })()
      .catch((error: unknown) => logger.error({ err: error }, "reminder scheduler: could not read due reminders"))
      .finally(() => {
        current = null;
        if (!stopped) timer = setTimeout(run, pollIntervalMs);
      });
  }
  run();
  return {
    wake: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.race([current, sleep(5_000)]);
    },
  };
}

let appScheduler: ReminderScheduler | null = null;

/** The process's one scheduler (server/app.ts starts and stops it). */
export function startAppReminderScheduler(): void {
  appScheduler ??= startReminderScheduler();
}

export async function stopAppReminderScheduler(): Promise<void> {
  await appScheduler?.stop();
  appScheduler = null;
}
