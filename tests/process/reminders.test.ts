// Reminders on the real clock, with two server processes on one PostgreSQL (decision 106): each
// process runs its scheduler every second; reminders set a few seconds ahead arrive once each,
// at about their time, whichever process claims them.
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { INSTANCES_ORIGIN, type ServerProcess, startInstancesOnOneDatabase } from "../support/server-process";
import { startSmtpSink } from "../support/smtp-sink";

const adminUrl = process.env.TEST_DATABASE_URL;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it.runIf(adminUrl)("two processes deliver each reminder once, about when it was set for", async () => {
  const smtp = await startSmtpSink();
  cleanups.push(() => smtp.stop());
  const { databaseUrl, servers } = await startInstancesOnOneDatabase(
    adminUrl!,
    { SMTP_URL: smtp.url, REMINDER_POLL_SECONDS: "1", AUTH_RATE_LIMIT: "1000" },
    cleanups,
  );
  const [first, second] = servers as [ServerProcess, ServerProcess];

  const email = "ada@example.com";
  const register = await fetch(`${first.url}/api/auth/register`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: INSTANCES_ORIGIN },
    body: JSON.stringify({ name: "Ada", email, password: "Str0ng!Passw0rd" }),
  });
  expect(register.status).toBe(201);
  const { token } = (await register.json()) as { token: string };
  // Confirmed as if the link had been followed: only a confirmed address receives reminders.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`update "user" set email_verified = true where email = $1`, [email]);
  await client.end();

  const dueAt = new Date(Date.now() + 4_000);
  const titles = Array.from({ length: 8 }, (_, index) => `Reminder race ${index}`);
  for (const [index, title] of titles.entries()) {
    const server = index % 2 ? second : first;
    const created = await fetch(`${server.url}/api/tasks`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ title, reminders: [{ at: dueAt.toISOString() }] }),
    });
    expect(created.status).toBe(201);
  }

  for (const title of titles) await smtp.waitFor(email, new RegExp(title), 20_000);
  const arrived = Date.now();
  // Both processes keep looking for a few more rounds: nothing arrives twice.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const reminders = smtp.received.filter((mail) => /^Reminder: /.test(mail.subject));
  expect(reminders.map((mail) => mail.subject).sort()).toEqual(titles.map((title) => `Reminder: ${title}`).sort());
  // At about their time: after it, and within the poll interval and the sender's wake-up.
  expect(arrived).toBeGreaterThanOrEqual(dueAt.getTime());
  expect(arrived - dueAt.getTime()).toBeLessThan(10_000);
});
