import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "../../db/schema";
import { logger } from "~/logger.server";
import { databaseOutageReason } from "~/database-errors.server";
import { connection, db } from "./client.server";

// Resolved from the working directory: the built server lives in build/server.
const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

// Any number: it names the lock that serialises migrations across instances.
const MIGRATION_LOCK_ID = 7_345_001;

/**
 * Runs `task` on a connection of its own, outside the pool's timeouts, while holding the
 * start-up lock: several instances starting together take turns, and a long migration
 * (or a long wait for the lock) is not cut short by DATABASE_TIMEOUT_MS.
 */
async function underStartupLock<T>(url: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", (error) => logger.warn({ err: error.message }, "postgres start-up connection error"));
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    return await task(client);
  } finally {
    await client.end().catch(() => {});
  }
}

function migrateConnection(): Promise<void> {
  if (connection.kind === "pglite") {
    return migratePglite(connection.db as PgliteDatabase<typeof schema>, { migrationsFolder });
  }
  return underStartupLock(connection.url, (client) => migratePg(drizzlePg({ client, schema }), { migrationsFolder }));
}

let migrated: Promise<void> | undefined;

/** Applies pending migrations once per process; later calls share the first one's result. */
export function migrateDatabase(): Promise<void> {
  migrated ??= migrateConnection().catch((error: unknown) => {
    migrated = undefined;
    throw error;
  });
  return migrated;
}

/**
 * Runs start-up work that must happen once even when several instances start together on
 * one database (under PostgreSQL, inside the same advisory lock as the migrations).
 */
export function runExclusively<T>(task: () => Promise<T>): Promise<T> {
  // With PGlite one process owns the data folder: nobody to take turns with.
  return connection.kind === "pglite" ? task() : underStartupLock(connection.url, task);
}

/** Readiness: true when the database answers a trivial query. */
export async function pingDatabase(): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Start-up with DATABASE_URL: the database may come up after the app (a container platform
 * starts both at once). Retries with backoff; rejects with one line after `timeoutMs`.
 */
export async function waitForDatabase(timeoutMs: number, onWaiting: (reason: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 250;
  let lastNotice = 0;
  for (;;) {
    try {
      await db.execute(sql`select 1`);
      return;
    } catch (error) {
      const reason = databaseOutageReason(error) ?? (error instanceof Error ? error.message : String(error));
      if (Date.now() >= deadline) {
        throw new Error(`the database did not answer within ${Math.round(timeoutMs / 1000)} s (last error: ${reason})`, { cause: error });
      }
      if (Date.now() - lastNotice >= 10_000) {
        onWaiting(reason);
        lastNotice = Date.now();
      }
      await sleep(Math.min(delay, Math.max(0, deadline - Date.now())));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}

