// Runs before each integration test file, before the app's modules are imported:
// points the app at a database of its own (PGlite in memory, or a fresh PostgreSQL
// database created here and dropped afterwards), then migrates it.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";

const driver = process.env.TEST_DB_DRIVER;
process.env.BETTER_AUTH_SECRET ??= randomBytes(32).toString("base64url");
process.env.BETTER_AUTH_URL ??= "http://localhost:3000";

let dropDatabase: (() => Promise<void>) | undefined;

if (driver === "postgres") {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is required for the postgres project");
  const name = `tasklane_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.end();
  };
} else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = "memory://";
}

const { migrateDatabase, closeDatabase } = await import("~/db.server");
await migrateDatabase();

afterAll(async () => {
  await closeDatabase();
  await dropDatabase?.();
});
