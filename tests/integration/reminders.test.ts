// Reminders and the daily digest (issue 31, decision 106) end to end in one process: the JSON
// API sets them, the scheduler claims them at a controlled clock, the real outbox sender
// delivers them over SMTP to the tests' sink. No test waits for the time it is testing.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setClock } from "~/clock.server";
import { db } from "~/db.server";
import { sendDueDigests, sendDueReminders, startReminderScheduler } from "~/reminders/scheduler.server";
import { mailOutbox, reminderSettings, taskReminder, user } from "../../db/schema";
import { type ApiUser, apiFetch, signUpApiUser, withToken } from "../support/api";
import { startMailDelivery } from "../support/mail-delivery";
import type { SmtpSink } from "../support/smtp-sink";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/unsubscribe";
import { routeContext } from "../support/routes";

const loaderOrActionArgs = (request: Request) => ({
  request,
  url: new URL(request.url),
  params: {},
  context: routeContext(),
  pattern: "/unsubscribe",
});

let smtp: SmtpSink;
let clock = new Date("2027-01-04T12:00:00Z");
const at = (iso: string) => {
  clock = new Date(iso);
  return clock;
};

beforeAll(async () => {
  smtp = await startMailDelivery();
  setClock(() => clock);
});
afterAll(async () => {
  setClock(null);
  await smtp.stop();
});
// Each test's reminders and digests are its own: the scheduler reads everyone's.
afterEach(async () => {
  at("2027-01-04T12:00:00Z");
  await db.delete(taskReminder);
  await db.delete(reminderSettings);
});

async function person(name: string, { verified = true, timeZone = "Europe/Berlin" } = {}): Promise<ApiUser> {
  const created = await signUpApiUser(name);
  await db.update(user).set({ emailVerified: verified, timeZone }).where(eq(user.id, created.id));
  return created;
}

interface ReminderJson {
  id: string;
  before?: string;
  at?: string;
  sendAt: string | null;
  sentAt: string | null;
  status: string;
  skipReason: string | null;
}
interface TaskJson {
  id: string;
  title: string;
  reminders: ReminderJson[];
}

async function createTask(owner: ApiUser, body: Record<string, unknown>) {
  const response = await apiFetch("/api/tasks", withToken(owner.token, { method: "POST", json: body }));
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as TaskJson;
}
async function patchTask(owner: ApiUser, id: string, body: Record<string, unknown>) {
  const response = await apiFetch(`/api/tasks/${id}`, withToken(owner.token, { method: "PATCH", json: body }));
  return { status: response.status, body: (await response.json()) as TaskJson };
}
async function getTask(owner: ApiUser, id: string) {
  const response = await apiFetch(`/api/tasks/${id}`, withToken(owner.token));
  return (await response.json()) as TaskJson;
}
const mailTo = (owner: ApiUser, subject: RegExp) =>
  smtp.received.filter((mail) => mail.to === owner.email.toLowerCase() && subject.test(mail.subject));

/** Waits for the sender to have delivered everything queued (it runs on the real clock, every 100 ms). */
async function outboxEmpty() {
  const deadline = Date.now() + 10_000;
  while ((await db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.status, "pending"))).length) {
    if (Date.now() > deadline) throw new Error("the outbox did not empty");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("reminders", () => {
  it("mails a reminder at its time, once, with the unsubscribe headers, and records it", async () => {
    const ada = await person("Ada");
    const task = await createTask(ada, {
      title: "Submit the report",
      dueDate: "2027-01-05",
      dueTime: "10:00",
      timeZone: "Europe/Berlin",
      reminders: [{ before: "PT1H" }, { before: "PT0S" }],
    });
    // 10:00 in Berlin is 09:00 UTC in January.
    expect(task.reminders.map((reminder) => [reminder.before, reminder.sendAt])).toEqual([
      ["PT1H", "2027-01-05T08:00:00.000Z"],
      ["PT0S", "2027-01-05T09:00:00.000Z"],
    ]);

    expect(await sendDueReminders(at("2027-01-05T07:59:00Z"))).toBe(0);
    expect(await sendDueReminders(at("2027-01-05T08:00:00Z"))).toBe(1);
    expect(await sendDueReminders(at("2027-01-05T08:00:30Z"))).toBe(0);
    const mail = await smtp.waitFor(ada.email, /Reminder: Submit the report/);
    expect(mail.text).toContain("is due at Tue, Jan 5, 2027, 10:00 (Europe/Berlin)");
    expect(mail.text).not.toContain("late");
    // Long header lines are folded: read them unfolded.
    const unsubscribe = mail.headerLines.find((line) => /^list-unsubscribe:/i.test(line))?.replace(/\r\n\s+/g, " ");
    expect(unsubscribe).toMatch(/^List-Unsubscribe: <http:\/\/localhost:3000\/unsubscribe\?token=[^>]+>$/i);
    expect(mail.headerLines).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(mail.links.some((link) => link.includes("/unsubscribe?token="))).toBe(true);

    const stored = await getTask(ada, task.id);
    expect(stored.reminders[0]).toMatchObject({ status: "sent", sentAt: "2027-01-05T08:00:00.000Z" });
    expect(stored.reminders[1]).toMatchObject({ status: "pending", sentAt: null });
    await outboxEmpty();
    expect(mailTo(ada, /Submit the report/)).toHaveLength(1);
  });

  it("follows a moved due time, and sends nothing for a completed or deleted task", async () => {
    const ada = await person("Ada");
    const moved = await createTask(ada, {
      title: "Moved",
      dueDate: "2027-01-05",
      dueTime: "10:00",
      reminders: [{ before: "PT10M" }],
    });
    const done = await createTask(ada, {
      title: "Done",
      dueDate: "2027-01-05",
      dueTime: "10:00",
      reminders: [{ before: "PT10M" }],
    });
    const gone = await createTask(ada, {
      title: "Gone",
      dueDate: "2027-01-05",
      dueTime: "10:00",
      reminders: [{ before: "PT10M" }],
    });

    const { body } = await patchTask(ada, moved.id, { dueTime: "15:00" });
    expect(body.reminders[0]!.sendAt).toBe("2027-01-05T13:50:00.000Z");
    expect((await patchTask(ada, done.id, { completed: true })).body.reminders[0]!.sendAt).toBeNull();
    expect((await apiFetch(`/api/tasks/${gone.id}`, withToken(ada.token, { method: "DELETE" }))).status).toBe(204);
    expect(await db.select().from(taskReminder).where(eq(taskReminder.taskId, gone.id))).toEqual([]);

    // Completed through a bulk action: unscheduled as well.
    const bulkDone = await createTask(ada, {
      title: "Bulk done",
      dueDate: "2027-01-05",
      dueTime: "10:00",
      reminders: [{ before: "PT10M" }],
    });
    const bulk = await apiFetch(
      "/api/tasks/bulk",
      withToken(ada.token, { method: "POST", json: { ids: [bulkDone.id], action: "complete" } }),
    );
    expect(bulk.status).toBe(200);
    expect(((await bulk.json()) as { tasks: TaskJson[] }).tasks).toHaveLength(1);
    expect((await getTask(ada, bulkDone.id)).reminders[0]!.sendAt).toBeNull();

    // The old time passes: nothing.
    expect(await sendDueReminders(at("2027-01-05T08:50:00Z"))).toBe(0);
    expect(await sendDueReminders(at("2027-01-05T13:50:00Z"))).toBe(1);
    await smtp.waitFor(ada.email, /Reminder: Moved/);
    await outboxEmpty();
    expect(mailTo(ada, /Reminder: (Done|Gone|Bulk done)/)).toEqual([]);

    // Moved again after it was sent: it waits for the new time and is sent again then.
    at("2027-01-05T14:00:00Z");
    const again = await patchTask(ada, moved.id, { dueDate: "2027-01-06" });
    expect(again.body.reminders[0]).toMatchObject({
      status: "pending",
      sendAt: "2027-01-06T13:50:00.000Z",
      sentAt: null,
    });
    // Reopened after its time passed: marked passed, not mailed late.
    const reopened = await patchTask(ada, done.id, { completed: false });
    expect(reopened.body.reminders[0]).toMatchObject({ status: "skipped", skipReason: "passed" });
  });

  it("sends a reminder missed while the app was down when under 24 hours late, saying so, and skips it over 24 hours", async () => {
    const ada = await person("Ada");
    const late = await createTask(ada, {
      title: "Late one",
      dueDate: "2027-01-05",
      dueTime: "10:00",
      reminders: [{ before: "PT0S" }],
    });
    const stale = await createTask(ada, {
      title: "Stale one",
      dueDate: "2027-01-04",
      dueTime: "15:00",
      reminders: [{ before: "PT0S" }],
    });

    // The app comes back at 12:00 UTC on the 5th: 3 hours after one reminder, 22 after the other.
    expect(await sendDueReminders(at("2027-01-05T12:00:00Z"))).toBe(2);
    const mail = await smtp.waitFor(ada.email, /Reminder: Late one/);
    expect(mail.text).toContain("This reminder was due at Tue, Jan 5, 2027, 10:00 (Europe/Berlin)");

    const staler = await createTask(ada, {
      title: "Stalest",
      dueDate: "2027-01-06",
      dueTime: "10:00",
      reminders: [{ before: "PT0S" }],
    });
    expect(await sendDueReminders(at("2027-01-07T09:00:01Z"))).toBe(0);
    expect((await getTask(ada, staler.id)).reminders[0]).toMatchObject({
      status: "skipped",
      skipReason: "late",
      sentAt: null,
    });
    await outboxEmpty();
    expect(mailTo(ada, /Stalest/)).toEqual([]);
    expect((await getTask(ada, late.id)).reminders[0]!.status).toBe("sent");
    expect((await getTask(ada, stale.id)).reminders[0]!.status).toBe("sent");
  });

  it("gives a repeating task's next occurrence reminders of its own", async () => {
    const ada = await person("Ada");
    const task = await createTask(ada, {
      title: "Water the plants",
      dueDate: "2027-01-05",
      dueTime: "10:00",
      repeat: { rule: "FREQ=WEEKLY", mode: "due" },
      reminders: [{ before: "PT1H" }],
    });
    await patchTask(ada, task.id, { completed: true });
    const list = (await (
      await apiFetch(`/api/tasks?q=${encodeURIComponent("Water the plants")}`, withToken(ada.token))
    ).json()) as { tasks: { id: string; completed: boolean }[] };
    const next = list.tasks.find((each) => !each.completed)!;
    expect((await getTask(ada, next.id)).reminders).toMatchObject([
      { before: "PT1H", sendAt: "2027-01-12T08:00:00.000Z", status: "pending" },
    ]);
  });

  it("reminds of a date without a time at the person's reminder hour in their zone", async () => {
    const ada = await person("Ada", { timeZone: "Australia/Sydney" });
    const task = await createTask(ada, { title: "Whole day", dueDate: "2027-01-06", reminders: [{ before: "PT0S" }] });
    // 09:00 in Sydney (UTC+11 in summer) by default.
    expect(task.reminders[0]!.sendAt).toBe("2027-01-05T22:00:00.000Z");
    const me = await apiFetch("/api/me", withToken(ada.token, { method: "PATCH", json: { reminderHour: 8 } }));
    expect(await me.json()).toMatchObject({ reminderHour: 8, digest: { enabled: false, hour: 7 } });
    expect((await getTask(ada, task.id)).reminders[0]!.sendAt).toBe("2027-01-05T21:00:00.000Z");
    // A new account zone moves it too: 08:00 in Berlin (UTC+1).
    await apiFetch("/api/me", withToken(ada.token, { method: "PATCH", json: { timeZone: "Europe/Berlin" } }));
    expect((await getTask(ada, task.id)).reminders[0]!.sendAt).toBe("2027-01-06T07:00:00.000Z");
  });

  it("refuses bad reminders with a 400 and hides another person's task", async () => {
    const ada = await person("Ada");
    const eve = await person("Eve");
    const task = await createTask(ada, { title: "Mine", dueDate: "2027-01-05" });
    for (const reminders of [
      [{ before: "1h" }],
      [{ before: "P1Y" }],
      [{ at: "tomorrow" }],
      [{ before: "PT1H", at: "2027-01-05T09:00:00+01:00" }],
      Array.from({ length: 6 }, () => ({ before: "PT1H" })),
    ]) {
      expect((await patchTask(ada, task.id, { reminders })).status).toBe(400);
    }
    const named = await apiFetch(
      `/api/tasks/${task.id}`,
      withToken(ada.token, { method: "PATCH", json: { reminders: [{ before: "1h" }] } }),
    );
    expect(((await named.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([
      { path: "reminders.0.before", message: expect.stringMatching(/^before must be an ISO 8601 duration/) },
    ]);
    expect((await patchTask(eve, task.id, { reminders: [{ before: "PT1H" }] })).status).toBe(404);
    expect((await getTask(ada, task.id)).reminders).toEqual([]);
    const fixed = await patchTask(ada, task.id, { reminders: [{ at: "2027-01-05T09:00:00+01:00" }] });
    expect(fixed.body.reminders).toMatchObject([
      { at: "2027-01-05T08:00:00.000Z", sendAt: "2027-01-05T08:00:00.000Z" },
    ]);
  });

  it("sends each reminder once when two schedulers share the database", async () => {
    const ada = await person("Ada");
    for (let index = 0; index < 12; index += 1)
      await createTask(ada, {
        title: `Race ${index}`,
        dueDate: "2027-01-08",
        dueTime: "10:00",
        reminders: [{ before: "PT0S" }],
      });
    at("2027-01-08T09:00:00Z");
    // Two loops (as in two processes) on the same clock, plus two direct rounds racing them.
    const first = startReminderScheduler({ pollIntervalMs: 10, clock: () => clock });
    const second = startReminderScheduler({ pollIntervalMs: 10, clock: () => clock });
    const counts = await Promise.all([sendDueReminders(clock, 3), sendDueReminders(clock, 3)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all([first.stop(), second.stop()]);
    await outboxEmpty();
    const received = mailTo(ada, /Reminder: Race/);
    expect(received).toHaveLength(12);
    expect(new Set(received.map((mail) => mail.subject)).size).toBe(12);
    expect(counts[0]! + counts[1]!).toBeLessThanOrEqual(12);
  });

  it("sends nothing to an unverified address, and Settings and the API say so", async () => {
    const bob = await person("Bob", { verified: false });
    const task = await createTask(bob, {
      title: "Unverified",
      dueDate: "2027-01-05",
      dueTime: "10:00",
      reminders: [{ before: "PT0S" }],
    });
    await apiFetch("/api/me", withToken(bob.token, { method: "PATCH", json: { digest: { enabled: true, hour: 7 } } }));
    await sendDueReminders(at("2027-01-05T09:00:00Z"));
    await sendDueDigests(at("2027-01-05T09:00:00Z"));
    await outboxEmpty();
    expect(
      smtp.received.filter((mail) => mail.to === bob.email.toLowerCase() && !/Confirm/.test(mail.subject)),
    ).toEqual([]);
    expect((await getTask(bob, task.id)).reminders[0]).toMatchObject({ status: "skipped", skipReason: "unverified" });
    expect(await (await apiFetch("/api/me", withToken(bob.token))).json()).toMatchObject({ emailVerified: false });
  });
});

describe("the daily digest", () => {
  it("arrives at 07:00 in Berlin and at 07:00 in Sydney, each with that person's tasks, and not when empty", async () => {
    at("2027-01-04T12:00:00Z");
    const berlin = await person("Berta", { timeZone: "Europe/Berlin" });
    const sydney = await person("Sid", { timeZone: "Australia/Sydney" });
    const idle = await person("Idle", { timeZone: "Europe/Berlin" });
    for (const who of [berlin, sydney, idle]) {
      const response = await apiFetch(
        "/api/me",
        withToken(who.token, { method: "PATCH", json: { digest: { enabled: true, hour: 7 } } }),
      );
      expect(await response.json()).toMatchObject({ digest: { enabled: true, hour: 7 } });
    }
    await createTask(berlin, { title: "Berlin overdue", dueDate: "2027-01-03" });
    await createTask(berlin, { title: "Berlin today", dueDate: "2027-01-05", dueTime: "18:00" });
    await createTask(berlin, { title: "Berlin later", dueDate: "2027-01-09" });
    await createTask(sydney, { title: "Sydney today", dueDate: "2027-01-05" });
    await createTask(sydney, { title: "Sydney done", dueDate: "2027-01-05", completed: true });

    // 07:00 in Sydney on the 5th (UTC+11) is 20:00 UTC on the 4th; Berlin's is 06:00 UTC on the 5th.
    expect(await sendDueDigests(at("2027-01-04T19:59:00Z"))).toBe(0);
    expect(await sendDueDigests(at("2027-01-04T20:00:00Z"))).toBe(1);
    const sydneyMail = await smtp.waitFor(sydney.email, /Your tasks for 2027-01-05/);
    expect(sydneyMail.text).toContain("Due today: “Sydney today”");
    expect(sydneyMail.text).not.toContain("Sydney done");
    expect(sydneyMail.text).not.toContain("Berlin");
    expect(sydneyMail.headerLines).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

    expect(await sendDueDigests(at("2027-01-05T05:59:00Z"))).toBe(0);
    expect(await sendDueDigests(at("2027-01-05T06:00:00Z"))).toBe(1);
    const berlinMail = await smtp.waitFor(berlin.email, /Your tasks for 2027-01-05: 1 due today, 1 overdue/);
    expect(berlinMail.text).toContain("Overdue: “Berlin overdue”");
    expect(berlinMail.text).toContain("Due today: “Berlin today” (at Tue, Jan 5, 2027, 18:00 (Europe/Berlin))");
    expect(berlinMail.text).not.toContain("Berlin later");
    // Once a day: the next is tomorrow's.
    expect(await sendDueDigests(at("2027-01-05T07:00:00Z"))).toBe(0);
    await outboxEmpty();
    expect(mailTo(idle, /Your tasks/)).toEqual([]);
    expect(mailTo(berlin, /Your tasks/)).toHaveLength(1);
  });
});

describe("unsubscribing", () => {
  async function unsubscribeRequest(href: string, init?: RequestInit) {
    const url = new URL(href);
    return new Request(`http://localhost:3000${url.pathname}${url.search}`, init);
  }

  it("shows a page with a button (a GET changes nothing); the button or a one-click POST turns the mail off", async () => {
    const ada = await person("Ada");
    await createTask(ada, { title: "First", dueDate: "2027-01-05", dueTime: "10:00", reminders: [{ before: "PT0S" }] });
    const later = await createTask(ada, {
      title: "Second",
      dueDate: "2027-01-06",
      dueTime: "10:00",
      reminders: [{ before: "PT0S" }],
    });
    await sendDueReminders(at("2027-01-05T09:00:00Z"));
    const mail = await smtp.waitFor(ada.email, /Reminder: First/);
    const link = mail.links.find((each) => each.includes("/unsubscribe?token="))!;
    const header = /<([^>]+)>/.exec(mail.headerLines.find((line) => /^list-unsubscribe:/i.test(line))!)![1]!;
    expect(header).toBe(link);

    const page = await unsubscribeLoader(loaderOrActionArgs(await unsubscribeRequest(link)) as never);
    expect(page).toEqual({ kind: "reminders" });
    const settings = async () =>
      (await (await apiFetch("/api/me", withToken(ada.token))).json()) as Record<string, unknown>;
    expect(await settings()).toMatchObject({ remindersByMail: true });

    // RFC 8058: a POST of List-Unsubscribe=One-Click, no cookie, to the header's address.
    const oneClick = await unsubscribeRequest(header, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(await unsubscribeAction(loaderOrActionArgs(oneClick) as never)).toEqual({ done: "reminders" });
    expect(await settings()).toMatchObject({ remindersByMail: false });

    await sendDueReminders(at("2027-01-06T09:00:00Z"));
    expect((await getTask(ada, later.id)).reminders[0]).toMatchObject({
      status: "skipped",
      skipReason: "unsubscribed",
    });
    await outboxEmpty();
    expect(mailTo(ada, /Reminder: Second/)).toEqual([]);
  });

  it("answers a forged or altered token with 404 and changes nothing", async () => {
    const ada = await person("Ada");
    const forged = `${ada.id}.reminders.${"A".repeat(43)}`;
    for (const token of [forged, `${ada.id}.digest`, "nonsense"]) {
      const request = new Request(`http://localhost:3000/unsubscribe?token=${encodeURIComponent(token)}`, {
        method: "POST",
      });
      const result = (await unsubscribeAction(loaderOrActionArgs(request) as never)) as { init?: { status?: number } };
      expect(result.init?.status).toBe(404);
    }
    expect(await (await apiFetch("/api/me", withToken(ada.token))).json()).toMatchObject({ remindersByMail: true });
  });
});
