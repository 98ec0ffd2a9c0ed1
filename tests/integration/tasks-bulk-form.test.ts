// The list page's bulk form, its no-JavaScript delete confirmation and the shortcuts setting,
// called as React Router calls them: real users and sessions, real form posts, a real database.
import { eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createLabelForUser } from "~/labels/labels.server";
import * as settingsRoute from "~/routes/settings";
import * as shortcutsRoute from "~/routes/settings.shortcuts";
import * as listRoute from "~/routes/tasks";
import * as confirmRoute from "~/routes/tasks.delete-selected";
import { TaskInputSchema } from "~/tasks/task-schema";
import { createTasksForUser, type Task } from "~/tasks/tasks.server";
import { task, user } from "../../db/schema";
import { authPost, signUpOverHttp } from "../support/auth";
import { flashOf, loaderOrActionArgs, outcome } from "../support/routes";

interface Visitor {
  userId: string;
  cookie: string;
}

// What React Router passes a loader or action; each route types its own.
const args = (method: "GET" | "POST", path: string, visitor: Visitor, fields?: [string, string][]) =>
  loaderOrActionArgs(method, path, { cookie: visitor.cookie, fields }) as never;

const post = (visitor: Visitor, fields: [string, string][], path = "/tasks") =>
  outcome(() => listRoute.action(args("POST", path, visitor, fields)));

const bulkFields = (action: string, ids: string[], extra: [string, string][] = []): [string, string][] => [
  ["intent", "bulk"],
  ...ids.map((id): [string, string] => ["ids", id]),
  ["bulkAction", action],
  // The form always carries every action's value; only the pressed action's is read.
  ["priority", "high"],
  ["category", ""],
  ["back", "/tasks"],
  ...extra,
];

async function stored(ids: string[]) {
  const rows = await db.select().from(task).where(inArray(task.id, ids));
  return ids.map((id) => rows.find((row) => row.id === id));
}

let alice: Visitor;
let bob: Visitor;
let alicesTasks: Task[];
let bobsTask: Task;

beforeEach(async () => {
  alice = await signUpOverHttp({ name: "Alice" });
  bob = await signUpOverHttp({ name: "Bob" });
  alicesTasks = await createTasksForUser(
    alice.userId,
    ["One", "Two", "Three"].map((title) => TaskInputSchema.parse({ title })),
  );
  bobsTask = (await createTasksForUser(bob.userId, [TaskInputSchema.parse({ title: "Bob's own" })]))[0]!;
});

describe("the list's bulk form", () => {
  it("completes the ticked tasks and comes back to the same view with a message", async () => {
    const ids = alicesTasks.slice(0, 2).map((row) => row.id);
    const result = await post(alice, bulkFields("complete", ids), "/tasks?status=pending&page=1");
    expect(result).toMatchObject({ status: 302, location: "/tasks?status=pending&page=1" });
    expect(await flashOf(result.response)).toEqual({ kind: "success", message: "2 tasks completed" });
    expect((await stored(alicesTasks.map((row) => row.id))).map((row) => row!.completed)).toEqual([true, true, false]);
  });

  it("acts on every task of the page when 'all on this page' is ticked, whatever rows are ticked", async () => {
    const pageIds = alicesTasks.map((row) => row.id).join(",");
    const result = await post(
      alice,
      bulkFields(
        "set_priority",
        [alicesTasks[0]!.id],
        [
          ["scope", "page"],
          ["pageIds", pageIds],
        ],
      ),
    );
    expect(result.status).toBe(302);
    expect(await flashOf(result.response)).toEqual({ kind: "success", message: "Priority set to high on 3 tasks" });
    expect((await stored(alicesTasks.map((row) => row.id))).map((row) => row!.priority)).toEqual([
      "high",
      "high",
      "high",
    ]);
  });

  it("sets a category, and adds and removes a label", async () => {
    await createLabelForUser(alice.userId, { name: "Errand" });
    const ids = [alicesTasks[0]!.id];
    expect(
      await flashOf(
        (
          await post(alice, [
            ...bulkFields("set_category", ids).filter(([name]) => name !== "category"),
            ["category", "Home"],
          ])
        ).response,
      ),
    ).toMatchObject({
      message: "Category set to “Home” on 1 task",
    });
    expect(
      await flashOf((await post(alice, bulkFields("add_label", ids, [["label", "errand"]]))).response),
    ).toMatchObject({
      message: "Label “errand” added to 1 task",
    });
    const [row] = await db.select().from(task).where(eq(task.id, ids[0]!));
    expect(row!.category).toBe("Home");
    expect(
      await flashOf((await post(alice, bulkFields("remove_label", ids, [["label", "Errand"]]))).response),
    ).toMatchObject({
      message: "Label “Errand” removed from 1 task",
    });
  });

  it("says what is wrong, with a 400, when nothing is ticked, the label is unknown or the action is not one", async () => {
    expect(await post(alice, bulkFields("complete", []))).toEqual({
      status: 400,
      data: { intent: "bulk", message: "Select at least one task first." },
    });
    const unknown = await post(alice, bulkFields("add_label", [alicesTasks[0]!.id], [["label", "Nope"]]));
    expect(unknown).toEqual({
      status: 400,
      data: { intent: "bulk", message: "No label named “Nope”. Nothing was changed." },
    });
    const invented = await post(alice, bulkFields("archive", [alicesTasks[0]!.id]));
    expect(invented.status).toBe(400);
    expect((invented.data as { message: string }).message).toMatch(/action must be complete, reopen/);
  });

  it("refuses the whole batch with 404 when one id is someone else's, and changes nothing of either person's", async () => {
    const before = await stored([...alicesTasks.map((row) => row.id), bobsTask.id]);
    for (const action of ["complete", "set_priority", "delete"]) {
      const result = await post(bob, bulkFields(action, [bobsTask.id, alicesTasks[0]!.id]));
      expect(result.status, action).toBe(404);
      expect((result.data as { message: string }).message).toMatch(/no longer exist.*Nothing was changed/);
    }
    expect(await stored([...alicesTasks.map((row) => row.id), bobsTask.id])).toEqual(before);
  });
});

describe("the delete confirmation without JavaScript", () => {
  const confirm = (visitor: Visitor, search: string) =>
    outcome(() => confirmRoute.loader(args("GET", `/tasks/delete-selected?${search}`, visitor)));

  it("lists the titles of the ticked tasks and keeps the view to come back to", async () => {
    const [one, two] = alicesTasks;
    const result = await confirm(
      alice,
      `ids=${one!.id}&ids=${two!.id}&bulkAction=delete&back=${encodeURIComponent("/tasks?q=o")}`,
    );
    expect(result).toEqual({
      status: 200,
      data: {
        tasks: [
          { id: one!.id, title: "One" },
          { id: two!.id, title: "Two" },
        ],
        back: "/tasks?q=o",
      },
    });
  });

  it("answers 404 for someone else's task among them, as for a missing one, and sends an empty selection back", async () => {
    expect((await confirm(bob, `ids=${bobsTask.id}&ids=${alicesTasks[0]!.id}`)).status).toBe(404);
    expect((await confirm(bob, `ids=${crypto.randomUUID()}`)).status).toBe(404);
    const empty = await confirm(alice, "bulkAction=delete&back=%2Ftasks%3Fpage%3D2");
    expect(empty).toMatchObject({ status: 302, location: "/tasks?page=2" });
  });
});

describe("the keyboard shortcuts setting", () => {
  const listLoader = async (visitor: Visitor) =>
    (await outcome(() => listRoute.loader(args("GET", "/tasks", visitor)))).data as { keyboardShortcuts: boolean };

  it("is on for a new account, and the settings form turns it off and on", async () => {
    expect((await listLoader(alice)).keyboardShortcuts).toBe(true);
    const off = await outcome(() =>
      shortcutsRoute.action(args("POST", "/settings/shortcuts", alice, [["intent", "keyboard-shortcuts"]])),
    );
    expect(off).toMatchObject({ status: 302, location: "/settings#shortcuts" });
    expect(await flashOf(off.response)).toEqual({ kind: "success", message: "Keyboard shortcuts are off." });
    expect((await listLoader(alice)).keyboardShortcuts).toBe(false);
    const settings = (await outcome(() => settingsRoute.loader(args("GET", "/settings", alice)))).data as {
      keyboardShortcuts: boolean;
    };
    expect(settings.keyboardShortcuts).toBe(false);
    // Bob's is his own.
    expect((await listLoader(bob)).keyboardShortcuts).toBe(true);
    await outcome(() =>
      shortcutsRoute.action(args("POST", "/settings/shortcuts", alice, [["keyboardShortcuts", "on"]])),
    );
    expect((await listLoader(alice)).keyboardShortcuts).toBe(true);
  });

  it("cannot be set through Better Auth's sign-up or update-user endpoints", async () => {
    const email = `${crypto.randomUUID()}@example.com`;
    const signUp = await authPost(
      "/sign-up/email",
      { name: "Eve", email, password: "Str0ng!password", keyboardShortcuts: false },
      { ip: "10.9.9.9" },
    );
    const update = await authPost("/update-user", { keyboardShortcuts: false }, { cookie: alice.cookie });
    // Refused or ignored, the stored value is the default either way.
    expect([signUp.status, update.status].every((status) => status === 200 || status === 400)).toBe(true);
    const rows = await db
      .select({ keyboardShortcuts: user.keyboardShortcuts })
      .from(user)
      .where(eq(user.id, alice.userId));
    const eve = await db.select({ keyboardShortcuts: user.keyboardShortcuts }).from(user).where(eq(user.email, email));
    expect(rows[0]!.keyboardShortcuts).toBe(true);
    expect(eve.map((row) => row.keyboardShortcuts)).not.toContain(false);
  });
});
