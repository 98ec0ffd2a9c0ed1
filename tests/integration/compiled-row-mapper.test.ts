// The list's statements map their rows with a mapper built once from their columns instead of
// Drizzle's generic one (decision 050): the rows must come out exactly as Drizzle maps them,
// nulls, dates, label arrays, aliased sql`` fields (the due time) and the summary's JSON included.
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { db, withCompiledRowMapper } from "~/db.server";
import { createLabelForUser } from "~/labels/labels.server";
import { TaskInputSchema } from "~/tasks/task-schema";
import { createTasksForUser, taskColumns } from "~/tasks/tasks.server";
import { task } from "../../db/schema";
import { insertUser } from "../support/users";

let ownerId: string;

beforeAll(async () => {
  ownerId = (await insertUser()).id;
  await createLabelForUser(ownerId, { name: "Work", color: "blue" });
  await createTasksForUser(ownerId, [
    TaskInputSchema.parse({
      title: "Everything set",
      description: "Notes",
      priority: "high",
      category: "Home",
      dueDate: "2027-01-01",
      dueTime: "09:30",
      labels: ["Work"],
    }),
    TaskInputSchema.parse({ title: "Nothing set" }),
  ]);
});

const statement = (name: string) =>
  db
    .select({
      ...taskColumns,
      count: sql<number>`(count(*) over ())::int`,
      due: sql<string | null>`${task.dueDate}::text`,
    })
    .from(task)
    .where(sql`${task.userId} = ${sql.placeholder("userId")}`)
    .orderBy(task.title)
    .prepare(name);

it("maps every column as Drizzle's own mapper does", async () => {
  const byDrizzle = await statement("mapper_test_drizzle").execute({ userId: ownerId });
  const compiled = withCompiledRowMapper(statement("mapper_test_compiled"));
  expect((compiled as unknown as { customResultMapper?: unknown }).customResultMapper).toBeTypeOf("function");
  const byCompiled = await compiled.execute({ userId: ownerId });
  expect(byCompiled).toEqual(byDrizzle);
  expect(byCompiled[0]!.createdAt).toBeInstanceOf(Date);
  expect(byCompiled.map((row) => [row.title, row.labels, row.dueDate, row.dueTime, row.category])).toEqual([
    ["Everything set", ["Work"], "2027-01-01", "09:30", "Home"],
    ["Nothing set", [], null, null, null],
  ]);
});

it("leaves a nested selection to Drizzle", async () => {
  const nested = db
    .select({ owner: { id: task.userId } })
    .from(task)
    .where(sql`${task.userId} = ${sql.placeholder("userId")}`)
    .prepare("mapper_test_nested");
  const before = (nested as unknown as { customResultMapper?: unknown }).customResultMapper;
  withCompiledRowMapper(nested);
  expect((nested as unknown as { customResultMapper?: unknown }).customResultMapper).toBe(before);
  expect(await nested.execute({ userId: ownerId })).toEqual([{ owner: { id: ownerId } }, { owner: { id: ownerId } }]);
});
