import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { config } from "~/config.server";
import { databaseKind, db, migrateDatabase, pingDatabase } from "~/db.server";
import { task, user } from "../../db/schema";
import { ensureInbox } from "~/projects/projects.server";

describe("database layer", () => {
  it("answers the readiness ping", async () => {
    expect(await pingDatabase()).toBe(true);
  });

  it("migrating again is a no-op", async () => {
    await expect(migrateDatabase()).resolves.toBeUndefined();
  });

  it("enforces the task table's rules: uuid ids, defaults, priority check, cascade on user delete", async () => {
    const [owner] = await db.insert(user).values({ name: "Ada", email: "ada@example.com" }).returning();
    const projectId = await ensureInbox(owner!.id);
    const [created] = await db.insert(task).values({ userId: owner!.id, projectId, title: "Write tests" }).returning();
    expect(created).toMatchObject({
      completed: false,
      priority: "medium",
      category: null,
      dueDate: null,
      description: "",
    });
    expect(created!.id).toMatch(/^[0-9a-f-]{36}$/);

    await expect(
      db.execute(
        sql`insert into task (user_id, project_id, title, priority) values (${owner!.id}, ${projectId}, 'x', 'urgent')`,
      ),
    ).rejects.toThrow();

    await db.delete(user).where(sql`${user.id} = ${owner!.id}`);
    const left = await db.select().from(task);
    expect(left).toHaveLength(0);
  });

  // Pooler-safe (decision 064): set in each transaction, never per session nor at connect.
  it.runIf(databaseKind === "postgres" && config.DATABASE_POOLER === "transaction")(
    "applies DATABASE_TIMEOUT_MS in every transaction, and no named statement stays prepared",
    async () => {
      const timeout = `${config.DATABASE_TIMEOUT_MS / 1000}s`;
      const setting = sql`select current_setting('statement_timeout') as value, (select count(*)::int from pg_prepared_statements) as prepared`;
      const [alone] = (await db.execute(setting)).rows;
      expect(alone).toEqual({ value: timeout, prepared: 0 });
      const inside = await db.transaction(async (tx) => {
        // A named statement (as the list's) prepared on this connection would stay on it.
        await tx.select().from(task).prepare("probe").execute();
        return (await tx.execute(setting)).rows[0];
      });
      expect(inside).toEqual({ value: timeout, prepared: 0 });
      // A statement with values, alone (decision 078): the timeout is set for it and ends with
      // it; nothing stays on the connection (read past the pooler-safe client's own query()).
      const client = await (db.$client as pg.Pool).connect();
      try {
        const { rows } = await client.query("select current_setting('statement_timeout') as value, $1::int as n", [7]);
        expect(rows).toEqual([{ value: timeout, n: 7 }]);
        const plainQuery = pg.Client.prototype.query as (text: string) => Promise<pg.QueryResult>;
        const after = await plainQuery.call(client, "select current_setting('statement_timeout') as value");
        expect(after.rows).toEqual([{ value: "0" }]);
        await expect(client.query("select 1/$1::int", [0])).rejects.toThrow(/division by zero/);
        expect((await client.query("select $1::text as ok", ["yes"])).rows).toEqual([{ ok: "yes" }]);
      } finally {
        client.release();
      }
    },
  );

  it.runIf(databaseKind === "postgres")(
    "answers a write only once it is committed: another connection reads it at once",
    async () => {
      const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await other.connect();
      try {
        for (let round = 0; round < 20; round++) {
          const email = `committed-${round}-${Date.now()}@example.com`;
          await db.insert(user).values({ name: "Committed", email });
          const { rows } = await other.query(`select count(*)::int as n from "user" where email = $1`, [email]);
          expect(rows[0].n).toBe(1);
        }
      } finally {
        await other.end();
      }
    },
  );
});
