import { beforeEach, describe, expect, it } from "vitest";
import {
  InvalidCursorError,
  listCategoriesForUser,
  listTasksForUser,
  summarizeTasksForUser,
} from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { type TaskInput, TaskInputSchema } from "~/tasks/task-schema";
import {
  createTaskForUser,
  createTasksForUser,
  deleteTaskForUser,
  getTaskForUser,
  setTaskCompletion,
  taskVersion,
  TaskVersionMismatchError,
  toggleTaskCompletion,
  updateTaskForUser,
} from "~/tasks/tasks.server";
import { insertUser } from "../support/users";

const input = (fields: Partial<TaskInput> & { title: string }) => TaskInputSchema.parse(fields);
const query = (fields: Record<string, unknown> = {}) => TaskListQuerySchema.parse(fields);

let alice: { id: string };
let bob: { id: string };

beforeEach(async () => {
  alice = await insertUser("Alice");
  bob = await insertUser("Bob");
});

describe("creating and reading", () => {
  it("stores every field and reads it back for its owner only", async () => {
    const created = await createTaskForUser(
      alice.id,
      input({
        title: "File taxes",
        description: "Forms A\nand B",
        priority: "high",
        category: "Home",
        dueDate: "2027-04-15",
      }),
    );
    expect(created).toMatchObject({
      userId: alice.id,
      title: "File taxes",
      description: "Forms A\nand B",
      priority: "high",
      category: "Home",
      dueDate: "2027-04-15",
      completed: false,
    });
    expect(await getTaskForUser(alice.id, created.id)).toEqual(created);
    expect(await getTaskForUser(bob.id, created.id)).toBeNull();
  });

  it("treats ids that are not UUIDs as unknown instead of failing", async () => {
    expect(await getTaskForUser(alice.id, "1 or 1=1")).toBeNull();
    expect(await updateTaskForUser(alice.id, "not-a-uuid", { title: "x" })).toBeNull();
    expect(await deleteTaskForUser(alice.id, "'; drop table task; --")).toBeNull();
  });
});

describe("another user cannot touch a task", () => {
  it("update, toggle, complete and delete by id report not found and leave the row unchanged", async () => {
    const mine = await createTaskForUser(alice.id, input({ title: "Alice's secret" }));
    expect(await updateTaskForUser(bob.id, mine.id, { title: "pwned" })).toBeNull();
    expect(await toggleTaskCompletion(bob.id, mine.id)).toBeNull();
    expect(await setTaskCompletion(bob.id, mine.id, true)).toBeNull();
    expect(await deleteTaskForUser(bob.id, mine.id)).toBeNull();
    expect(
      await updateTaskForUser(bob.id, mine.id, { title: "pwned" }, { expectedVersion: taskVersion(mine) }),
    ).toBeNull();
    expect(await getTaskForUser(alice.id, mine.id)).toEqual(mine);
  });
});

describe("writing", () => {
  it("updates only the given fields and moves the version forward", async () => {
    const task = await createTaskForUser(alice.id, input({ title: "Draft", category: "Work" }));
    const updated = await updateTaskForUser(alice.id, task.id, { title: "Final", dueDate: "2027-01-31" });
    expect(updated).toMatchObject({ title: "Final", category: "Work", dueDate: "2027-01-31" });
    expect(updated!.updatedAt.getTime()).toBeGreaterThan(task.updatedAt.getTime());
    expect(taskVersion(updated!)).not.toBe(taskVersion(task));
  });

  it("toggles completion back and forth", async () => {
    const task = await createTaskForUser(alice.id, input({ title: "Toggle me" }));
    expect((await toggleTaskCompletion(alice.id, task.id))!.completed).toBe(true);
    expect((await toggleTaskCompletion(alice.id, task.id))!.completed).toBe(false);
  });

  it("refuses a write that names a stale version, so two clients cannot overwrite each other", async () => {
    const task = await createTaskForUser(alice.id, input({ title: "Shared" }));
    const seen = taskVersion(task);
    const first = await updateTaskForUser(alice.id, task.id, { title: "First" }, { expectedVersion: seen });
    expect(first!.title).toBe("First");
    await expect(
      updateTaskForUser(alice.id, task.id, { title: "Second" }, { expectedVersion: seen }),
    ).rejects.toBeInstanceOf(TaskVersionMismatchError);
    await expect(deleteTaskForUser(alice.id, task.id, { expectedVersion: seen })).rejects.toBeInstanceOf(
      TaskVersionMismatchError,
    );
    expect((await getTaskForUser(alice.id, task.id))!.title).toBe("First");
  });

  it("deletes the owner's task", async () => {
    const task = await createTaskForUser(alice.id, input({ title: "Gone soon" }));
    expect((await deleteTaskForUser(alice.id, task.id))!.id).toBe(task.id);
    expect(await getTaskForUser(alice.id, task.id)).toBeNull();
    expect(await deleteTaskForUser(alice.id, task.id)).toBeNull();
  });
});

describe("listing", () => {
  beforeEach(async () => {
    await createTasksForUser(alice.id, [
      input({ title: "buy milk", priority: "low", category: "Home", dueDate: "2027-03-01" }),
      input({ title: "Answer email", priority: "high", category: "Work", description: "the quarterly report" }),
      input({ title: "Call plumber", priority: "medium", category: "Home", dueDate: "2027-01-10", completed: true }),
      input({ title: "50% off sale_ends", priority: "medium" }),
    ]);
    await createTaskForUser(bob.id, input({ title: "Bob's task", category: "Bob only" }));
  });

  const titles = async (fields: Record<string, unknown>, limit = 50) =>
    (await listTasksForUser(alice.id, query(fields), { limit })).tasks.map((task) => task.title);

  it("filters by status, priority, category and text in title or description", async () => {
    expect(await titles({ status: "completed" })).toEqual(["Call plumber"]);
    expect((await titles({ status: "pending" })).sort()).toEqual(["50% off sale_ends", "Answer email", "buy milk"]);
    expect(await titles({ priority: "high" })).toEqual(["Answer email"]);
    expect((await titles({ category: "Home" })).sort()).toEqual(["Call plumber", "buy milk"]);
    expect(await titles({ q: "QUARTERLY" })).toEqual(["Answer email"]);
    // LIKE wildcards in the search are literal characters.
    expect(await titles({ q: "50%" })).toEqual(["50% off sale_ends"]);
    expect(await titles({ q: "_" })).toEqual(["50% off sale_ends"]);
    expect(await titles({ q: "' or 1=1 --" })).toEqual([]);
  });

  it("sorts by title, priority and due date (no due date last) in both directions", async () => {
    expect(await titles({ sort: "title" })).toEqual(["50% off sale_ends", "Answer email", "buy milk", "Call plumber"]);
    expect(await titles({ sort: "title", order: "desc" })).toEqual([
      "Call plumber",
      "buy milk",
      "Answer email",
      "50% off sale_ends",
    ]);
    expect((await titles({ sort: "priority" }))[0]).toBe("Answer email");
    expect((await titles({ sort: "priority", order: "asc" }))[0]).toBe("buy milk");
    expect((await titles({ sort: "due_date" })).slice(0, 2)).toEqual(["Call plumber", "buy milk"]);
    expect((await titles({ sort: "due_date", order: "desc" })).slice(0, 2)).toEqual(["buy milk", "Call plumber"]);
  });

  it("counts by status, counts matches and lists the owner's categories", async () => {
    expect(await summarizeTasksForUser(alice.id, query({ category: "Home" }))).toEqual({
      matching: 2,
      pending: 3,
      completed: 1,
      categories: ["Home", "Work"],
      labels: [],
    });
    expect((await summarizeTasksForUser(alice.id, query({ q: "' or 1=1 --" }))).matching).toBe(0);
    expect(await listCategoriesForUser(alice.id)).toEqual(["Home", "Work"]);
    expect(await listCategoriesForUser(bob.id)).toEqual(["Bob only"]);
    expect(await summarizeTasksForUser(bob.id, query())).toEqual({
      matching: 1,
      pending: 1,
      completed: 0,
      categories: ["Bob only"],
      labels: [],
    });
  });

  it("never lists another user's tasks", async () => {
    expect(await titles({ q: "Bob" })).toEqual([]);
    expect(await titles({ category: "Bob only" })).toEqual([]);
  });

  it("rejects a cursor that is not one of ours", async () => {
    await expect(listTasksForUser(alice.id, query(), { limit: 2, cursor: "garbage" })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });
});

describe("cursor pagination", () => {
  it.each(["created", "due_date", "priority", "title"] as const)(
    "walks every task exactly once by %s, in both orders, even with inserts in between",
    async (sort) => {
      const priorities = ["low", "medium", "high"] as const;
      await createTasksForUser(
        alice.id,
        Array.from({ length: 23 }, (_, index) =>
          input({
            title: `Task ${String(index % 7).padStart(2, "0")}`,
            priority: priorities[index % 3],
            dueDate: index % 4 === 0 ? null : `2027-0${(index % 5) + 1}-1${index % 3}`,
          }),
        ),
      );
      for (const order of ["asc", "desc"] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await listTasksForUser(alice.id, query({ sort, order }), { limit: 5, cursor });
          seen.push(...page.tasks.map((task) => task.id));
          cursor = page.nextCursor;
          if (pages++ === 1)
            await createTaskForUser(alice.id, input({ title: "Added while paging", dueDate: "2027-02-02" }));
        } while (cursor);
        const all = await listTasksForUser(alice.id, query({ sort, order }), { limit: 100 });
        // Every task that existed before paging started appears exactly once.
        expect(new Set(seen).size).toBe(seen.length);
        const before = all.tasks.filter((task) => task.title !== "Added while paging").map((task) => task.id);
        expect(seen.filter((id) => before.includes(id))).toEqual(before);
      }
    },
  );
});
