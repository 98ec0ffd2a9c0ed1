import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { mailOutbox } from "../../db/schema";
import { type Database, db } from "~/db.server";
import { logger } from "~/logger.server";
import type { Envelope, MailTransport } from "~/mail/transport.server";
import { CONTROL } from "~/text-rules";

// The durable outbox (decision 013). A request only inserts a row; a sender loop in every
// process claims due rows, hands them to the transport and deletes them once accepted.
// Hand-written rather than a job library: it is one table and two statements, it must run
// on PGlite (one process, no LISTEN between processes) as well as PostgreSQL, and the
// libraries that do this (pg-boss, graphile-worker) bring their own schema and workers.

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
  /** After this the message is useless (its link has expired): stop retrying. */
  giveUpAt: Date;
}

/** A line break in a header value would let its text start a header of its own. */
const HEADER_BREAK = CONTROL;

/**
 * Stores a message for the senders, in the caller's request: the caller never waits on SMTP
 * and never fails because of it. A database failure does propagate (nothing was promised).
 * Given a transaction (`executor`), the message is queued with that transaction's writes, or
 * not at all; call wakeMailSenders() once it has committed.
 */
export async function enqueueMail(mail: OutgoingMail, executor: Pick<Database, "insert"> = db): Promise<void> {
  if (HEADER_BREAK.test(mail.to) || HEADER_BREAK.test(mail.subject)) {
    // Addresses come from Better Auth's validated users and subjects are ours: this is a bug.
    throw new Error("refusing a mail header with a line break or control character");
  }
  await executor.insert(mailOutbox).values({
    recipient: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html,
    links: mail.links,
    giveUpAt: mail.giveUpAt,
  });
  if (executor === db) wakeMailSenders();
}

/** Look for due mail now in this process (after a transaction that queued some has committed). */
export function wakeMailSenders(): void {
  for (const sender of runningSenders) sender.wake();
}

export interface MailSenderOptions {
  transport: MailTransport;
  /** How often to look for rows other processes queued, retries that fell due, leases that ran out. */
  pollIntervalMs?: number;
  /** How long a claimed row stays invisible to other senders; longer than the transport's timeouts. */
  leaseMs?: number;
  /** Delay before retry number `attempt` (1, 2, …). */
  retryDelayMs?: (attempt: number) => number;
  batchSize?: number;
}

const STOP_GRACE_MS = 5_000;

export interface MailSender {
  /** Look for due mail now (called after an insert in this process). */
  wake(): void;
  /** Finishes the message in hand (waiting 5 s at most), then stops; the rest waits in the table. */
  stop(): Promise<void>;
}

const runningSenders = new Set<MailSender>();

/** 30 s, 1 min, 2 min … capped at 15 min: an outage of an hour costs a handful of attempts. */
export const defaultRetryDelay = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 15 * 60_000);

export function startMailSender({
  transport,
  pollIntervalMs = 5_000,
  leaseMs = 2 * 60_000,
  retryDelayMs = defaultRetryDelay,
  batchSize = 10,
}: MailSenderOptions): MailSender {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | null = null;
  let wokenWhileBusy = false;

  const schedule = () => {
    if (!stopped) timer = setTimeout(run, pollIntervalMs);
  };

  function run() {
    clearTimeout(timer);
    if (stopped) return;
    if (current) {
      wokenWhileBusy = true;
      return;
    }
    current = drain()
      .catch((error: unknown) => logger.error({ err: error }, "mail sender: could not read the outbox"))
      .finally(() => {
        current = null;
        if (wokenWhileBusy) {
          wokenWhileBusy = false;
          run();
        } else {
          schedule();
        }
      });
  }

  async function drain() {
    while (!stopped) {
      const rows = await claimDueMail(batchSize, leaseMs);
      for (const row of rows) await attempt(row);
      if (rows.length < batchSize) return;
    }
  }

  async function attempt(row: Envelope & { attempts: number; giveUpAt: Date }) {
    try {
      await transport.deliver(row);
    } catch (error) {
      await recordFailure(row, error, retryDelayMs(row.attempts));
      return;
    }
    // Between the server's acceptance and this delete a crash would resend the message
    // once, after the lease: the price of never losing one (decision 013).
    await db.delete(mailOutbox).where(eq(mailOutbox.id, row.id));
  }

  const sender: MailSender = {
    wake: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      runningSenders.delete(sender);
      // A hung SMTP server must not hold up a shutdown: after a few seconds the row is left
      // claimed, and its lease hands it to the next sender (a possible resend, decision 013).
      await Promise.race([current, sleep(STOP_GRACE_MS)]);
      transport.close();
    },
  };
  runningSenders.add(sender);
  run();
  return sender;
}

/**
 * Takes up to `limit` due rows for this sender: one statement, so the claim is atomic.
 * SKIP LOCKED lets concurrent senders (other processes) take other rows instead of waiting,
 * and moving next_attempt_at past the lease hides the row until this sender is done with it
 * or has died.
 */
async function claimDueMail(limit: number, leaseMs: number) {
  const due = and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, sql`now()`));
  const candidates = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(due)
    .orderBy(mailOutbox.nextAttemptAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(mailOutbox)
    .set({
      nextAttemptAt: sql`now() + ${leaseMs} * interval '1 millisecond'`,
      attempts: sql`${mailOutbox.attempts} + 1`,
    })
    .where(and(inArray(mailOutbox.id, candidates), due))
    .returning({
      id: mailOutbox.id,
      recipient: mailOutbox.recipient,
      subject: mailOutbox.subject,
      textBody: mailOutbox.textBody,
      htmlBody: mailOutbox.htmlBody,
      links: mailOutbox.links,
      attempts: mailOutbox.attempts,
      giveUpAt: mailOutbox.giveUpAt,
    });
}

async function recordFailure(
  row: { id: string; subject: string; attempts: number; giveUpAt: Date },
  error: unknown,
  delayMs: number,
) {
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const retryAt = new Date(Date.now() + delayMs);
  if (retryAt < row.giveUpAt) {
    logger.warn({ mailId: row.id, attempts: row.attempts, err: reason }, "mail not delivered yet; will retry");
    await db.update(mailOutbox).set({ nextAttemptAt: retryAt, lastError: reason }).where(eq(mailOutbox.id, row.id));
    return;
  }
  // Its link has expired by the next try: give up, and drop the bodies (they hold the link).
  logger.error(
    { mailId: row.id, subject: row.subject, attempts: row.attempts, err: reason },
    "mail given up: not delivered before its link expired",
  );
  await db
    .update(mailOutbox)
    .set({ status: "failed", lastError: reason, textBody: "", htmlBody: "", links: [] })
    .where(eq(mailOutbox.id, row.id));
}

let appSender: MailSender | null = null;

/** The process's one sender (server/app.ts starts and stops it); `transport` is called once. */
export function startAppMailSender(transport: () => MailTransport): MailTransport | null {
  if (appSender) return null;
  const created = transport();
  appSender = startMailSender({ transport: created });
  return created;
}

export async function stopAppMailSender(): Promise<void> {
  await appSender?.stop();
  appSender = null;
}

/**
 * Messages waiting to be sent and the age of the oldest (seconds; 0 when none), for the
 * metrics: one aggregate over the pending rows, which the partial index holds.
 */
export async function outboxBacklog(): Promise<{ pending: number; oldestAgeSeconds: number }> {
  const [row] = await db
    .select({
      pending: sql<number>`count(*)::int`,
      oldestAgeSeconds: sql<number>`coalesce(extract(epoch from now() - min(${mailOutbox.createdAt})), 0)::float8`,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.status, "pending"));
  return { pending: Number(row?.pending ?? 0), oldestAgeSeconds: Number(row?.oldestAgeSeconds ?? 0) };
}
