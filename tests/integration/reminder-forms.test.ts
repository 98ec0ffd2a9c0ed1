// Reminders in the task forms without JavaScript (decision 106): the create form's slots make
// them, the edit form keeps, changes and clears them, a bad slot is an error on the field, and
// the task page shows each with what became of it.
import { beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "~/routes/tasks";
import * as taskRoute from "~/routes/tasks.$taskId";
import * as remindersSettingsRoute from "~/routes/settings.reminders";
import { getReminderSettings } from "~/reminders/reminder-settings.server";
import { remindersOfTask } from "~/reminders/task-reminders.server";
import { listTasksForUser } from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { signUpOverHttp } from "../support/auth";
import { loaderOrActionArgs, outcome, type RouteOutcome } from "../support/routes";

let visitor: { userId: string; cookie: string };

beforeAll(async () => {
  visitor = await signUpOverHttp({ name: "Rita" });
});

type Args<T extends (...args: never[]) => unknown> = Parameters<T>[0];

const create = (fields: [string, string][]) =>
  outcome(() =>
    listRoute.action(
      loaderOrActionArgs("POST", "/tasks", {
        cookie: visitor.cookie,
        fields: [["intent", "create"], ["literal", "on"], ...fields],
      }) as unknown as Args<typeof listRoute.action>,
    ),
  );
const update = (id: string, fields: [string, string][]) =>
  outcome(() =>
    taskRoute.action(
      loaderOrActionArgs("POST", `/tasks/${id}`, {
        cookie: visitor.cookie,
        params: { taskId: id },
        fields: [["intent", "update"], ...fields],
      }) as unknown as Args<typeof taskRoute.action>,
    ),
  );
const fieldErrors = (result: RouteOutcome) =>
  (result.data as { result?: { error?: Record<string, string[]> }; error?: Record<string, string[]> }).result?.error ??
  (result.data as { error?: Record<string, string[]> }).error;

async function taskTitled(title: string) {
  const page = await listTasksForUser(visitor.userId, TaskListQuerySchema.parse({ q: title }), { limit: 50 });
  return page.tasks.find((task) => task.title === title)!;
}

describe("reminders in the task forms", () => {
  it("the create form's slots set reminders; the edit form keeps, changes and clears them", async () => {
    const created = await create([
      ["title", "Call the bank"],
      ["dueDate", "2099-03-01"],
      ["dueTime", "10:00"],
      ["reminders[0].when", "PT1H"],
      ["reminders[1].when", ""],
      ["reminders[2].when", "custom"],
      ["reminders[2].minutes", "45"],
    ]);
    expect(created.status).toBe(302);
    const task = await taskTitled("Call the bank");
    const first = await remindersOfTask(task.id);
    expect(first.map((reminder) => reminder.beforeSeconds)).toEqual([3600, 2700]);

    // The page shows them and fills the slots.
    const page = (await taskRoute.loader(
      loaderOrActionArgs("GET", `/tasks/${task.id}`, {
        cookie: visitor.cookie,
        params: { taskId: task.id },
      }) as unknown as Args<typeof taskRoute.loader>,
    )) as { reminders: { beforeSeconds: number; status: string; sendAt: string }[] };
    expect(page.reminders).toMatchObject([
      { beforeSeconds: 3600, status: "pending", sendAt: "2099-03-01T09:00:00.000Z" },
      { beforeSeconds: 2700, status: "pending" },
    ]);

    const base: [string, string][] = [
      ["title", "Call the bank"],
      ["dueDate", "2099-03-01"],
      ["dueTime", "10:00"],
    ];
    expect((await update(task.id, [...base, ["reminders[0].when", "PT1H"], ["reminders[1].when", "P1D"]])).status).toBe(
      302,
    );
    const second = await remindersOfTask(task.id);
    // The unchanged one is the same row.
    expect(second.find((reminder) => reminder.beforeSeconds === 3600)?.id).toBe(first[0]!.id);
    expect(second.map((reminder) => reminder.beforeSeconds).sort()).toEqual([3600, 86_400].sort());

    const bad = await update(task.id, [...base, ["reminders[0].when", "custom"]]);
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad)?.reminders).toEqual(["Give the minutes for a custom reminder"]);

    expect((await update(task.id, base)).status).toBe(302);
    expect(await remindersOfTask(task.id)).toEqual([]);
  });

  it("Settings -> Reminders saves the hours and the digest", async () => {
    const result = await outcome(() =>
      remindersSettingsRoute.action(
        loaderOrActionArgs("POST", "/settings/reminders", {
          cookie: visitor.cookie,
          fields: [
            ["reminderHour", "8"],
            ["remindersByMail", "on"],
            ["digestEnabled", "on"],
            ["digestHour", "6"],
          ],
        }) as unknown as Args<typeof remindersSettingsRoute.action>,
      ),
    );
    expect(result.status).toBe(302);
    expect(await getReminderSettings(visitor.userId)).toEqual({
      reminderHour: 8,
      remindersByMail: true,
      digest: { enabled: true, hour: 6 },
    });
  });
});
