import { mkdirSync, statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import lockfile from "proper-lockfile";
import { Column, is, SQL, sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "../db/schema";
import { config, dataDirProblem, IN_MEMORY } from "~/config.server";
import { logger } from "~/logger.server";
import { databaseOutageReason } from "~/database-errors.server";

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
    // No request waits longer than this for a connection, nor for a statement to run.
    connectionTimeoutMillis: config.DATABASE_TIMEOUT_MS,
    statement_timeout: config.DATABASE_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", (error) => logger.warn({ err: error.message }, "postgres pool client error"));
  const db = drizzlePg({ client: pool, schema, logger: queryLogger });

  /**
   * Runs `task` on a connection of its own, outside the pool's timeouts, while holding the
   * start-up lock: several instances starting together take turns, and a long migration
   * (or a long wait for the lock) is not cut short by DATABASE_TIMEOUT_MS.
   */
  async function underStartupLock<T>(task: (client: pg.Client) => Promise<T>): Promise<T> {
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

  return {
    kind: "postgres" as const,
    db,
    migrate: () => underStartupLock((client) => migratePg(drizzlePg({ client, schema }), { migrationsFolder })),
    exclusively: <T>(task: () => Promise<T>) => underStartupLock(task),
    close: () => pool.end(),
  };
}

// One process per embedded database: PGlite keeps its own copy of the data pages in memory,
// so a second process on the same folder would overwrite the first one's writes (decision 012).
// The lock is a folder whose mtime the holder refreshes every LOCK_UPDATE_MS; a holder killed
// with SIGKILL stops refreshing it, and after LOCK_STALE_MS the next start takes it over.
const LOCK_STALE_MS = 10_000;
const LOCK_UPDATE_MS = 2_000;

class DataDirLockedError extends Error {}

/** Takes DATA_DIR's lock; resolves to its release. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, "tasklane.lock");
  const refused = () =>
    new DataDirLockedError(
      `DATA_DIR ${path.resolve(dataDir)} is in use by another Tasklane process (${lockPath} is held); stop that process or set another DATA_DIR`,
    );
  const mtime = () => {
    try {
      return statSync(lockPath).mtimeMs;
    } catch {
      return 0;
    }
  };
  const deadline = Date.now() + LOCK_STALE_MS + 2 * LOCK_UPDATE_MS;
  for (;;) {
    try {
      return await lockfile.lock(dataDir, {
        lockfilePath: lockPath,
        realpath: false,
        stale: LOCK_STALE_MS,
        update: LOCK_UPDATE_MS,
        // Another process took the lock over (this one's event loop stalled past LOCK_STALE_MS):
        // writing on would corrupt the data, so stop at once and let the supervisor restart us.
        onCompromised(error) {
          logger.fatal({ err: error.message }, "lost the lock on DATA_DIR; exiting");
          process.exit(1);
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw new Error(dataDirProblem(dataDir, error), { cause: error });
      // A live holder refreshes the lock within LOCK_UPDATE_MS: refuse now rather than wait
      // for a lock that will never go stale. A killed holder's lock stops changing: wait it out.
      const before = mtime();
      await sleep(LOCK_UPDATE_MS + 500);
      if (mtime() !== before || Date.now() > deadline) throw refused();
    }
  }
}

// The task search's index needs these (migration 0004); PGlite loads contrib modules on request.
const pgliteExtensions = { btree_gin, pg_trgm, unaccent };

async function openPglite(dataDir: string) {
  let client: PGlite;
  let unlock = async () => {};
  if (dataDir === IN_MEMORY) {
    client = new PGlite({ extensions: pgliteExtensions });
  } else {
    const dir = path.resolve(dataDir, "pglite");
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new Error(dataDirProblem(dataDir, error), { cause: error });
    }
    unlock = await lockDataDir(dataDir);
    client = new PGlite(dir, { extensions: pgliteExtensions });
  }
  const db = drizzlePglite({ client, schema, logger: queryLogger });
  return {
    kind: "pglite" as const,
    db,
    migrate: () => migratePglite(db, { migrationsFolder }),
    // One process per data folder: nobody to take turns with.
    exclusively: <T>(task: () => Promise<T>) => task(),
    // proper-lockfile also removes the lock if the process exits without closing.
    close: () => client.close().finally(unlock),
  };
}

// One connection per process, even when the Vite dev server evaluates this module again after
// an edit: a second PGlite on the same folder would fail to take its lock (and a second pool
// would leak connections).
const globalForDatabase = globalThis as { tasklaneDatabase?: Promise<ReturnType<typeof openPostgres> | Awaited<ReturnType<typeof openPglite>>> };
const connection = await (globalForDatabase.tasklaneDatabase ??= config.DATABASE_URL
  ? Promise.resolve(openPostgres(config.DATABASE_URL))
  : openPglite(config.DATA_DIR));

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

export function closeDatabase(): Promise<void> {
  globalForDatabase.tasklaneDatabase = undefined;
  return connection.close();
}

/** What Drizzle keeps of a prepared select (both drivers): its columns in order, and how it maps rows. */
interface PreparedSelect {
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: (rows: unknown[][]) => unknown;
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/**
 * Gives a prepared flat select (one level of keys, no joins) a row mapper built once from its
 * own columns. Drizzle's generic mapper works out each column's decoder and path again for
 * every value of every row: about a tenth of the JSON list's CPU (decision 050). The same
 * decoders run, so rows come out as Drizzle maps them (tests/integration/compiled-row-mapper.test.ts).
 * A nested selection keeps Drizzle's own.
 */
export function withCompiledRowMapper<Statement>(statement: Statement): Statement {
  const prepared = statement as PreparedSelect;
  const fields = prepared.fields;
  // (Drizzle's join bookkeeping only touches nested keys: a flat select has none.)
  if (!fields || prepared.customResultMapper || fields.some(({ path }) => path.length !== 1)) return statement;
  const keys = fields.map(({ path }) => path[0]!);
  const decoders = fields.map(({ field }) => decoderOf(field));
  if (decoders.includes(null)) return statement;
  prepared.customResultMapper = (rows) =>
    rows.map((row) => {
      const result: Record<string, unknown> = {};
      for (let index = 0; index < keys.length; index++) {
        const value = row[index];
        result[keys[index]!] = value === null ? null : decoders[index]!.mapFromDriverValue(value);
      }
      return result;
    });
  return statement;
}

/** A column decodes its own values, an sql`` field through its decoder (as Drizzle's mapResultRow picks them). */
function decoderOf(field: unknown): Decoder | null {
  if (is(field, Column)) return field as unknown as Decoder;
  if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
  return null;
}
