// The outbox against a real SMTP server (smtp-server in this process, nodemailer in the app):
// a request only stores mail; senders deliver it, retry through an outage, give up when the
// link has expired, and never deliver one row twice even when several run on one database.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { enqueueMail, type MailSender, outboxBacklog, startMailSender } from "~/mail/outbox.server";
import { smtpTransport } from "~/mail/transport.server";
import { mailOutbox } from "../../db/schema";
import { freePort } from "../support/server-process";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";

const FROM = "Tasklane <no-reply@tasklane.test>";
const fastRetry = () => 50;

let sinks: SmtpSink[] = [];
let senders: MailSender[] = [];

afterEach(async () => {
  await Promise.all(senders.map((sender) => sender.stop()));
  await Promise.all(sinks.map((sink) => sink.stop()));
  senders = [];
  sinks = [];
  await db.delete(mailOutbox);
});

async function sink(port?: number) {
  const started = await startSmtpSink(port);
  sinks.push(started);
  return started;
}

function sender(url: string, options: { pollIntervalMs?: number; retryDelayMs?: (attempt: number) => number } = {}) {
  const started = startMailSender({
    transport: smtpTransport(url, FROM),
    pollIntervalMs: 100,
    retryDelayMs: fastRetry,
    ...options,
  });
  senders.push(started);
  return started;
}

function mail(to: string, subject = "Hello", giveUpAt = new Date(Date.now() + 60_000)) {
  return { to, subject, text: `Text for ${to}`, html: `<p>HTML for ${to}</p>`, links: [], giveUpAt };
}

const rows = () => db.select().from(mailOutbox);

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("mail outbox", () => {
  it("stores the message, then a sender delivers it over SMTP and removes the row", async () => {
    const smtp = await sink();
    await enqueueMail(mail("ada@example.test", "Reset your password"));
    expect(await rows()).toHaveLength(1);

    sender(smtp.url);
    const received = await smtp.waitFor("ada@example.test");
    expect(received).toMatchObject({ subject: "Reset your password", text: "Text for ada@example.test" });
    expect(received.from).toBe('"Tasklane" <no-reply@tasklane.test>');
    expect(received.html).toContain("<p>HTML for ada@example.test</p>");
    await until(async () => (await rows()).length === 0);
  });

  it("keeps the mail through an SMTP outage and delivers it when the server is back", async () => {
    const port = await freePort();
    const smtpUrl = `smtp://127.0.0.1:${port}`;
    sender(smtpUrl);
    // Nothing listens: enqueueing still succeeds and the row waits with the error.
    await enqueueMail(mail("grace@example.test"));
    await until(async () => {
      const [row] = await rows();
      return (row?.attempts ?? 0) >= 2 && row?.status === "pending" && row.lastError !== null;
    });

    const smtp = await sink(port);
    await smtp.waitFor("grace@example.test");
    await until(async () => (await rows()).length === 0);
    expect(smtp.received).toHaveLength(1);
  });

  it("gives up once the link would have expired, drops the bodies and keeps the row as failed", async () => {
    const port = await freePort();
    sender(`smtp://127.0.0.1:${port}`, { retryDelayMs: () => 60_000 });
    await enqueueMail(mail("late@example.test", "Confirm", new Date(Date.now() + 30_000)));
    await until(async () => (await rows())[0]?.status === "failed");
    const [row] = await rows();
    expect(row).toMatchObject({ status: "failed", attempts: 1, textBody: "", htmlBody: "", links: [] });
    expect(row!.lastError).toMatch(/ECONNREFUSED|connect/i);
  });

  it("two senders on one database deliver each message exactly once", async () => {
    const smtp = await sink();
    const recipients = Array.from({ length: 30 }, (_, index) => `many-${index}@example.test`);
    for (const to of recipients) await enqueueMail(mail(to));
    sender(smtp.url);
    sender(smtp.url);
    await Promise.all(recipients.map((to) => smtp.waitFor(to)));
    await until(async () => (await rows()).length === 0);
    // Settle: a duplicate would arrive after the last first delivery.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.map((received) => received.to).sort()).toEqual([...recipients].sort());
  });

  it("resumes after a restart: a row claimed by a sender that died is sent once its lease ends", async () => {
    const smtp = await sink();
    await enqueueMail(mail("resume@example.test"));
    // What a crash mid-send leaves: the row claimed (attempt counted, lease running), never finished.
    await db
      .update(mailOutbox)
      .set({ attempts: 1, nextAttemptAt: new Date(Date.now() + 500) })
      .where(eq(mailOutbox.recipient, "resume@example.test"));
    sender(smtp.url);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(smtp.received).toHaveLength(0);
    await smtp.waitFor("resume@example.test");
  });

  it("refuses a header with a line break", async () => {
    await expect(enqueueMail(mail("x@example.test", "Hi\r\nBcc: victim@example.test"))).rejects.toThrow(/line break/);
    await expect(enqueueMail(mail("x@example.test\nBcc: victim@example.test"))).rejects.toThrow(/line break/);
    expect(await rows()).toHaveLength(0);
  });

  it("reports the pending messages and the oldest one's age (the metrics' gauges), not the failed ones", async () => {
    expect(await outboxBacklog()).toEqual({ pending: 0, oldestAgeSeconds: 0 });
    await enqueueMail(mail("old@example.test"));
    await enqueueMail(mail("new@example.test"));
    await enqueueMail(mail("failed@example.test"));
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await db.update(mailOutbox).set({ createdAt: tenMinutesAgo }).where(eq(mailOutbox.recipient, "old@example.test"));
    await db
      .update(mailOutbox)
      .set({ status: "failed", createdAt: new Date(Date.now() - 3_600_000) })
      .where(eq(mailOutbox.recipient, "failed@example.test"));
    const backlog = await outboxBacklog();
    expect(backlog.pending).toBe(2);
    expect(backlog.oldestAgeSeconds).toBeGreaterThanOrEqual(600);
    expect(backlog.oldestAgeSeconds).toBeLessThan(700);
  });
});
