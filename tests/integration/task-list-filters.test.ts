// The list query is built from its table of filters: a filter added to the table reaches the
// SQL, the counts and the prepared-statement key together, so a statement cached for the old
// shape can never answer a query that uses the new filter.
import { beforeAll, expect, it } from "vitest";
import type { z } from "zod";
import { listTasksForUser, taskListQueries } from "~/tasks/list/task-list.server";
import { type FilterTable, LIST_FILTERS, type TaskListQuery, TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { isoDate, TaskInputSchema } from "~/tasks/task-schema";
import { createTasksForUser } from "~/tasks/tasks.server";
import { insertUser } from "../support/users";

// A filter as a developer would add it: one entry, tasks due on or before a date.
const dueBy = {
  schema: isoDate.optional(),
  where: (date: string, { sql, task, bind }) => sql`${task.dueDate} <= ${bind(date)}`,
} satisfies FilterTable[string] & { schema: z.ZodType<string | undefined> };

let ownerId: string;
const unfiltered = TaskListQuerySchema.parse({});
const dueByQuery = (date: string) => ({ ...unfiltered, dueBy: date }) as TaskListQuery;
const titles = (page: { tasks: { title: string }[] }) => page.tasks.map((task) => task.title).sort();

beforeAll(async () => {
  ownerId = (await insertUser()).id;
  await createTasksForUser(ownerId, [
    TaskInputSchema.parse({ title: "Early", dueDate: "2027-01-01" }),
    TaskInputSchema.parse({ title: "Late", dueDate: "2027-06-01" }),
  ]);
});

it("a new filter entry is applied even after the old shape's statement was prepared", async () => {
  // The old shape (no filter in use) is prepared and cached first, by the app's own queries.
  expect(titles(await listTasksForUser(ownerId, unfiltered, { limit: 10 }))).toEqual(["Early", "Late"]);

  const extended = taskListQueries({ ...LIST_FILTERS, dueBy });
  expect(titles(await extended.listTasksForUser(ownerId, unfiltered, { limit: 10 }))).toEqual(["Early", "Late"]);
  expect(titles(await extended.listTasksForUser(ownerId, dueByQuery("2027-03-01"), { limit: 10 }))).toEqual(["Early"]);
  expect((await extended.summarizeTasksForUser(ownerId, dueByQuery("2027-03-01"))).matching).toBe(1);
  expect(
    await extended.taskMatchesQuery(
      ownerId,
      (await listTasksForUser(ownerId, unfiltered, { limit: 1 })).tasks[0]!.id,
      dueByQuery("2026-01-01"),
    ),
  ).toBe(false);
  // The same shape with another value: the cached statement binds the new value.
  expect(titles(await extended.listTasksForUser(ownerId, dueByQuery("2027-12-31"), { limit: 10 }))).toEqual([
    "Early",
    "Late",
  ]);
});

it("refuses a filter that writes its value into the SQL instead of binding it", async () => {
  const careless = taskListQueries({
    ...LIST_FILTERS,
    dueBy: { ...dueBy, where: (date: string, { sql, task }) => sql`${task.dueDate} <= ${date}` },
  });
  await expect(careless.listTasksForUser(ownerId, dueByQuery("2027-03-01"), { limit: 10 })).rejects.toThrow(
    /not a placeholder/,
  );
});
