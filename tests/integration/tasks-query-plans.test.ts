// With a realistic table (many users, a few hundred tasks each), every list query the page
// and the API can send reads through an index on the owner, never a scan of the whole table.
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { listTasksStatement } from "~/tasks/task-list.server";
import { ORDERS, SORTS, TaskListQuerySchema } from "~/tasks/task-list-query";
import { TaskInputSchema } from "~/tasks/task-schema";
import { createTasksForUser } from "~/tasks/tasks.server";
import { insertUser } from "../support/users";

let ownerId: string;

beforeAll(async () => {
  const priorities = ["low", "medium", "high"] as const;
  for (let index = 0; index < 60; index++) {
    const owner = await insertUser(`Owner ${index}`);
    ownerId = owner.id;
    await createTasksForUser(
      owner.id,
      Array.from({ length: 200 }, (_, n) =>
        TaskInputSchema.parse({
          title: `Task ${n}`,
          priority: priorities[n % 3],
          category: n % 2 ? "Work" : "Home",
          dueDate: n % 4 ? `2027-01-${String((n % 28) + 1).padStart(2, "0")}` : null,
          completed: n % 5 === 0,
        }),
      ),
    );
  }
  await db.execute(sql`analyze task`);
}, 120_000);

const filters = [{}, { status: "pending" }, { status: "completed", priority: "high" }, { category: "Work", q: "Task 1" }];

it.each(SORTS.flatMap((sort) => ORDERS.flatMap((order) => filters.map((filter) => ({ sort, order, ...filter })))))(
  "list %j uses an index",
  async (fields) => {
    const statement = listTasksStatement(ownerId, TaskListQuerySchema.parse(fields), { limit: 50 });
    const result = await db.execute(sql`explain ${statement}`);
    const plan = (result.rows as Record<string, string>[]).map((row) => Object.values(row)[0]).join("\n");
    expect(plan).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
    expect(plan).not.toMatch(/Seq Scan on task/);
  },
);
