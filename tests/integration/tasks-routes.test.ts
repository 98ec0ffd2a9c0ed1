// The task pages' loaders and actions, called as React Router calls them: real users and
// sessions from Better Auth, real form posts, a real database (PGlite or PostgreSQL).
import { beforeEach, describe, expect, it } from "vitest";
import * as listRoute from "~/routes/tasks";
import * as taskRoute from "~/routes/tasks.$taskId";
import * as confirmDeleteRoute from "~/routes/tasks.$taskId.delete";
import * as timeZoneRoute from "~/routes/settings.time-zone";
import * as quickAddRoute from "~/routes/tasks.quick-add";
import { createProjectForUser } from "~/projects/projects.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { summarizeTasksForUser } from "~/tasks/list/task-list.server";
import { TaskInputSchema } from "~/tasks/task-schema";
import { createLabelForUser } from "~/labels/labels.server";
import { signUpOverHttp } from "../support/auth";
import {
  flashOf as flashOfResponse,
  loaderOrActionArgs,
  outcome,
  routeContext,
  type RouteOutcome,
} from "../support/routes";
import { createTaskForUser, createTasksForUser, getTaskForUser, type Task } from "~/tasks/tasks.server";
import { getAccountTimeZone, setAccountTimeZone } from "~/tasks/time-zone.server";

const ORIGIN = new URL(process.env.BETTER_AUTH_URL!).origin;

interface Visitor {
  userId: string;
  cookie: string;
}

async function signUp(name: string): Promise<Visitor> {
  // Each visitor signs up from an address of its own, as real users do (sign-ups are limited per IP).
  const { userId, cookie } = await signUpOverHttp({ name });
  return { userId, cookie };
}

type Outcome = RouteOutcome;

// What React Router passes a loader or action (cast per route below: params are typed per route).
const args = (
  method: "GET" | "POST",
  path: string,
  visitor: Visitor | null,
  params: Record<string, string>,
  fields?: Record<string, string>,
) => loaderOrActionArgs(method, path, { cookie: visitor?.cookie, params, fields });

const call = {
  list: (visitor: Visitor | null, path = "/tasks") =>
    outcome(() =>
      listRoute.loader(args("GET", path, visitor, {}) as unknown as Parameters<typeof listRoute.loader>[0]),
    ),
  listAction: (visitor: Visitor | null, fields: Record<string, string>, path = "/tasks") =>
    outcome(() =>
      listRoute.action(args("POST", path, visitor, {}, fields) as unknown as Parameters<typeof listRoute.action>[0]),
    ),
  task: (visitor: Visitor, taskId: string, search = "") =>
    outcome(() =>
      taskRoute.loader(
        args("GET", `/tasks/${taskId}${search}`, visitor, { taskId }) as unknown as Parameters<
          typeof taskRoute.loader
        >[0],
      ),
    ),
  taskAction: (visitor: Visitor, taskId: string, fields: Record<string, string>) =>
    outcome(() =>
      taskRoute.action(
        args("POST", `/tasks/${taskId}`, visitor, { taskId }, fields) as unknown as Parameters<
          typeof taskRoute.action
        >[0],
      ),
    ),
  confirmDelete: (visitor: Visitor, taskId: string, search = "") =>
    outcome(() =>
      confirmDeleteRoute.loader(
        args("GET", `/tasks/${taskId}/delete${search}`, visitor, { taskId }) as unknown as Parameters<
          typeof confirmDeleteRoute.loader
        >[0],
      ),
    ),
};

const flashOf = (result: Outcome) => flashOfResponse(result.response);

const fieldErrors = (result: Outcome) => (result.data as { error?: Record<string, string[]> }).error;

let alice: Visitor;
let bob: Visitor;
let alicesTask: Task;

beforeEach(async () => {
  alice = await signUp("Alice");
  bob = await signUp("Bob");
  alicesTask = await createTaskForUser(
    alice.userId,
    TaskInputSchema.parse({
      title: "Alice's secret",
      description: "Only hers",
      priority: "high",
      category: "Private",
      dueDate: "2030-01-01",
    }),
  );
});

describe("another user's task", () => {
  const MISSING = "00000000-0000-4000-8000-000000000000";

  it("cannot be read: the same 404 as a missing task or a malformed id", async () => {
    for (const taskId of [alicesTask.id, MISSING, "not-a-uuid"]) {
      const page = await call.task(bob, taskId);
      expect(page, taskId).toEqual({ status: 404, data: "Task not found" });
      expect(await call.confirmDelete(bob, taskId), taskId).toEqual({ status: 404, data: "Task not found" });
    }
    expect((await call.task(alice, alicesTask.id)).status).toBe(200);
  });

  it("never shows in the list, the counts or the categories", async () => {
    const { data } = await call.list(bob);
    const page = data as Awaited<ReturnType<typeof listRoute.loader>>;
    expect(page.tasks).toEqual([]);
    expect(page.counts).toEqual({ pending: 0, completed: 0 });
    expect(page.categories).toEqual([]);
  });

  it("cannot be updated, toggled or deleted, and stays exactly as it was", async () => {
    const valid = { intent: "update", title: "Pwned", priority: "low" };
    for (const taskId of [alicesTask.id, MISSING]) {
      await expect(call.taskAction(bob, taskId, valid)).resolves.toMatchObject({ status: 404 });
      await expect(call.taskAction(bob, taskId, { intent: "delete" })).resolves.toMatchObject({ status: 404 });
      const toggle = await call.listAction(bob, { intent: "toggle", taskId, completed: "true" });
      expect(toggle).toMatchObject({ status: 404, data: { intent: "toggle", taskId } });
      const remove = await call.listAction(bob, { intent: "delete", taskId });
      expect(remove).toMatchObject({ status: 404, data: { intent: "delete", taskId } });
    }
    // A missing task and someone else's answer with the same words.
    const theirs = await call.listAction(bob, { intent: "delete", taskId: alicesTask.id });
    const missing = await call.listAction(bob, { intent: "delete", taskId: MISSING });
    expect(theirs.data).toEqual({ ...(missing.data as object), taskId: alicesTask.id });

    expect(await getTaskForUser(alice.userId, alicesTask.id)).toEqual(alicesTask);
  });
});

describe("creating from the list", () => {
  it("saves every field for the signed-in user and redirects back to the list with a flash", async () => {
    const result = await call.listAction(
      alice,
      {
        intent: "create",
        title: "  Plan the trip  ",
        description: "Trains\r\nand hotels",
        priority: "low",
        category: "Travel",
        dueDate: "2027-07-01",
      },
      "/tasks?status=pending&sort=title&page=3",
    );
    // Same filters, back on page 1.
    expect(result).toMatchObject({ status: 302, location: "/tasks?status=pending&sort=title" });
    expect(await flashOf(result)).toEqual({ kind: "success", message: "Task created" });

    const { data } = await call.list(alice, "/tasks?q=trip");
    const [created] = (data as Awaited<ReturnType<typeof listRoute.loader>>).tasks;
    expect(created).toMatchObject({
      title: "Plan the trip",
      description: "Trains\nand hotels",
      priority: "low",
      category: "Travel",
      dueDate: "2027-07-01",
      completed: false,
    });
  });

  it("says so when the current filters hide the new task, and offers to clear them", async () => {
    const hidden = await call.listAction(
      alice,
      { intent: "create", title: "Call mum" },
      "/tasks?q=trip&status=completed",
    );
    expect(hidden).toMatchObject({ status: 302, location: "/tasks?status=completed&q=trip" });
    expect(await flashOf(hidden)).toEqual({
      kind: "success",
      message: "Task created. The current filters hide it.",
      action: { label: "Clear filters", href: "/tasks" },
    });

    const shown = await call.listAction(
      alice,
      { intent: "create", title: "Plan the trip", category: "Travel" },
      "/tasks?q=TRIP&category=Travel",
    );
    expect(await flashOf(shown)).toEqual({ kind: "success", message: "Task created" });
  });

  it("refuses invalid input with 400 and field errors, saving nothing", async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ title: "   " }, "title", "Title is required"],
      [{ title: "Nul\u0000byte" }, "title", "Title cannot contain control characters"],
      [{ title: "x".repeat(201) }, "title", "Title must be at most 200 characters"],
      [{ title: "Bad date", dueDate: "2026-02-30" }, "dueDate", "Due date must be a real calendar date"],
      [{ title: "Bad priority", priority: "urgent" }, "priority", "Priority must be low, medium or high"],
      [{ title: "Bell", description: "ding\u0007" }, "description", "Description cannot contain control characters"],
    ];
    for (const [fields, field, message] of cases) {
      const result = await call.listAction(alice, { intent: "create", ...fields });
      expect(result.status, JSON.stringify(fields)).toBe(400);
      expect(fieldErrors({ ...result, data: (result.data as { result: unknown }).result })?.[field]).toEqual([message]);
    }
    expect(await summarizeTasksForUser(alice.userId, TaskListQuerySchema.parse({}))).toMatchObject({
      pending: 1,
      completed: 0,
    });
  });

  it("sends signed-out visitors to sign-in", async () => {
    const result = await call.listAction(null, { intent: "create", title: "Anonymous" });
    expect(result).toMatchObject({ status: 302, location: "/sign-in?redirectTo=%2Ftasks" });
  });
});

describe("labels in the task forms", () => {
  const createWith = (visitor: Visitor, fields: [string, string][]) => {
    const request = new Request(new URL("/tasks", ORIGIN), {
      method: "POST",
      headers: { origin: ORIGIN, cookie: visitor.cookie },
      body: (() => {
        const body = new FormData();
        for (const [name, value] of fields) body.append(name, value);
        return body;
      })(),
    });
    const routeArgs = { request, url: new URL(request.url), params: {}, context: routeContext(), pattern: "" };
    return outcome(() => listRoute.action(routeArgs as unknown as Parameters<typeof listRoute.action>[0]));
  };

  it("adds the ticked labels and creates the new one, on create and on edit", async () => {
    await createLabelForUser(alice.userId, { name: "Home" });
    await createLabelForUser(alice.userId, { name: "Weekend" });
    const created = await createWith(alice, [
      ["intent", "create"],
      ["title", "Paint"],
      ["labels", "home"],
      ["labels", "Weekend"],
      ["newLabel", " DIY "],
    ]);
    expect(created.status).toBe(302);
    const { data } = await call.list(alice, "/tasks?label=diy");
    const [task] = (data as Awaited<ReturnType<typeof listRoute.loader>>).tasks;
    expect(task).toMatchObject({ title: "Paint", labels: ["DIY", "Home", "Weekend"] });
    expect((data as Awaited<ReturnType<typeof listRoute.loader>>).labels.map((label) => label.name)).toEqual([
      "DIY",
      "Home",
      "Weekend",
    ]);

    // "New label" naming a label the person has (any case) adds it rather than failing.
    const edited = await call.taskAction(alice, task!.id, { intent: "update", title: "Paint", newLabel: "home" });
    expect(edited.status).toBe(302);
    expect((await getTaskForUser(alice.userId, task!.id))!.labels).toEqual(["Home"]);
  });

  it("refuses bad label input with 400 and an error on the field, never a 500", async () => {
    await createLabelForUser(alice.userId, { name: "Kept" });
    const cases: [[string, string][], string][] = [
      [[["labels", "nul\u0000"]], "labels[0]"],
      [[["newLabel", "x".repeat(33)]], "newLabel"],
      [[["newLabel", "tab\there"]], "newLabel"],
      // Deleted in another tab since the form was shown (or another person's).
      [[["labels", "Gone"]], "labels"],
    ];
    for (const [fields, field] of cases) {
      const result = await createWith(alice, [["intent", "create"], ["title", "Labelled"], ...fields]);
      expect(result.status, JSON.stringify(fields)).toBe(400);
      expect(
        Object.keys(fieldErrors({ ...result, data: (result.data as { result: unknown }).result }) ?? {}),
        JSON.stringify(fields),
      ).toContain(field);
    }
    const bobsLabel = await createLabelForUser(bob.userId, { name: "Bob's" });
    const withBobs = await createWith(alice, [
      ["intent", "create"],
      ["title", "Labelled"],
      ["labels", bobsLabel.name],
    ]);
    expect(withBobs.status).toBe(400);
    expect(await summarizeTasksForUser(alice.userId, TaskListQuerySchema.parse({}))).toMatchObject({
      pending: 1,
      completed: 0,
    });
  });
});

describe("toggling and deleting from the list", () => {
  it("sets completion to the state asked for and keeps the list's URL", async () => {
    const path = "/tasks?priority=high&page=2";
    const completed = await call.listAction(
      alice,
      { intent: "toggle", taskId: alicesTask.id, completed: "true" },
      path,
    );
    expect(completed).toMatchObject({ status: 302, location: path });
    expect(await flashOf(completed)).toEqual({ kind: "success", message: "Task completed" });
    expect((await getTaskForUser(alice.userId, alicesTask.id))?.completed).toBe(true);

    // Asking again for the same state is harmless (a double click, a resent form).
    await call.listAction(alice, { intent: "toggle", taskId: alicesTask.id, completed: "true" }, path);
    expect((await getTaskForUser(alice.userId, alicesTask.id))?.completed).toBe(true);

    const reopened = await call.listAction(
      alice,
      { intent: "toggle", taskId: alicesTask.id, completed: "false" },
      path,
    );
    expect(await flashOf(reopened)).toEqual({ kind: "success", message: "Task reopened" });
    expect((await getTaskForUser(alice.userId, alicesTask.id))?.completed).toBe(false);
  });

  it("deletes the task", async () => {
    const result = await call.listAction(alice, { intent: "delete", taskId: alicesTask.id });
    expect(result).toMatchObject({ status: 302, location: "/tasks" });
    expect(await flashOf(result)).toEqual({ kind: "success", message: "Task deleted" });
    expect(await getTaskForUser(alice.userId, alicesTask.id)).toBeNull();
  });

  it("refuses an unknown intent", async () => {
    await expect(call.listAction(alice, { intent: "archive", taskId: alicesTask.id })).resolves.toMatchObject({
      status: 400,
    });
  });
});

describe("the edit page", () => {
  it("loads the task and updates every field", async () => {
    const page = await call.task(alice, alicesTask.id);
    expect(page.data).toMatchObject({ task: { id: alicesTask.id, title: "Alice's secret" }, categories: ["Private"] });

    const result = await call.taskAction(alice, alicesTask.id, {
      intent: "update",
      title: "Renamed",
      description: "",
      priority: "medium",
      category: "",
      dueDate: "",
      completed: "on",
    });
    expect(result).toMatchObject({ status: 302, location: "/tasks" });
    expect(await flashOf(result)).toEqual({ kind: "success", message: "Task updated" });
    expect(await getTaskForUser(alice.userId, alicesTask.id)).toMatchObject({
      title: "Renamed",
      description: "",
      priority: "medium",
      category: null,
      dueDate: null,
      completed: true,
    });
  });

  it("returns to the list view it was opened from, replacing the edit page's history entry", async () => {
    const back = "/tasks?q=secret&sort=title&page=2";
    const page = await call.task(alice, alicesTask.id, `?${new URLSearchParams({ back })}`);
    expect(page.data).toMatchObject({ back });
    const confirm = await call.confirmDelete(alice, alicesTask.id, `?${new URLSearchParams({ back })}`);
    expect(confirm.data).toMatchObject({ back });

    const saved = await call.taskAction(alice, alicesTask.id, {
      intent: "update",
      title: "Kept",
      priority: "low",
      back,
    });
    expect(saved).toMatchObject({ status: 302, location: back });
    expect(saved.response!.headers.get("X-Remix-Replace")).toBe("true");
    expect(await flashOf(saved)).toEqual({ kind: "success", message: "Task updated" });

    const deleted = await call.taskAction(alice, alicesTask.id, { intent: "delete", back });
    expect(deleted).toMatchObject({ status: 302, location: back });
    expect(deleted.response!.headers.get("X-Remix-Replace")).toBe("true");
  });

  it("never returns anywhere but the task list", async () => {
    for (const back of ["https://evil.example/tasks", "//evil.example", "/settings", "/api/tasks"]) {
      const page = await call.task(alice, alicesTask.id, `?${new URLSearchParams({ back })}`);
      expect(page.data, back).toMatchObject({ back: "/tasks" });
      const saved = await call.taskAction(alice, alicesTask.id, {
        intent: "update",
        title: "Kept",
        priority: "low",
        back,
      });
      expect(saved, back).toMatchObject({ status: 302, location: "/tasks" });
    }
  });

  it("refuses invalid input with 400 and field errors, changing nothing", async () => {
    const result = await call.taskAction(alice, alicesTask.id, { intent: "update", title: "", dueDate: "31/12/2027" });
    expect(result.status).toBe(400);
    expect(fieldErrors(result)).toMatchObject({
      title: ["Title is required"],
      dueDate: ["Due date must be a date (YYYY-MM-DD)"],
    });
    expect(await getTaskForUser(alice.userId, alicesTask.id)).toEqual(alicesTask);
  });

  it("deletes the task", async () => {
    const result = await call.taskAction(alice, alicesTask.id, { intent: "delete" });
    expect(result).toMatchObject({ status: 302, location: "/tasks" });
    expect(await getTaskForUser(alice.userId, alicesTask.id)).toBeNull();
    // Deleting twice: the task is simply not there any more.
    await expect(call.taskAction(alice, alicesTask.id, { intent: "delete" })).resolves.toMatchObject({ status: 404 });
  });
});

describe("the list", () => {
  it("shows 50 tasks a page, newest first, with counts, and clamps a page past the end", async () => {
    await createTasksForUser(
      alice.userId,
      Array.from({ length: 54 }, (_, index) => TaskInputSchema.parse({ title: `Bulk ${index}`, completed: index < 4 })),
    );
    const first = (await call.list(alice)).data as Awaited<ReturnType<typeof listRoute.loader>>;
    expect(first.tasks).toHaveLength(50);
    expect(first.pageCount).toBe(2);
    expect(first.counts).toEqual({ pending: 51, completed: 4 });

    const beyond = (await call.list(alice, "/tasks?page=9")).data as Awaited<ReturnType<typeof listRoute.loader>>;
    expect(beyond.view.page).toBe(2);
    expect(beyond.tasks).toHaveLength(5);

    const pending = (await call.list(alice, "/tasks?status=pending&q=secret")).data as Awaited<
      ReturnType<typeof listRoute.loader>
    >;
    expect(pending.tasks.map((task) => task.title)).toEqual(["Alice's secret"]);
  });

  it("reads 'today' in the account's time zone (UTC until set), whatever cookie the browser sends", async () => {
    const request = (cookie: string) => {
      const base = args("GET", "/tasks", alice, {});
      base.request.headers.set("cookie", `${alice.cookie}; ${cookie}`);
      return base;
    };
    const load = async () =>
      (
        await outcome(() =>
          listRoute.loader(request("tz=Asia%2FTokyo") as unknown as Parameters<typeof listRoute.loader>[0]),
        )
      ).data as Awaited<ReturnType<typeof listRoute.loader>>;
    expect((await load()).today).toEqual({ date: new Date().toISOString().slice(0, 10), timeZone: "UTC" });
    await setAccountTimeZone(alice.userId, "Pacific/Kiritimati");
    expect((await load()).today).toEqual({
      date: new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Kiritimati" }).format(new Date()),
      timeZone: "Pacific/Kiritimati",
    });
  });

  it("previews quick add with the person's own projects and labels, creating nothing; a stranger's are unknown", async () => {
    await setAccountTimeZone(alice.userId, "Europe/Berlin");
    await createProjectForUser(alice.userId, { name: "Home renovation", favorite: false });
    await createLabelForUser(alice.userId, { name: "Bills", color: "blue" });
    await createProjectForUser(bob.userId, { name: "Secret plans", favorite: false });
    const preview = async (visitor: Visitor | null, text: string) =>
      outcome(() =>
        quickAddRoute.loader(
          args("GET", `/tasks/quick-add?${new URLSearchParams({ text })}`, visitor, {}) as unknown as Parameters<
            typeof quickAddRoute.loader
          >[0],
        ),
      );
    const before = await summarizeTasksForUser(alice.userId, TaskListQuerySchema.parse({}));
    const answer = await preview(alice, "Pay rent every month on the 1st #home renovation @bills p1");
    expect(answer.status).toBe(200);
    expect(answer.response!.headers.get("cache-control")).toBe("private, no-store");
    const body = (await answer.response!.json()) as { title: string; parts: unknown[] };
    expect(body.title).toBe("Pay rent");
    expect(body.parts).toEqual([
      {
        kind: "repeat",
        text: "every month on the 1st",
        meaning: expect.stringMatching(/^Every month on day 1, from /),
      },
      { kind: "project", text: "#home renovation", meaning: "In Home renovation" },
      { kind: "label", text: "@bills", meaning: "Label Bills" },
      { kind: "priority", text: "p1", meaning: "High priority" },
    ]);
    await expect((await preview(alice, "Call mom tomorrow 5pm")).response!.json()).resolves.toMatchObject({
      parts: [{ kind: "date", text: "tomorrow 5pm", meaning: "Due Tomorrow at 17:00" }],
    });
    // Bob's project is not Alice's to name: the same answer as a name nobody has.
    const stranger = (await (await preview(alice, "Plot #Secret plans @nolabel")).response!.json()) as {
      parts: { problem?: string }[];
    };
    expect(stranger.parts.map((part) => part.problem)).toEqual([
      "No project named “Secret”",
      "No label named “nolabel”",
    ]);
    expect(await summarizeTasksForUser(alice.userId, TaskListQuerySchema.parse({}))).toEqual(before);
    // Signed out: to the sign-in page, as every signed-in page; too long: a 400.
    expect((await preview(null, "x")).status).toBe(302);
    expect((await preview(alice, "x".repeat(501))).status).toBe(400);
  });

  it("a detected zone fills a setting never made, and never replaces one the person chose", async () => {
    const post = (visitor: Visitor, fields: Record<string, string>) =>
      outcome(() =>
        timeZoneRoute.action(
          args("POST", "/settings/time-zone", visitor, {}, fields) as unknown as Parameters<
            typeof timeZoneRoute.action
          >[0],
        ),
      );
    // Alice's first page detects Berlin: her empty setting takes it.
    expect((await post(alice, { timeZone: "Europe/Berlin", detected: "on" })).data).toEqual({ saved: "Europe/Berlin" });
    expect(await getAccountTimeZone(alice.userId)).toBe("Europe/Berlin");
    // Another device detects Tokyo later: her zone stays.
    expect((await post(alice, { timeZone: "Asia/Tokyo", detected: "on" })).data).toEqual({ saved: "Europe/Berlin" });
    // Bob chooses Sydney in the select before his first page's detection arrives: Sydney stays.
    expect((await post(bob, { timeZone: "Australia/Sydney" })).status).toBe(302);
    expect((await post(bob, { timeZone: "America/Sao_Paulo", detected: "on" })).data).toEqual({
      saved: "Australia/Sydney",
    });
    expect(await getAccountTimeZone(bob.userId)).toBe("Australia/Sydney");
    // Choosing in the select always wins.
    expect((await post(alice, { timeZone: "Asia/Tokyo" })).status).toBe(302);
    expect(await getAccountTimeZone(alice.userId)).toBe("Asia/Tokyo");
  });

  it("saves a due time from the form in the account's zone, and refuses a time without a date", async () => {
    await setAccountTimeZone(alice.userId, "Australia/Sydney");
    const saved = await call.taskAction(alice, alicesTask.id, {
      intent: "update",
      title: "Alice's secret",
      dueDate: "2027-01-15",
      dueTime: "09:00",
    });
    expect(saved.status).toBe(302);
    const task = await getTaskForUser(alice.userId, alicesTask.id);
    expect(task).toMatchObject({ dueDate: "2027-01-15", dueTime: "09:00", timeZone: "Australia/Sydney" });
    expect(task!.dueAt!.toISOString()).toBe("2027-01-14T22:00:00.000Z");
    const refused = await call.taskAction(alice, alicesTask.id, { intent: "update", title: "x", dueTime: "09:00" });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused)?.dueTime).toEqual(["A due time needs a due date"]);
  });
});
