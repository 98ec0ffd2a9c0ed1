// Reminders and the digest in a shared project (issue 31, decision 097): a reminder goes to the
// task's assignee, else to whoever set it; assigning moves it onto the assignee's clock,
// unassigning (a write, a move, leaving the project) cancels the assignee's own and returns the
// rest to their setters; the digest lists what is assigned to a person in others' projects. Real
// mail through the tests' SMTP sink, a controlled clock.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setClock } from "~/clock.server";
import { db } from "~/db.server";
import { sendDueDigests, sendDueReminders } from "~/reminders/scheduler.server";
import { mailOutbox, projectMember, reminderSettings, taskReminder, user } from "../../db/schema";
import { type ApiUser, apiFetch, signUpApiUser, withToken } from "../support/api";
import { startMailDelivery } from "../support/mail-delivery";
import type { SmtpSink } from "../support/smtp-sink";

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
afterEach(async () => {
  at("2027-01-04T12:00:00Z");
  await db.delete(taskReminder);
  await db.delete(reminderSettings);
});

async function person(name: string, timeZone = "Europe/Berlin"): Promise<ApiUser> {
  const created = await signUpApiUser(name);
  await db.update(user).set({ emailVerified: true, timeZone }).where(eq(user.id, created.id));
  return created;
}

async function createProject(owner: ApiUser, name = `Project ${crypto.randomUUID().slice(0, 8)}`) {
  const response = await apiFetch("/api/projects", withToken(owner.token, { method: "POST", json: { name } }));
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** The owner's project, with the member as an editor. */
async function sharedProject(owner: ApiUser, member: ApiUser) {
  const id = await createProject(owner);
  await db.insert(projectMember).values({ projectId: id, userId: member.id, role: "editor" });
  return id;
}

interface TaskJson {
  id: string;
  assigneeId: string | null;
  reminders: { before?: string; sendAt: string | null; status: string }[];
}

async function createTask(owner: ApiUser, body: Record<string, unknown>) {
  const response = await apiFetch("/api/tasks", withToken(owner.token, { method: "POST", json: body }));
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as TaskJson;
}
async function patchTask(who: ApiUser, id: string, body: Record<string, unknown>) {
  const response = await apiFetch(`/api/tasks/${id}`, withToken(who.token, { method: "PATCH", json: body }));
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as TaskJson;
}
async function patchMe(who: ApiUser, body: Record<string, unknown>) {
  const response = await apiFetch("/api/me", withToken(who.token, { method: "PATCH", json: body }));
  expect(response.status, await response.clone().text()).toBe(200);
}
async function reminders(taskId: string) {
  return db
    .select({ setBy: taskReminder.setBy, beforeSeconds: taskReminder.beforeSeconds, sendAt: taskReminder.sendAt })
    .from(taskReminder)
    .where(eq(taskReminder.taskId, taskId))
    .orderBy(taskReminder.beforeSeconds);
}
const mailTo = (who: ApiUser, subject: RegExp) =>
  smtp.received.filter((mail) => mail.to === who.email.toLowerCase() && subject.test(mail.subject));

async function outboxEmpty() {
  const deadline = Date.now() + 10_000;
  while ((await db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.status, "pending"))).length) {
    if (Date.now() > deadline) throw new Error("the outbox did not empty");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("reminders in a shared project", () => {
  it("go to the assignee; unassigning cancels the assignee's own and returns the setter's to the setter", async () => {
    const ada = await person("Ada");
    const bob = await person("Bob");
    const projectId = await sharedProject(ada, bob);
    const due = { dueTime: "10:00", timeZone: "Europe/Berlin", projectId, assigneeId: bob.id };
    // 10:00 in Berlin is 09:00 UTC: Ada's hour before at 08:00, Bob's ten minutes at 08:50.
    const kept = await createTask(ada, {
      title: "Assigned one",
      dueDate: "2027-01-05",
      ...due,
      reminders: [{ before: "PT1H" }],
    });
    await patchTask(bob, kept.id, { reminders: [{ before: "PT1H" }, { before: "PT10M" }] });
    const dropped = await createTask(ada, {
      title: "Unassigned one",
      dueDate: "2027-01-06",
      ...due,
      reminders: [{ before: "PT1H" }],
    });
    await patchTask(bob, dropped.id, { reminders: [{ before: "PT1H" }, { before: "PT10M" }] });

    expect((await patchTask(ada, dropped.id, { assigneeId: null })).assigneeId).toBeNull();
    // Bob's own reminder went with him; Ada's stays, hers again.
    expect(await reminders(dropped.id)).toEqual([
      { setBy: ada.id, beforeSeconds: 3600, sendAt: new Date("2027-01-06T08:00:00Z") },
    ]);

    expect(await sendDueReminders(at("2027-01-05T08:00:00Z"))).toBe(1);
    expect(await sendDueReminders(at("2027-01-05T08:50:00Z"))).toBe(1);
    expect(await sendDueReminders(at("2027-01-06T08:00:00Z"))).toBe(1);
    expect(await sendDueReminders(at("2027-01-06T08:50:00Z"))).toBe(0);
    await smtp.waitFor(ada.email, /Reminder: Unassigned one/);
    await outboxEmpty();
    // Both of the assigned task's reminders reached Bob, whoever set them; none reached Ada.
    expect(mailTo(bob, /Reminder: Assigned one/)).toHaveLength(2);
    expect(mailTo(ada, /Reminder: Assigned one/)).toEqual([]);
    expect(mailTo(bob, /Reminder: Unassigned one/)).toEqual([]);
    expect(mailTo(ada, /Reminder: Unassigned one/)).toHaveLength(1);
  });

  it("follow the assignee's reminder hour and zone for a date without a time, and their changes to it", async () => {
    const ada = await person("Ada", "Europe/Berlin");
    const bob = await person("Bob", "Australia/Sydney");
    await patchMe(bob, { reminderHour: 8 });
    const projectId = await sharedProject(ada, bob);
    const task = await createTask(ada, {
      title: "Date only",
      dueDate: "2027-01-06",
      projectId,
      reminders: [{ before: "PT0S" }],
    });
    // Ada's 09:00 in Berlin.
    expect(task.reminders[0]!.sendAt).toBe("2027-01-06T08:00:00.000Z");

    const assigned = await patchTask(ada, task.id, { assigneeId: bob.id });
    // Bob's 08:00 in Sydney (UTC+11).
    expect(assigned.reminders[0]!.sendAt).toBe("2027-01-05T21:00:00.000Z");
    // The setter's hour no longer counts; the recipient's does.
    await patchMe(ada, { reminderHour: 10 });
    expect((await reminders(task.id))[0]!.sendAt).toEqual(new Date("2027-01-05T21:00:00Z"));
    await patchMe(bob, { reminderHour: 7 });
    expect((await reminders(task.id))[0]!.sendAt).toEqual(new Date("2027-01-05T20:00:00Z"));

    expect(await sendDueReminders(at("2027-01-05T19:59:00Z"))).toBe(0);
    expect(await sendDueReminders(at("2027-01-05T20:00:00Z"))).toBe(1);
    await smtp.waitFor(bob.email, /Reminder: Date only/);
    await outboxEmpty();
    expect(mailTo(ada, /Reminder: Date only/)).toEqual([]);
  });

  it("leave with a member who leaves, and with an assignee whose task moves out of their reach", async () => {
    const ada = await person("Ada");
    const bob = await person("Bob");
    const projectId = await sharedProject(ada, bob);
    const due = { dueDate: "2027-01-05", dueTime: "10:00", projectId };
    const bobs = await createTask(bob, { title: "Bob's reminder", ...due, reminders: [{ before: "PT1H" }] });
    const assigned = await createTask(ada, {
      title: "Assigned to Bob",
      ...due,
      assigneeId: bob.id,
      reminders: [{ before: "PT1H" }],
    });
    const moving = await createTask(ada, {
      title: "Moved away",
      ...due,
      assigneeId: bob.id,
      reminders: [{ before: "PT1H" }],
    });
    await patchTask(bob, moving.id, { reminders: [{ before: "PT1H" }, { before: "PT10M" }] });

    // Ada moves one to a project of hers where Bob is no member: unassigned, his reminder cancelled.
    const moved = await patchTask(ada, moving.id, { projectId: await createProject(ada) });
    expect(moved.assigneeId).toBeNull();
    expect((await reminders(moving.id)).map((row) => row.setBy)).toEqual([ada.id]);

    const left = await apiFetch(
      `/api/projects/${projectId}/members/${bob.id}`,
      withToken(bob.token, { method: "DELETE" }),
    );
    expect(left.status).toBeLessThan(300);
    expect(await reminders(bobs.id)).toEqual([]);
    expect((await reminders(assigned.id)).map((row) => row.setBy)).toEqual([ada.id]);

    expect(await sendDueReminders(at("2027-01-05T08:00:00Z"))).toBe(2);
    expect(await sendDueReminders(at("2027-01-05T08:50:00Z"))).toBe(0);
    await smtp.waitFor(ada.email, /Reminder: Assigned to Bob/);
    await smtp.waitFor(ada.email, /Reminder: Moved away/);
    await outboxEmpty();
    expect(mailTo(bob, /Reminder: /)).toEqual([]);
  });
});

describe("the digest in a shared project", () => {
  it("lists what is assigned to the person in others' projects, and every task of their own", async () => {
    const ada = await person("Ada");
    const bob = await person("Bob");
    const projectId = await sharedProject(ada, bob);
    for (const who of [ada, bob]) await patchMe(who, { digest: { enabled: true, hour: 7 } });
    await createTask(ada, { title: "Ada's for Bob", dueDate: "2027-01-05", projectId, assigneeId: bob.id });
    await createTask(ada, { title: "Nobody's yet", dueDate: "2027-01-05", projectId });
    await createTask(bob, { title: "Bob's own", dueDate: "2027-01-04" });

    // 07:00 in Berlin on the 5th.
    expect(await sendDueDigests(at("2027-01-05T06:00:00Z"))).toBe(2);
    const bobs = await smtp.waitFor(bob.email, /Your tasks for 2027-01-05/);
    expect(bobs.text).toContain("Due today: “Ada's for Bob”");
    expect(bobs.text).toContain("Overdue: “Bob's own”");
    expect(bobs.text).not.toContain("Nobody's yet");
    const adas = await smtp.waitFor(ada.email, /Your tasks for 2027-01-05/);
    expect(adas.text).toContain("“Ada's for Bob”");
    expect(adas.text).toContain("“Nobody's yet”");
    expect(adas.text).not.toContain("Bob's own");
  });
});
