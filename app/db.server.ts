import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "../db/schema";
import { config, IN_MEMORY } from "~/config.server";
import { logger } from "~/logger.server";

// Resolved from the working directory: the built server lives in build/server.
// LOG_LEVEL=trace logs every statement (without its parameters, which may hold secrets):
// how the benchmarks and tests count database round trips per request.
const queryLogger =
  config.LOG_LEVEL === "trace" ? { logQuery: (query: string) => logger.trace({ sql: query }, "query") } : undefined;

const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

// Any number: it names the lock that serialises migrations across instances.
const MIGRATION_LOCK_ID = 7_345_001;

function openPostgres(url: string) {
  const pool = new pg.Pool({
    connectionString: url,
    max: config.DATABASE_POOL_MAX,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", (error) => logger.warn({ err: error.message }, "postgres pool client error"));
  const db = drizzlePg({ client: pool, schema, logger: queryLogger });
  return {
    kind: "postgres" as const,
    db,
    async migrate() {
      const client = await pool.connect();
      try {
        // Several instances may start at once on an empty database: one migrates, the others wait.
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
        client.release();
      }
    },
    /** Runs `task` while holding the start-up lock, so concurrent instances take turns. */
    async exclusively<T>(task: () => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
        return await task();
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

// The task search's index needs these (migration 0004); PGlite loads contrib modules on request.
const pgliteExtensions = { btree_gin, pg_trgm, unaccent };

function openPglite(dataDir: string) {
  let client: PGlite;
  if (dataDir === IN_MEMORY) {
    client = new PGlite({ extensions: pgliteExtensions });
  } else {
    const dir = path.resolve(dataDir, "pglite");
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir, { extensions: pgliteExtensions });
  }
  const db = drizzlePglite({ client, schema, logger: queryLogger });
  return {
    kind: "pglite" as const,
    db,
    migrate: () => migratePglite(db, { migrationsFolder }),
    // One process per data folder: nobody to take turns with.
    exclusively: <T>(task: () => Promise<T>) => task(),
    close: () => client.close(),
  };
}

const connection = config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : openPglite(config.DATA_DIR);

/** The app's database, whichever driver is underneath (both speak PostgreSQL). */
export const db = connection.db as unknown as ReturnType<typeof drizzlePg<typeof schema>>;
export type Database = typeof db;
export const databaseKind = connection.kind;

let migrated: Promise<void> | undefined;

/** Applies pending migrations once per process; later calls share the first one's result. */
export function migrateDatabase(): Promise<void> {
  migrated ??= connection.migrate().catch((error: unknown) => {
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
  return connection.exclusively(task);
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

export function closeDatabase(): Promise<void> {
  return connection.close();
}
