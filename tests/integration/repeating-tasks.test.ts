// Repeating tasks and quick add through the JSON API (issue 30): completing makes the next
// occurrence in the same transaction, reopening the same day takes it back while untouched,
// bad rules and a rule without a due date are clear 400s, `text` is quick add.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";

let ann: ApiUser;

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
  await send("POST", "/api/labels", { name: "bills" });
});

type TaskBody = Record<string, unknown> & { id: string; repeat: { rule: string; mode: string } | null };

async function send(method: string, path: string, json?: unknown, user = ann) {
  return apiFetch(path, withToken(user.token, { method, ...(json !== undefined && { json }) }));
}

async function created(json: unknown): Promise<TaskBody> {
  const response = await send("POST", "/api/tasks", json);
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
  return (await response.json()) as TaskBody;
}

async function occurrencesOf(id: string): Promise<TaskBody[]> {
  const response = await send("GET", "/api/tasks?repeating=true&limit=100");
  const { tasks } = (await response.json()) as { tasks: TaskBody[] };
  return tasks.filter((task) => task.repeatOf === id);
}

/**
 * Ann's non-zero task_tally rows and what counting her tasks gives (decision 077): the next
 * occurrence's insert and its removal go through the tally's triggers like any task write.
 */
async function tallyAndCount() {
  const order = sql`order by project_id, completed, category nulls first`;
  const tally = await db.execute(
    sql`select project_id, completed, category, tasks from task_tally where user_id = ${ann.id} and tasks <> 0 ${order}`,
  );
  const counted = await db.execute(
    sql`select project_id, completed, category, count(*)::int as tasks from task where user_id = ${ann.id} group by 1, 2, 3 ${order}`,
  );
  return { tally: tally.rows, counted: counted.rows };
}

describe("repeating tasks", () => {
  it("completing one makes the next occurrence, with its labels; reopening the same day takes it back", async () => {
    const task = await created({
      title: "Pay rent",
      description: "Transfer",
      priority: "high",
      dueDate: "2027-01-31",
      labels: ["bills"],
      steps: [{ text: "Open the bank app" }, { text: "Send" }],
      repeat: { rule: "FREQ=MONTHLY" },
    });
    await send("PATCH", `/api/tasks/${task.id}`, {
      steps: [
        { text: "Open the bank app", done: true },
        { text: "Send", done: true },
      ],
    });
    // From the due date, a monthly rule keeps the due date's day.
    expect(task.repeat).toEqual({ rule: "FREQ=MONTHLY;BYMONTHDAY=31", mode: "due" });

    expect((await send("PATCH", `/api/tasks/${task.id}/complete`)).status).toBe(200);
    const [next, ...more] = await occurrencesOf(task.id);
    expect(more).toEqual([]);
    let { tally, counted } = await tallyAndCount();
    expect(tally).toEqual(counted);
    expect(counted).toContainEqual(expect.objectContaining({ completed: false, tasks: 1 }));
    // Day 31 falls on February's last day, and March is back on the 31st.
    expect(next).toMatchObject({
      title: "Pay rent",
      description: "Transfer",
      priority: "high",
      labels: ["bills"],
      projectId: task.projectId,
      completed: false,
      dueDate: "2027-02-28",
      repeat: { rule: "FREQ=MONTHLY;BYMONTHDAY=31", mode: "due" },
      steps: [
        expect.objectContaining({ text: "Open the bank app", done: false }),
        expect.objectContaining({ text: "Send", done: false }),
      ],
    });

    // Completing it again (already completed) makes no second one.
    expect((await send("PATCH", `/api/tasks/${task.id}`, { completed: true })).status).toBe(200);
    expect(await occurrencesOf(task.id)).toHaveLength(1);

    expect((await send("PATCH", `/api/tasks/${task.id}/complete`)).status).toBe(200);
    expect(await occurrencesOf(task.id)).toEqual([]);
    expect((await send("GET", `/api/tasks/${next!.id}`)).status).toBe(404);
    ({ tally, counted } = await tallyAndCount());
    expect(tally).toEqual(counted);
  });

  it("bulk complete rolls each repeating task forward in the same step; bulk reopen the same day takes it back", async () => {
    const weekly = await created({
      title: "Bins out",
      dueDate: "2027-01-04",
      labels: ["bills"],
      repeat: { rule: "FREQ=WEEKLY" },
    });
    const monthly = await created({ title: "Invoice", dueDate: "2027-01-31", repeat: { rule: "FREQ=MONTHLY" } });
    const plain = await created({ title: "Call the plumber", dueDate: "2027-01-05" });
    const bulk = (action: string, ids: string[]) => send("POST", "/api/tasks/bulk", { action, ids });

    expect((await bulk("complete", [weekly.id, monthly.id, plain.id])).status).toBe(200);
    const [nextWeekly] = await occurrencesOf(weekly.id);
    const [nextMonthly] = await occurrencesOf(monthly.id);
    expect(nextWeekly).toMatchObject({ title: "Bins out", dueDate: "2027-01-11", completed: false, labels: ["bills"] });
    expect(nextMonthly).toMatchObject({ title: "Invoice", dueDate: "2027-02-28", completed: false });
    // Completing again (already done) makes no second occurrence.
    expect((await bulk("complete", [weekly.id])).status).toBe(200);
    expect(await occurrencesOf(weekly.id)).toHaveLength(1);

    // Somebody changed the monthly one's occurrence: it stays; the untouched weekly one goes.
    await send("PATCH", `/api/tasks/${nextMonthly!.id}`, { title: "Invoice Acme" });
    expect((await bulk("reopen", [weekly.id, monthly.id, plain.id])).status).toBe(200);
    expect(await occurrencesOf(weekly.id)).toEqual([]);
    expect((await send("GET", `/api/tasks/${nextWeekly!.id}`)).status).toBe(404);
    expect((await send("GET", `/api/tasks/${nextMonthly!.id}`)).status).toBe(200);
    const { tally, counted } = await tallyAndCount();
    expect(tally).toEqual(counted);
  });

  it("the next occurrence keeps the assignee", async () => {
    const task = await created({ title: "Mow the lawn", dueDate: "2027-05-01", repeat: { rule: "FREQ=WEEKLY" } });
    // Ann is a member of her own projects (their owner row): she may be the assignee.
    await db.execute(sql`update task set assignee_id = ${ann.id} where id = ${task.id}`);
    await send("PATCH", `/api/tasks/${task.id}/complete`);
    const [next] = await occurrencesOf(task.id);
    const { rows } = await db.execute(sql`select assignee_id from task where id = ${next!.id}`);
    expect(rows).toEqual([{ assignee_id: ann.id }]);
  });

  it("reopening keeps an occurrence somebody has changed", async () => {
    const task = await created({ title: "Stretch", dueDate: "2027-03-01", repeat: { rule: "FREQ=DAILY;INTERVAL=2" } });
    await send("PATCH", `/api/tasks/${task.id}/complete`);
    const [next] = await occurrencesOf(task.id);
    expect(next!.dueDate).toBe("2027-03-03");
    await send("PATCH", `/api/tasks/${next!.id}`, { title: "Stretch longer" });
    await send("PATCH", `/api/tasks/${task.id}/complete`);
    expect((await send("GET", `/api/tasks/${next!.id}`)).status).toBe(200);
  });

  it("from completion, counts from the day it is done (the person's today; UTC for the API until it has a zone)", async () => {
    const task = await created({
      title: "Water plants",
      dueDate: "2027-02-01",
      repeat: { rule: "FREQ=DAILY;INTERVAL=3", mode: "completion" },
    });
    await send("PATCH", `/api/tasks/${task.id}`, { completed: true });
    // The arithmetic across month ends and leap days is repeat-dates.test.ts's (a fixed clock).
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect((await occurrencesOf(task.id))[0]).toMatchObject({ dueDate: inThreeDays, repeat: task.repeat });
  });

  it("ends: COUNT counts down and the last one starts nothing; past UNTIL nothing comes", async () => {
    const counted = await created({ title: "Course", dueDate: "2027-01-04", repeat: { rule: "FREQ=WEEKLY;COUNT=2" } });
    await send("PATCH", `/api/tasks/${counted.id}/complete`);
    const [last] = await occurrencesOf(counted.id);
    expect(last).toMatchObject({ dueDate: "2027-01-11", repeat: { rule: "FREQ=WEEKLY;COUNT=1", mode: "due" } });
    await send("PATCH", `/api/tasks/${last!.id}/complete`);
    expect(await occurrencesOf(last!.id)).toEqual([]);

    const until = await created({
      title: "Trial",
      dueDate: "2027-01-30",
      repeat: { rule: "FREQ=DAILY;UNTIL=20270130" },
    });
    await send("PATCH", `/api/tasks/${until.id}/complete`);
    expect(await occurrencesOf(until.id)).toEqual([]);
  });

  it("refuses a bad rule, a mode it does not know and a repeat without a due date with a clear 400", async () => {
    for (const [repeat, message] of [
      [{ rule: "FREQ=HOURLY" }, "FREQ cannot be HOURLY"],
      [{ rule: "BYDAY=MO" }, "needs a FREQ"],
      [{ rule: "FREQ=WEEKLY;BYDAY=XX" }, "BYDAY cannot be XX"],
      [{ rule: "FREQ=DAILY;DTSTART=20270101" }, "cannot have DTSTART"],
      [{ rule: "FREQ=DAILY;COUNT=2;UNTIL=20270101" }, "COUNT or UNTIL"],
      [{ rule: "every day" }, "must be an RRULE"],
      [{ rule: "FREQ=DAILY", mode: "sometimes" }, "must be"],
      ["weekly", "repeat must be an object"],
    ] as const) {
      const response = await send("POST", "/api/tasks", { title: "Bad", dueDate: "2027-01-01", repeat });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { path: string; message: string }[] };
      expect(body.errors[0]!.path).toMatch(/^repeat/);
      expect(body.errors[0]!.message).toContain(message);
    }
    const undated = await send("POST", "/api/tasks", { title: "No date", repeat: { rule: "FREQ=DAILY" } });
    expect(undated.status).toBe(400);
    expect(await undated.json()).toMatchObject({
      errors: [{ path: "repeat", message: "A repeating task needs a due date" }],
    });

    const task = await created({ title: "Dated", dueDate: "2027-01-01", repeat: { rule: "FREQ=DAILY" } });
    const cleared = await send("PATCH", `/api/tasks/${task.id}`, { dueDate: null });
    expect(cleared.status).toBe(400);
    expect(await cleared.json()).toMatchObject({ detail: "A repeating task needs a due date" });
    const plain = await created({ title: "Plain" });
    expect((await send("PATCH", `/api/tasks/${plain.id}`, { repeat: { rule: "FREQ=DAILY" } })).status).toBe(400);
    // Stopping the repeat is a null.
    const stopped = await send("PATCH", `/api/tasks/${task.id}`, { repeat: null, dueDate: null });
    expect(await stopped.json()).toMatchObject({ repeat: null, dueDate: null });
  });
});

describe("quick add (POST /api/tasks with text)", () => {
  it("reads the date, repeat, label and priority out of the title", async () => {
    const task = await created({ text: "Pay rent every month on the 1st @bills p1" });
    expect(task).toMatchObject({
      title: "Pay rent",
      priority: "high",
      labels: ["bills"],
      repeat: { rule: "FREQ=MONTHLY;BYMONTHDAY=1", mode: "due" },
      dueDate: expect.stringMatching(/^\d{4}-\d{2}-01$/),
    });
  });

  it("puts the task in the #project named, and keeps the text as typed with parse: false", async () => {
    const project = (await (await send("POST", "/api/projects", { name: "Home Jobs" })).json()) as { id: string };
    await send("POST", "/api/projects", { name: "Home" });
    const inHome = await created({ text: "Fix the sink #home tomorrow" });
    expect(inHome.title).toBe("Fix the sink");
    expect(inHome.dueDate).not.toBeNull();
    expect(inHome.projectId).not.toBe(project.id);
    const literal = await created({ text: "Fix the sink #home tomorrow", parse: false });
    expect(literal).toMatchObject({ title: "Fix the sink #home tomorrow", dueDate: null });
    // Several words: the longest of the person's project names, or quoted.
    const jobs = await created({ text: "Paint the hall #home jobs p1" });
    expect(jobs).toMatchObject({ title: "Paint the hall", projectId: project.id, priority: "high" });
    const quoted = await created({ text: 'Sand the floor #"Home Jobs"' });
    expect(quoted).toMatchObject({ title: "Sand the floor", projectId: project.id });
    expect(await (await send("POST", "/api/tasks", { text: 'Tile #"Home renovation"' })).json()).toMatchObject({
      errors: [{ path: "project", message: "No project named “Home renovation”" }],
    });
  });

  it("an unknown #project or @label is a 400 that names it, and nothing is created", async () => {
    const before = ((await (await send("GET", "/api/tasks?limit=100")).json()) as { tasks: unknown[] }).tasks.length;
    const project = await send("POST", "/api/tasks", { text: "Plan #Nowhere" });
    expect(project.status).toBe(400);
    expect(await project.json()).toMatchObject({
      errors: [{ path: "project", message: "No project named “Nowhere”" }],
    });
    const label = await send("POST", "/api/tasks", { text: "Plan @nolabel" });
    expect(label.status).toBe(400);
    expect(await label.json()).toMatchObject({ errors: [{ message: "No label named “nolabel”" }] });
    const empty = await send("POST", "/api/tasks", { text: "p1 tomorrow" });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ errors: [{ path: "title", message: "Title is required" }] });
    const after = ((await (await send("GET", "/api/tasks?limit=100")).json()) as { tasks: unknown[] }).tasks.length;
    expect(after).toBe(before);
  });
});
