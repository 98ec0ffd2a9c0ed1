import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, migrateDatabase, pingDatabase } from "~/db.server";
import { task, user } from "../../db/schema";

describe("database layer", () => {
  it("answers the readiness ping", async () => {
    expect(await pingDatabase()).toBe(true);
  });

  it("migrating again is a no-op", async () => {
    await expect(migrateDatabase()).resolves.toBeUndefined();
  });

  it("enforces the task table's rules: uuid ids, defaults, priority check, cascade on user delete", async () => {
    const [owner] = await db.insert(user).values({ name: "Ada", email: "ada@example.com" }).returning();
    const [created] = await db.insert(task).values({ userId: owner!.id, title: "Write tests" }).returning();
    expect(created).toMatchObject({ completed: false, priority: "medium", category: null, dueDate: null, description: "" });
    expect(created!.id).toMatch(/^[0-9a-f-]{36}$/);

    await expect(
      db.execute(sql`insert into task (user_id, title, priority) values (${owner!.id}, 'x', 'urgent')`),
    ).rejects.toThrow();

    await db.delete(user).where(sql`${user.id} = ${owner!.id}`);
    const left = await db.select().from(task);
    expect(left).toHaveLength(0);
  });
});
