// Due times in the person's zone, Today and Upcoming (decision 090, 091), through the real
// list query and the JSON API on both databases. The clock is an argument: each view is read
// as of a fixed instant (the reader's Today), right around midnight and the DST changes.
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, dueFor, todayFor } from "~/tasks/due-date";
import { dueInstant } from "~/tasks/due.server";
import { loadTaskListPage } from "~/tasks/list/task-list-page.server";
import { countViewsForUser, listTasksForUser, summarizeTasksForUser } from "~/tasks/list/task-list.server";
import { TaskListQuerySchema, VIEW_COUNT_MAX, VIEW_MATCHING_MAX, viewCountText } from "~/tasks/list/task-list-query";
import { TaskInputSchema } from "~/tasks/task-schema";
import {
  createTaskForUser,
  createTasksForUser,
  getTaskForUser,
  type Task,
  updateTaskForUser,
} from "~/tasks/tasks.server";
import { setAccountTimeZone } from "~/tasks/time-zone.server";
import { createProjectForUser } from "~/projects/projects.server";
import { addProjectMember } from "~/projects/members.server";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";
import { insertUser } from "../support/users";

const titlesIn = async (userId: string, view: "today" | "upcoming", timeZone: string, now: string) => {
  const query = TaskListQuerySchema.parse({ view, sort: "due_date" });
  const { tasks } = await listTasksForUser(userId, query, { limit: 100, reader: todayFor(timeZone, new Date(now)) });
  // Days in order; within a day the order is the list's (by id), so compared as a set here.
  return tasks.map((task) => task.title).sort();
};

const add = (userId: string, title: string, fields: Record<string, unknown>) =>
  createTaskForUser(userId, TaskInputSchema.parse({ title, ...fields }));

describe("Today and Upcoming in Berlin across the spring change (2027-03-28)", () => {
  let berlin: { id: string };
  beforeAll(async () => {
    berlin = await insertUser("Berlin");
    await setAccountTimeZone(berlin.id, "Europe/Berlin");
    await add(berlin.id, "Day of the change", { dueDate: "2027-03-28" });
    await add(berlin.id, "Late on the 28th", { dueDate: "2027-03-28", dueTime: "23:30" });
    await add(berlin.id, "Early on the 29th", { dueDate: "2027-03-29", dueTime: "00:30" });
    await add(berlin.id, "In two weeks and a day", { dueDate: "2027-04-12" });
    await add(berlin.id, "Done", { dueDate: "2027-03-27", completed: true });
    await add(berlin.id, "Whenever", {});
  });

  it("holds the 28th's tasks until Berlin's midnight (at +02:00 since that morning)", async () => {
    expect(await titlesIn(berlin.id, "today", "Europe/Berlin", "2027-03-28T21:59:59Z")).toEqual([
      "Day of the change",
      "Late on the 28th",
    ]);
    expect(await titlesIn(berlin.id, "today", "Europe/Berlin", "2027-03-28T22:00:00Z")).toEqual([
      "Day of the change",
      "Early on the 29th",
      "Late on the 28th",
    ]);
  });

  it("shows nothing before the day starts, then the day, in Upcoming from today on", async () => {
    expect(await titlesIn(berlin.id, "today", "Europe/Berlin", "2027-03-27T22:59:59Z")).toEqual([]);
    expect(await titlesIn(berlin.id, "upcoming", "Europe/Berlin", "2027-03-27T23:00:00Z")).toEqual([
      "Day of the change",
      "Early on the 29th",
      "In two weeks and a day",
      "Late on the 28th",
    ]);
    expect(await titlesIn(berlin.id, "upcoming", "Europe/Berlin", "2027-03-28T22:00:00Z")).toEqual([
      "Early on the 29th",
      "In two weeks and a day",
    ]);
  });

  it("reads the same timed tasks on Sydney's day when the account moves there", async () => {
    // 23:30 on the 28th in Berlin is 08:30 on the 29th in Sydney; 00:30 on the 29th is 09:30.
    expect(await titlesIn(berlin.id, "today", "Australia/Sydney", "2027-03-28T12:59:59Z")).toEqual([
      "Day of the change",
    ]);
    expect(await titlesIn(berlin.id, "today", "Australia/Sydney", "2027-03-28T13:00:00Z")).toEqual([
      "Day of the change",
      "Early on the 29th",
      "Late on the 28th",
    ]);
  });

  it("counts what the navigation shows", async () => {
    const reader = todayFor("Europe/Berlin", new Date("2027-03-28T22:00:00Z"));
    expect(await countViewsForUser(berlin.id, reader)).toEqual({ today: 3, upcoming: 2 });
  });
});

describe("the navigation's counts", () => {
  it("count up to VIEW_COUNT_MAX, then say so ('99+') rather than read every task", async () => {
    const busy = await insertUser("Busy");
    const dated = (count: number, dueDate: string, completed = false) =>
      Array.from({ length: count }, (_, n) => TaskInputSchema.parse({ title: `${dueDate} ${n}`, dueDate, completed }));
    // Exactly the cap overdue, one more than the cap ahead, and done or undated ones, which never count.
    await createTasksForUser(busy.id, [
      ...dated(VIEW_COUNT_MAX, "2027-05-01"),
      ...dated(VIEW_COUNT_MAX + 5, "2027-06-01"),
      ...dated(20, "2027-05-02", true),
      ...Array.from({ length: 10 }, (_, n) => TaskInputSchema.parse({ title: `Undated ${n}` })),
    ]);
    const counts = await countViewsForUser(busy.id, todayFor("UTC", new Date("2027-05-10T12:00:00Z")));
    expect(counts).toEqual({ today: VIEW_COUNT_MAX, upcoming: VIEW_COUNT_MAX + 1 });
    expect([viewCountText(counts.today), viewCountText(counts.upcoming)]).toEqual(["99", "99+"]);
    expect(await countViewsForUser(busy.id, todayFor("UTC", new Date("2027-06-01T12:00:00Z")))).toEqual({
      today: VIEW_COUNT_MAX + 1,
      upcoming: VIEW_COUNT_MAX + 1,
    });
    expect(await countViewsForUser(busy.id, todayFor("UTC", new Date("2027-06-02T00:00:00Z")))).toEqual({
      today: VIEW_COUNT_MAX + 1,
      upcoming: 0,
    });
  });
});

describe("Today and Upcoming in due order, a page at a time (decision 115)", () => {
  const zone = "Europe/Berlin";
  // Read on 2027-05-10 in Berlin (+02:00).
  const reader = todayFor(zone, new Date("2027-05-10T10:00:00Z"));
  let person: { id: string };
  beforeAll(async () => {
    person = await insertUser("Paged");
    await setAccountTimeZone(person.id, zone);
    const day = (offset: number) => addDays(reader.date, offset);
    const inputs: Record<string, unknown>[] = [];
    for (const offset of [-3, -1, 0, 1, 2, 20])
      for (let n = 0; n < 3; n++) inputs.push({ title: `Whole day ${offset}.${n}`, dueDate: day(offset) });
    inputs.push(
      { title: "Timed 0 09:00", dueDate: day(0), dueTime: "09:00" },
      { title: "Timed 0 18:00", dueDate: day(0), dueTime: "18:00" },
      { title: "Timed 0 00:00", dueDate: day(0), dueTime: "00:00" },
      { title: "Timed -1 23:00", dueDate: day(-1), dueTime: "23:00" },
      { title: "Timed 1 00:30", dueDate: day(1), dueTime: "00:30" },
      { title: "Timed 1 23:30", dueDate: day(1), dueTime: "23:30" },
      // A whole day written in Sydney: its instant (that day's start there, 14:00 the day
      // before in Berlin) would put it among the day before's timed tasks.
      { title: "Sydney's whole day 1", dueDate: day(1), timeZone: "Australia/Sydney" },
      { title: "Sydney's whole day 2", dueDate: day(2), timeZone: "Australia/Sydney" },
      // 20:00 in New York on day 1 is 02:00 on day 2 in Berlin.
      { title: "New York 1 20:00", dueDate: day(1), dueTime: "20:00", timeZone: "America/New_York" },
      { title: "Done", dueDate: day(0), completed: true },
      { title: "Undated" },
    );
    await createTasksForUser(
      person.id,
      inputs.map((input) => TaskInputSchema.parse(input)),
    );
  });

  /** The reader's order: the instant each task falls due for them (a whole day from its start in their zone), then id. */
  const expectedOrder = (tasks: Task[]) =>
    tasks
      .map((task) => ({
        task,
        at: task.dueTime === null ? dueInstant(task.dueDate!, null, zone).getTime() : task.dueAt!.getTime(),
      }))
      .sort((a, b) => a.at - b.at || (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0))
      .map(({ task }) => task.title);

  const everything = async (view: "today" | "upcoming") => {
    const query = TaskListQuerySchema.parse({ view, sort: "due_date" });
    return (await listTasksForUser(person.id, query, { limit: 100, reader })).tasks;
  };

  const byCursor = async (view: "today" | "upcoming", order: "asc" | "desc", limit: number) => {
    const query = TaskListQuerySchema.parse({ view, sort: "due_date", order });
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listTasksForUser>> = await listTasksForUser(person.id, query, {
        limit,
        cursor,
        reader,
      });
      titles.push(...page.tasks.map((task) => task.title));
      cursor = page.nextCursor;
    } while (cursor);
    return titles;
  };

  const byOffset = async (view: "today" | "upcoming", order: "asc" | "desc", limit: number) => {
    const query = TaskListQuerySchema.parse({ view, sort: "due_date", order });
    const titles: string[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = await listTasksForUser(person.id, query, { limit, offset, reader });
      titles.push(...page.tasks.map((task) => task.title));
      if (!page.nextCursor) return titles;
    }
  };

  it("orders each view by the reader's instant, so the days never go back, by cursor and by offset, both ways", async () => {
    for (const view of ["today", "upcoming"] as const) {
      const tasks = await everything(view);
      const expected = expectedOrder(tasks);
      expect(tasks.map((task) => task.title)).toEqual(expected);
      const days = tasks.map((task) => dueFor(task, zone)!.day);
      expect(days).toEqual([...days].sort());
      for (const limit of [1, 2, 3, 5]) {
        expect(await byCursor(view, "asc", limit)).toEqual(expected);
        expect(await byOffset(view, "asc", limit)).toEqual(expected);
        expect(await byCursor(view, "desc", limit)).toEqual([...expected].reverse());
        expect(await byOffset(view, "desc", limit)).toEqual([...expected].reverse());
      }
    }
    const upcoming = (await everything("upcoming")).map((task) => task.title);
    // A day's whole-day tasks before its timed ones (but 00:00, which ties), those by time;
    // Sydney's whole day 1 on day 1 for the reader.
    for (const n of [0, 1, 2])
      expect(upcoming.indexOf(`Whole day 0.${n}`)).toBeLessThan(upcoming.indexOf("Timed 0 09:00"));
    expect(upcoming.indexOf("Timed 0 09:00")).toBeLessThan(upcoming.indexOf("Timed 0 18:00"));
    expect(upcoming.indexOf("Sydney's whole day 1")).toBeGreaterThan(upcoming.indexOf("Timed 0 18:00"));
    expect(upcoming.indexOf("Sydney's whole day 1")).toBeLessThan(upcoming.indexOf("Timed 1 00:30"));
    expect(upcoming.indexOf("New York 1 20:00")).toBeGreaterThan(upcoming.indexOf("Timed 1 23:30"));
    expect(upcoming).not.toContain("Done");
    expect(upcoming).not.toContain("Undated");
  });

  it("refuses a cursor that is not a view's, and reads a view's cursor of a date as that day's start", async () => {
    const query = TaskListQuerySchema.parse({ view: "upcoming", sort: "due_date" });
    const cursorOf = (fields: Record<string, unknown>) => Buffer.from(JSON.stringify(fields)).toString("base64url");
    const [first] = await everything("upcoming");
    const id = first!.id;
    for (const fields of [
      { v: null, id, o: "due" },
      { v: 3, id, o: "due" },
      { v: "tomorrow", id, o: "due" },
      { v: "2027-05-10T10:00:00+02:00", id, o: "due" },
      // The created order's cursor (an instant too), and the due-date sort's (a date).
      { v: first!.createdAt.toISOString(), id },
      { v: "2027-05-11", id },
    ])
      await expect(listTasksForUser(person.id, query, { limit: 5, reader, cursor: cursorOf(fields) })).rejects.toThrow(
        "cursor is not valid",
      );
    // And a view's cursor elsewhere.
    await expect(
      listTasksForUser(person.id, TaskListQuerySchema.parse({ sort: "due_date" }), {
        limit: 5,
        cursor: cursorOf({ v: "2027-05-11", id, o: "due" }),
      }),
    ).rejects.toThrow("cursor is not valid");
    const page = await listTasksForUser(person.id, query, {
      limit: 50,
      reader,
      cursor: cursorOf({ v: addDays(reader.date, 1), id: "00000000-0000-4000-8000-000000000000", o: "due" }),
    });
    expect(page.tasks.map((task) => dueFor(task, zone)!.day).every((day) => day >= addDays(reader.date, 1))).toBe(true);
    expect(page.tasks.map((task) => task.title)).toContain("Sydney's whole day 1");
  });
});

describe("Today's and Upcoming's pages count so far, then offer Next (decision 115)", () => {
  it(`stop counting past ${VIEW_MATCHING_MAX} and keep paging by what follows`, async () => {
    const busy = await insertUser("Deep");
    const tasks = VIEW_MATCHING_MAX + 60;
    await createTasksForUser(
      busy.id,
      Array.from({ length: tasks }, (_, n) =>
        TaskInputSchema.parse({ title: `Later ${n}`, dueDate: addDays("2027-05-10", 1 + (n % 300)) }),
      ),
    );
    const reader = todayFor("UTC", new Date("2027-05-10T12:00:00Z"));
    const upcoming = TaskListQuerySchema.parse({ view: "upcoming", sort: "due_date" });
    expect((await summarizeTasksForUser(busy.id, upcoming, reader)).matching).toBe(VIEW_MATCHING_MAX + 1);
    // Without a view the count is exact.
    expect((await summarizeTasksForUser(busy.id, TaskListQuerySchema.parse({}), reader)).matching).toBe(tasks);

    const owner = { id: busy.id, keyboardShortcuts: false, timeZone: "UTC" };
    const load = (page: number) => {
      const url = new URL(`http://localhost/upcoming?page=${page}`);
      return loadTaskListPage(new Request(url), url, owner, undefined, "upcoming");
    };
    // 1,060 tasks: 22 pages, 20 of them counted.
    const first = await load(1);
    expect(first).toMatchObject({ pageCount: 20, countedAll: false, hasNextPage: true, view: { page: 1 } });
    const past = await load(21);
    expect(past).toMatchObject({ countedAll: false, hasNextPage: true, view: { page: 21 } });
    expect(past.tasks).toHaveLength(50);
    const last = await load(22);
    expect(last).toMatchObject({ hasNextPage: false, view: { page: 22 } });
    expect(last.tasks).toHaveLength(10);
  });
});

describe("Today in Sydney across the autumn change (2027-04-04)", () => {
  let sydney: { id: string };
  beforeAll(async () => {
    sydney = await insertUser("Sydney");
    await setAccountTimeZone(sydney.id, "Australia/Sydney");
    await add(sydney.id, "Day of the change", { dueDate: "2027-04-04" });
    await add(sydney.id, "Just after midnight", { dueDate: "2027-04-05", dueTime: "00:30" });
    await add(sydney.id, "Leap day next year", { dueDate: "2028-02-29" });
  });

  it("turns the day over at Sydney's midnight, an hour later in UTC after the change", async () => {
    expect(await titlesIn(sydney.id, "today", "Australia/Sydney", "2027-04-04T13:59:59Z")).toEqual([
      "Day of the change",
    ]);
    expect(await titlesIn(sydney.id, "today", "Australia/Sydney", "2027-04-04T14:00:00Z")).toEqual([
      "Day of the change",
      "Just after midnight",
    ]);
  });

  it("keeps a leap day in Upcoming until it has passed", async () => {
    expect(await titlesIn(sydney.id, "upcoming", "Australia/Sydney", "2028-02-29T12:59:59Z")).toEqual([
      "Leap day next year",
    ]);
    expect(await titlesIn(sydney.id, "upcoming", "Australia/Sydney", "2028-02-29T13:00:00Z")).toEqual([]);
  });
});

describe("one task in a shared project, read in Berlin and in Sydney", () => {
  let berlin: { id: string };
  let sydney: { id: string };
  beforeAll(async () => {
    berlin = await insertUser("Berlin owner");
    sydney = await insertUser("Sydney member");
    await setAccountTimeZone(berlin.id, "Europe/Berlin");
    await setAccountTimeZone(sydney.id, "Australia/Sydney");
    const shared = await createProjectForUser(berlin.id, { name: "Team", favorite: false });
    await addProjectMember(berlin.id, shared.id, sydney.id, "editor");
    // Written in Berlin: 09:00 there is 08:00 UTC in January, 19:00 in Sydney (+11).
    await add(berlin.id, "Stand-up", { projectId: shared.id, dueDate: "2027-01-15", dueTime: "09:00" });
    // 23:30 in Berlin is 09:30 the next morning in Sydney.
    await add(berlin.id, "Late call", { projectId: shared.id, dueDate: "2027-01-15", dueTime: "23:30" });
  });

  it("shows each reader the same instant at their own time and on their own day", async () => {
    const [standUp] = (await listTasksForUser(sydney.id, TaskListQuerySchema.parse({ q: "Stand-up" }), { limit: 10 }))
      .tasks;
    expect(standUp!.dueAt).toEqual(new Date("2027-01-15T08:00:00.000Z"));
    expect(dueFor(standUp!, "Europe/Berlin")).toEqual({ day: "2027-01-15", time: "09:00" });
    expect(dueFor(standUp!, "Australia/Sydney")).toEqual({ day: "2027-01-15", time: "19:00" });
    // 13:00 in Berlin on the 15th is 23:00 in Sydney: the late call is tomorrow there.
    expect(await titlesIn(berlin.id, "today", "Europe/Berlin", "2027-01-15T12:00:00Z")).toEqual([
      "Late call",
      "Stand-up",
    ]);
    expect(await titlesIn(sydney.id, "today", "Australia/Sydney", "2027-01-15T12:00:00Z")).toEqual(["Stand-up"]);
    // At Sydney's midnight the stand-up is overdue there and the call is due today.
    expect(await titlesIn(sydney.id, "today", "Australia/Sydney", "2027-01-15T13:00:00Z")).toEqual([
      "Late call",
      "Stand-up",
    ]);
    expect(await titlesIn(sydney.id, "upcoming", "Australia/Sydney", "2027-01-15T12:00:00Z")).toEqual([
      "Late call",
      "Stand-up",
    ]);
  });
});

describe("writing a due date", () => {
  it("keeps the time when only the date changes, and clears both with the date", async () => {
    const owner = await insertUser("Writer");
    await setAccountTimeZone(owner.id, "Europe/Berlin");
    const task = await add(owner.id, "Call", { dueDate: "2027-01-15", dueTime: "09:00" });
    expect(task).toMatchObject({ dueTime: "09:00", timeZone: "Europe/Berlin" });
    expect(task.dueAt?.toISOString()).toBe("2027-01-15T08:00:00.000Z");
    const moved = await updateTaskForUser(owner.id, task.id, { dueDate: "2027-07-15" });
    expect(moved).toMatchObject({ dueDate: "2027-07-15", dueTime: "09:00" });
    expect(moved!.dueAt?.toISOString()).toBe("2027-07-15T07:00:00.000Z");
    const cleared = await updateTaskForUser(owner.id, task.id, { dueDate: null });
    expect(cleared).toMatchObject({ dueDate: null, dueTime: null, timeZone: null, dueAt: null });
    expect(await getTaskForUser(owner.id, task.id)).toEqual(cleared);
  });
});

describe("the JSON API", () => {
  let ann: ApiUser;
  beforeAll(async () => {
    ann = await signUpApiUser("Ann");
  });

  const patchMe = (json: unknown) => apiFetch("/api/me", withToken(ann.token, { method: "PATCH", json }));
  const post = (json: unknown) => apiFetch("/api/tasks", withToken(ann.token, { method: "POST", json }));

  it("carries the account's zone on /api/me, UTC until set, and refuses an unknown one", async () => {
    const before = await apiFetch("/api/me", withToken(ann.token));
    expect(await before.json()).toMatchObject({ timeZone: "UTC" });
    const changed = await patchMe({ timeZone: "europe/berlin" });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ id: ann.id, timeZone: "Europe/Berlin" });
    const unknown = await patchMe({ timeZone: "Mars/Olympus_Mons" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      errors: [{ path: "timeZone", message: expect.stringContaining("Unknown time zone") }],
    });
    expect(await (await apiFetch("/api/me", withToken(ann.token))).json()).toMatchObject({ timeZone: "Europe/Berlin" });
  });

  it("writes a due date in the account's zone unless the body names one", async () => {
    await patchMe({ timeZone: "Europe/Berlin" });
    const inBerlin = await post({ title: "Standup", dueDate: "2027-01-15", dueTime: "09:00" });
    expect(inBerlin.status).toBe(201);
    expect(await inBerlin.json()).toMatchObject({
      dueDate: "2027-01-15",
      dueTime: "09:00",
      timeZone: "Europe/Berlin",
      dueAt: "2027-01-15T08:00:00.000Z",
    });
    const inSydney = await post({
      title: "Call Sydney",
      dueDate: "2027-01-15",
      dueTime: "09:00",
      timeZone: "Australia/Sydney",
    });
    expect(await inSydney.json()).toMatchObject({ timeZone: "Australia/Sydney", dueAt: "2027-01-14T22:00:00.000Z" });
    const whole = await post({ title: "All day", dueDate: "2027-01-15" });
    expect(await whole.json()).toMatchObject({
      dueTime: null,
      timeZone: "Europe/Berlin",
      dueAt: "2027-01-14T23:00:00.000Z",
    });
  });

  it("answers 400 for an unknown zone, a bad time, and a time without a date", async () => {
    for (const json of [
      { title: "x", dueDate: "2027-01-15", timeZone: "Nowhere/Land" },
      { title: "x", dueDate: "2027-01-15", dueTime: "24:00" },
      { title: "x", dueDate: "2027-01-15", dueTime: "9am" },
      { title: "x", dueTime: "09:00" },
    ]) {
      const response = await post(json);
      expect(response.status, JSON.stringify(json)).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
    const created = (await (await post({ title: "No date" })).json()) as { id: string };
    const patched = await apiFetch(
      `/api/tasks/${created.id}`,
      withToken(ann.token, { method: "PATCH", json: { dueTime: "10:00" } }),
    );
    expect(patched.status).toBe(400);
    expect(await patched.json()).toMatchObject({ errors: [{ path: "dueTime" }] });
  });

  it("lists view=today and view=upcoming on the account's day, and due_before/due_after by date", async () => {
    const viewer = await signUpApiUser("Viewer");
    const zone = "Pacific/Auckland";
    await apiFetch("/api/me", withToken(viewer.token, { method: "PATCH", json: { timeZone: zone } }));
    const today = todayFor(zone).date;
    for (const [title, dueDate] of [
      ["Yesterday", addDays(today, -1)],
      ["Today", today],
      ["Tomorrow", addDays(today, 1)],
    ] as const)
      await apiFetch("/api/tasks", withToken(viewer.token, { method: "POST", json: { title, dueDate } }));
    const list = async (search: string) => {
      const response = await apiFetch(`/api/tasks?${search}`, withToken(viewer.token));
      expect(response.status).toBe(200);
      return ((await response.json()) as { tasks: { title: string }[] }).tasks.map((task) => task.title);
    };
    expect(await list("view=today&sort=due_date")).toEqual(["Yesterday", "Today"]);
    expect(await list("view=upcoming&sort=due_date")).toEqual(["Today", "Tomorrow"]);
    expect(await list(`due_before=${today}`)).toEqual(["Yesterday"]);
    expect(await list(`due_after=${today}`)).toEqual(["Tomorrow"]);
    expect((await apiFetch("/api/tasks?view=yesterday", withToken(viewer.token))).status).toBe(400);
    // Day by day, a task for the whole day before the day's timed ones, one page at a time.
    await apiFetch(
      "/api/tasks",
      withToken(viewer.token, {
        method: "POST",
        json: { title: "Tomorrow 07:00", dueDate: addDays(today, 1), dueTime: "07:00" },
      }),
    );
    await apiFetch(
      "/api/tasks",
      withToken(viewer.token, { method: "POST", json: { title: "Today 23:00", dueDate: today, dueTime: "23:00" } }),
    );
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const response = await apiFetch(
        `/api/tasks?view=upcoming&sort=due_date&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        withToken(viewer.token),
      );
      expect(response.status).toBe(200);
      const page = (await response.json()) as { tasks: { title: string }[]; nextCursor: string | null };
      pages.push(page.tasks.map((task) => task.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.flat()).toEqual(["Today", "Today 23:00", "Tomorrow", "Tomorrow 07:00"]);
    // A cursor of the created order is not one of the view's.
    const created = (await (await apiFetch("/api/tasks?limit=1", withToken(viewer.token))).json()) as {
      nextCursor: string;
    };
    expect(
      (await apiFetch(`/api/tasks?view=upcoming&sort=due_date&cursor=${created.nextCursor}`, withToken(viewer.token)))
        .status,
    ).toBe(400);
    expect((await apiFetch("/api/tasks?due_before=2027-02-30", withToken(viewer.token))).status).toBe(400);
  });
});
