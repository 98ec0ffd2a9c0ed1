import { setTimeout as sleep } from "node:timers/promises";
import net from "node:net";
import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type * as schema from "../../db/schema";
import { config } from "~/config.server";
import { logger } from "~/logger.server";
import { databaseOutageReason, databaseRefusal } from "~/database-errors.server";
import { connection, db } from "./client.server";

// Resolved from the working directory: the built server lives in build/server.
const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

// Any number: it names the lock that serialises migrations across instances.
const MIGRATION_LOCK_ID = 7_345_001;

// Drizzle's own bookkeeping, so that databases it migrated carry on.
const MIGRATIONS_TABLE = `"drizzle"."__drizzle_migrations"`;

/**
 * Runs `task` inside a transaction of its own that holds the start-up lock, on a connection
 * of its own outside the pool's timeouts: instances starting together take turns, and a long
 * migration (or a long wait for the lock) is not cut short by DATABASE_TIMEOUT_MS.
 * The lock is transaction-scoped: it ends with the transaction even behind a pooler, where
 * closing the client would leave a session lock on a server connection that lives on
 * (decision 065). DATABASE_DIRECT_URL, when set, keeps this work off the pooler.
 */
async function underStartupLock<T>(task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: config.DATABASE_DIRECT_URL ?? config.DATABASE_URL });
  client.on("error", (error) => logger.warn({ err: error.message }, "postgres start-up connection error"));
  await client.connect().catch((error: unknown) => {
    const why = databaseRefusal(error) ?? databaseOutageReason(error) ?? (error as Error).message;
    throw new Error(`${config.DATABASE_DIRECT_URL ? "DATABASE_DIRECT_URL" : "DATABASE_URL"}: ${why}`, { cause: error });
  });
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK_ID]);
    const result = await task(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drizzle's migrator, in the caller's transaction (Drizzle's own opens one and reads the last migration outside it). */
async function applyMigrations(client: pg.Client): Promise<void> {
  await client.query(`create schema if not exists "drizzle"`);
  await client.query(
    `create table if not exists ${MIGRATIONS_TABLE} (id serial primary key, hash text not null, created_at bigint)`,
  );
  const { rows } = await client.query<{ created_at: string }>(
    `select created_at from ${MIGRATIONS_TABLE} order by created_at desc limit 1`,
  );
  const last = rows[0] ? Number(rows[0].created_at) : -Infinity;
  for (const migration of readMigrationFiles({ migrationsFolder })) {
    if (migration.folderMillis <= last) continue;
    for (const statement of migration.sql) await client.query(statement);
    await client.query(`insert into ${MIGRATIONS_TABLE} (hash, created_at) values ($1, $2)`, [
      migration.hash,
      migration.folderMillis,
    ]);
  }
}

function migrateConnection(): Promise<void> {
  if (connection.kind === "pglite") {
    return migratePglite(connection.db as PgliteDatabase<typeof schema>, { migrationsFolder });
  }
  return underStartupLock(applyMigrations);
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
  return connection.kind === "pglite" ? task() : underStartupLock(task);
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

/** pg's "Connection terminated due to connection timeout", under Drizzle's wrapper if any. */
function loginTimedOut(error: unknown): boolean {
  for (let inner = error; inner instanceof Error; inner = inner.cause)
    if (/connection timeout/.test(inner.message)) return true;
  return false;
}

const address = (url: string) => {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || 5432}`;
};

/**
 * True when `url`'s host takes a TCP connection within a second. A login that times out
 * there is held by something that answers: PgBouncer keeps a client waiting (up to its
 * client_login_timeout, 60 s) while it cannot reach its own server.
 */
function acceptsConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port || 5432), hostname);
    socket.setTimeout(1_000);
    const settle = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.on("connect", () => settle(true));
    socket.on("error", () => settle(false));
    socket.on("timeout", () => settle(false));
  });
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
    } catch (error) {
      const refusal = databaseRefusal(error);
      if (refusal) throw new Error(refusal, { cause: error });
      let reason = databaseOutageReason(error) ?? (error instanceof Error ? error.message : String(error));
      if (config.DATABASE_URL && loginTimedOut(error) && (await acceptsConnections(config.DATABASE_URL))) {
        reason = `${address(config.DATABASE_URL)} accepts connections but no login completes: a connection pooler that is up while its database server is down`;
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `the database did not answer within ${Math.round(timeoutMs / 1000)} s (last error: ${reason})`,
          { cause: error },
        );
      }
      if (Date.now() - lastNotice >= 10_000) {
        onWaiting(reason);
        lastNotice = Date.now();
      }
      await sleep(Math.min(delay, Math.max(0, deadline - Date.now())));
      delay = Math.min(delay * 2, 5_000);
      continue;
    }
    if (config.DATABASE_URL && config.DATABASE_POOLER === "prepared") await checkPoolerKeepsStatements();
    return;
  }
}

const PROBE = "tasklane_pooler_probe";

/**
 * DATABASE_POOLER=prepared sends named statements through a transaction-mode pooler, which works
 * only where the pooler prepares them itself on each server connection (PgBouncer >= 1.21 with
 * max_prepared_statements, decision 138): it then gives them names of its own on the server.
 * A named statement that finds itself under its own name went through untouched: a pooler that
 * would hand it to a connection that never saw it (most requests would fail), or a direct
 * connection (where `none` is the mode). Start-up refuses both, in one line.
 */
async function checkPoolerKeepsStatements(): Promise<void> {
  const pool = (db as unknown as { $client: pg.Pool }).$client;
  const { rows } = await pool.query<{ own: boolean }>({
    name: PROBE,
    text: `select exists (select 1 from pg_prepared_statements where name = '${PROBE}') as own`,
  });
  if (rows[0]?.own) {
    throw new Error(
      "DATABASE_POOLER=prepared, but the statements reach the database under their own names: the database URL leads to a pooler that does not keep prepared statements (PgBouncer before 1.21, or max_prepared_statements = 0: set DATABASE_POOLER=transaction) or to the server itself (set DATABASE_POOLER=none)",
    );
  }
}
