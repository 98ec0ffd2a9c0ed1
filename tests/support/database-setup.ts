// Runs before each integration test file, before the app's modules are imported:
// points the app at a database of its own (PGlite in memory, or a fresh PostgreSQL
// database created here and dropped afterwards), then migrates it. PGlite and the
// integration-postgres project start from the run's migrated template
// (database-template-global-setup.ts, decision 132), so migrating finds nothing to do; through
// PgBouncer each file still migrates from scratch, the start-up it tests.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, inject } from "vitest";
import { createTestDatabase } from "./server-process";

const driver = process.env.TEST_DB_DRIVER;
process.env.BETTER_AUTH_SECRET ??= randomBytes(32).toString("base64url");
process.env.BETTER_AUTH_URL ??= "http://localhost:3000";

let dropDatabase: (() => Promise<void>) | undefined;

if (driver === "postgres" || driver === "pooled") {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is required for the postgres projects");
  const database = await createTestDatabase(adminUrl, driver === "postgres" ? inject("postgresTemplate") : undefined);
  process.env.DATABASE_URL = database.url;
  if (driver === "pooled") {
    // Through the PgBouncer of pgbouncer-global-setup.ts, migrations included.
    const pooled = new URL(database.url);
    pooled.port = String(inject("pgbouncerPort"));
    process.env.DATABASE_URL = pooled.toString();
  }
  dropDatabase = database.drop;
} else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = "memory://";
  (globalThis as { tasklaneMemoryTemplate?: Blob }).tasklaneMemoryTemplate = new Blob([
    readFileSync(inject("pgliteTemplates").migrated),
  ]);
}

const { migrateDatabase, closeDatabase } = await import("~/db.server");
await migrateDatabase();

afterAll(async () => {
  await closeDatabase();
  await dropDatabase?.();
});
