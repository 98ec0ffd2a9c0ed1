// A database filled by an earlier release, for the migration tests: the migration files as the
// release shipped them, run statement by statement on the project's own database kind (PGlite in
// memory, or a scratch PostgreSQL database dropped on close). Both start empty: PGlite from the
// run's dump of a fresh initdb (database-template-global-setup.ts), which saves only the initdb.
import { readdirSync, readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import { pgliteExtensions } from "~/db/pglite-files.server";
import { createScratchDatabase } from "./scratch-database.js";

const folder = new URL("../../db/migrations/", import.meta.url);
const files = readdirSync(folder)
  .filter((file) => file.endsWith(".sql"))
  .sort();

/** The statements of one migration file, as drizzle's migrator splits them. */
export const statements = (file: string) =>
  readFileSync(new URL(file, folder), "utf8")
    .split("--> statement-breakpoint")
    .filter((statement) => statement.trim());

/** The migration file whose name ends with `suffix` (e.g. "_projects.sql"). */
export const migrationNamed = (suffix: string) => files.find((file) => file.endsWith(suffix))!;

/** The migration files that sort before `name`: what the release before it shipped. */
export const migrationsBefore = (name: string) => files.filter((file) => file < name);

export type MigrationDatabase = {
  exec(sql: string): Promise<unknown>;
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
};

export async function openMigrationDatabase(): Promise<MigrationDatabase> {
  if (process.env.TEST_DB_DRIVER === "pglite") {
    const database = new PGlite({
      extensions: pgliteExtensions,
      loadDataDir: new Blob([readFileSync(inject("pgliteTemplates").empty)]),
    });
    return {
      exec: (sql) => database.exec(sql),
      rows: async <T>(sql: string) => (await database.query<T>(sql)).rows,
      close: () => database.close(),
    };
  }
  const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, "tasklane_migration");
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  return {
    exec: (sql) => client.query(sql),
    rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
    close: async () => {
      await client.end();
      await scratch.drop();
    },
  };
}
