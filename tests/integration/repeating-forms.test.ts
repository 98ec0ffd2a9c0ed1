// Quick add and repeats in the HTML forms, without JavaScript: the list's create form reads
// the title (or keeps it with "don't parse"), the repeat inputs make an RRULE, errors land on
// the fields, and ticking a repeating task in the list rolls it forward.
import { beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "~/routes/tasks";
import * as taskRoute from "~/routes/tasks.$taskId";
import { createLabelForUser } from "~/labels/labels.server";
import { listTasksForUser } from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { createTaskForUser, getTaskForUser } from "~/tasks/tasks.server";
import { signUpOverHttp } from "../support/auth";
import { loaderOrActionArgs, outcome, type RouteOutcome } from "../support/routes";

let visitor: { userId: string; cookie: string };

beforeAll(async () => {
  visitor = await signUpOverHttp({ name: "Rita" });
  await createLabelForUser(visitor.userId, { name: "bills", color: "red" });
});

const create = (fields: [string, string][]) =>
  outcome(() =>
    listRoute.action(
      loaderOrActionArgs("POST", "/tasks", {
        cookie: visitor.cookie,
        fields: [["intent", "create"], ...fields],
      }) as unknown as Parameters<typeof listRoute.action>[0],
    ),
  );
const fieldErrors = (result: RouteOutcome) =>
  (result.data as { result: { error?: Record<string, string[]> } }).result.error;

async function tasksTitled(title: string) {
  const page = await listTasksForUser(visitor.userId, TaskListQuerySchema.parse({ q: title }), { limit: 50 });
  return page.tasks.filter((task) => task.title === title);
}

describe("the create form's quick add", () => {
  it("reads a repeat, a label and a priority out of the title", async () => {
    expect((await create([["title", "Pay rent every month on the 1st @bills p1"]])).status).toBe(302);
    const [task] = await tasksTitled("Pay rent");
    expect(task).toMatchObject({
      priority: "high",
      labels: ["bills"],
      repeatRule: "FREQ=MONTHLY;BYMONTHDAY=1",
      repeatMode: "due",
      dueDate: expect.stringMatching(/-01$/),
    });
  });

  it("keeps the title as typed with don't parse", async () => {
    await create([
      ["title", "Buy tickets tomorrow p1"],
      ["literal", "on"],
    ]);
    expect(await tasksTitled("Buy tickets tomorrow p1")).toMatchObject([{ priority: "medium", dueDate: null }]);
  });

  it("an unknown #project or @label is an error on the title, and nothing is created", async () => {
    for (const [text, message] of [
      ["Plan #Nowhere", "No project named “Nowhere”"],
      ["Plan @nolabel", "No label named “nolabel”"],
    ]) {
      const result = await create([["title", text!]]);
      expect(result.status).toBe(400);
      expect(fieldErrors(result)?.title).toEqual([expect.stringContaining(message!)]);
    }
    expect(await tasksTitled("Plan")).toEqual([]);
  });
});

describe("the repeat inputs", () => {
  it("make the rule: weeks on chosen weekdays, from completion, a count", async () => {
    await create([
      ["title", "Gym"],
      ["dueDate", "2027-01-04"],
      ["repeatFrequency", "WEEKLY"],
      ["repeatInterval", "2"],
      ["repeatWeekdays", "MO"],
      ["repeatWeekdays", "TH"],
      ["repeatFromCompletion", "on"],
      ["repeatCount", "5"],
    ]);
    expect(await tasksTitled("Gym")).toMatchObject([
      { repeatRule: "FREQ=WEEKLY;INTERVAL=2;COUNT=5;BYDAY=MO,TH", repeatMode: "completion" },
    ]);
  });

  it("make the rule: months on the due date's weekday, until a date", async () => {
    await create([
      ["title", "Book club"],
      ["dueDate", "2027-01-12"],
      ["repeatFrequency", "MONTHLY"],
      ["repeatMonthly", "weekday"],
      ["repeatUntil", "2027-12-31"],
    ]);
    expect(await tasksTitled("Book club")).toMatchObject([{ repeatRule: "FREQ=MONTHLY;UNTIL=20271231;BYDAY=2TU" }]);
  });

  it("a repeat without a due date is an error on the field", async () => {
    const result = await create([
      ["title", "Undated"],
      ["repeatFrequency", "DAILY"],
    ]);
    expect(result.status).toBe(400);
    expect(fieldErrors(result)?.repeatFrequency).toEqual(["A repeating task needs a due date"]);
  });

  it("the edit form shows the rule and stops it when set to does not repeat", async () => {
    const task = await createTaskForUser(visitor.userId, {
      title: "Edit me",
      description: "",
      priority: "medium",
      category: null,
      dueDate: "2027-01-31",
      completed: false,
      labels: [],
      repeat: { rule: "FREQ=MONTHLY;BYMONTHDAY=-1", mode: "due" },
    });
    const loaded = await outcome(() =>
      taskRoute.loader(
        loaderOrActionArgs("GET", `/tasks/${task.id}`, {
          cookie: visitor.cookie,
          params: { taskId: task.id },
        }) as unknown as Parameters<typeof taskRoute.loader>[0],
      ),
    );
    expect((loaded.data as { task: { repeat: unknown } }).task.repeat).toEqual({
      rule: "FREQ=MONTHLY;BYMONTHDAY=-1",
      mode: "due",
    });
    const saved = await outcome(() =>
      taskRoute.action(
        loaderOrActionArgs("POST", `/tasks/${task.id}`, {
          cookie: visitor.cookie,
          params: { taskId: task.id },
          fields: [
            ["intent", "update"],
            ["title", "Edit me"],
            ["dueDate", "2027-01-31"],
            ["repeatFrequency", ""],
          ],
        }) as unknown as Parameters<typeof taskRoute.action>[0],
      ),
    );
    expect(saved.status).toBe(302);
    expect(await getTaskForUser(visitor.userId, task.id)).toMatchObject({ repeatRule: null, repeatMode: null });
  });
});

describe("ticking a repeating task in the list", () => {
  it("completes it and shows the next occurrence; unticking takes it back", async () => {
    await create([["title", "Stretch every day"]]);
    const [task] = await tasksTitled("Stretch");
    const toggle = (completed: string) =>
      outcome(() =>
        listRoute.action(
          loaderOrActionArgs("POST", "/tasks", {
            cookie: visitor.cookie,
            fields: { intent: "toggle", taskId: task!.id, completed },
          }) as unknown as Parameters<typeof listRoute.action>[0],
        ),
      );
    await toggle("true");
    const after = await tasksTitled("Stretch");
    expect(after).toHaveLength(2);
    expect(after.find((each) => each.id !== task!.id)).toMatchObject({ completed: false, repeatOf: task!.id });
    await toggle("false");
    expect(await tasksTitled("Stretch")).toMatchObject([{ id: task!.id, completed: false }]);
  });
});
