import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "../../db/schema";
import { config, dataDirProblem, IN_MEMORY } from "~/config.server";
import { logger } from "~/logger.server";
import { countStatementError, metricsEnabled } from "~/metrics.server";
import { dumpBackup } from "./backup.server";
import { lockDataDir } from "./data-dir-lock.server";
import { pgliteExtensions, pgliteFolder } from "./pglite-files.server";

// LOG_LEVEL=trace logs every statement (without its parameters, which may hold secrets):
// how the benchmarks and tests count database round trips per request.
const queryLogger =
  config.LOG_LEVEL === "trace" ? { logQuery: (query: string) => logger.trace({ sql: query }, "query") } : undefined;

/** A transaction's first statement, as Drizzle and node-postgres send it ("begin", "begin isolation level ..."). */
const BEGIN = /^\s*begin\b/i;
const END = /^\s*(commit|rollback)\s*;?\s*$/i;
// Statements PostgreSQL refuses inside a transaction block (the bench's seed runs VACUUM).
const OUTSIDE_TRANSACTIONS = /^\s*(vacuum|alter\s+system|(create|drop)\s+database)\b|\bconcurrently\b/i;

const SET_TIMEOUT = `set local statement_timeout = ${config.DATABASE_TIMEOUT_MS}`;

type QueryCallback = (error: unknown, result?: unknown) => void;

/** What a pg.Query does with the server's messages (node-postgres 8; not in its types). */
interface QueryInternals {
  text: string;
  prepare(connection: PgConnection): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: PgConnection): void;
}
interface PgConnection {
  parse(message: { text: string; name?: string }): void;
  bind(message: { values: unknown[] }): void;
  execute(message: { rows?: number }): void;
}

const TIMEOUT_TEXT = `select set_config('statement_timeout', '${config.DATABASE_TIMEOUT_MS}', true)`;

/**
 * A statement with values, outside a transaction, with the timeout set for it alone
 * (decision 078): `set_config(…, true)` and the statement go in one extended-protocol batch
 * with a single Sync. PostgreSQL runs everything up to a Sync as one implicit transaction, so
 * the setting holds for the statement and ends with it (also behind a transaction-mode
 * pooler, which hands the server connection back at that Sync): no BEGIN and COMMIT of its
 * own, one parse and execute more rather than two statements and two Syncs (decision 064's
 * first form). The set_config row and its completion are not the statement's: skipped.
 */
class TimedQuery extends (pg.Query as unknown as new (config: pg.QueryConfig) => QueryInternals) {
  #skipping = true;

  override prepare(connection: PgConnection) {
    connection.parse({ text: TIMEOUT_TEXT });
    connection.bind({ values: [] });
    connection.execute({});
    super.prepare(connection);
  }

  override handleDataRow(message: unknown) {
    if (!this.#skipping) super.handleDataRow(message);
  }

  override handleCommandComplete(message: unknown, connection: PgConnection) {
    if (this.#skipping) this.#skipping = false;
    else super.handleCommandComplete(message, connection);
  }
}

/**
 * node-postgres made safe behind a transaction-mode pooler (decision 064), where a server
 * connection is this client's for one transaction only:
 * - the statement timeout is set inside each transaction (`set local`, sent with its BEGIN),
 *   never as a startup parameter (PgBouncer refuses those it does not know) nor with a
 *   session SET (it would stay on a server connection others use). A statement outside a
 *   transaction gets one of its own, written in the same round trip (pipeline mode);
 * - statements go unnamed: a name prepared on one server connection is unknown on the next,
 *   or already taken there.
 * With DATABASE_POOLER=none the plain pg.Client is used instead: named statements, and the
 * timeout sent once at connect (faster: decision 064 measures both).
 */
class PoolerSafeClient extends pg.Client {
  #inTransaction = false;
  /** DATABASE_POOLER=prepared: the pooler keeps each client's statement names (PgBouncer ≥ 1.21). */
  protected keepsNames = false;

  override query(...args: unknown[]): never {
    const [first] = args;
    const text = typeof first === "string" ? first : (first as { text?: unknown } | null)?.text;
    const isCustom = typeof (first as { submit?: unknown } | null)?.submit === "function";
    if (typeof text === "string" && !isCustom) {
      const query: pg.QueryConfig = typeof first === "string" ? { text: first } : { ...(first as pg.QueryConfig) };
      if (!this.keepsNames) query.name = undefined;
      if (BEGIN.test(text)) {
        this.#inTransaction = true;
        query.text = `${text}; ${SET_TIMEOUT}`;
      } else if (END.test(text)) {
        this.#inTransaction = false;
      } else if (!this.#inTransaction && Array.isArray(args[1]) && args[1].length > 0) {
        // A statement with values (every one Drizzle builds with a parameter): timed alone.
        const callback = typeof args.at(-1) === "function" ? (args.at(-1) as QueryCallback) : undefined;
        const done = new Promise((resolve, reject) => {
          const timed = new TimedQuery({
            ...query,
            values: args[1] as unknown[],
            callback: (error: unknown, result: unknown) => (error ? reject(error) : resolve(result)),
          } as pg.QueryConfig);
          // A submittable is queued as it is; its callback settles the promise.
          (super.query as (submittable: unknown) => unknown)(timed);
        });
        if (!callback) return done as never;
        done.then(
          (result) => callback(null, result),
          (error: unknown) => callback(error),
        );
        return undefined as never;
      } else if (!this.#inTransaction && !OUTSIDE_TRANSACTIONS.test(text)) {
        // Queued together, sent together: BEGIN and COMMIT cost no round trip of their own,
        // and COMMIT after a failed statement rolls back without an error of its own. The
        // statement's answer waits for its COMMIT: the next request may read on another connection.
        const callback =
          typeof args.at(-1) === "function" ? (args.pop() as (error: unknown, result?: unknown) => void) : undefined;
        const values = args[1] as unknown[] | undefined;
        const done = Promise.all([
          super.query(`begin; ${SET_TIMEOUT}`),
          super.query(query, values),
          super.query("commit"),
        ]).then(([, result]) => result);
        if (!callback) return done as never;
        done.then(
          (result) => callback(null, result),
          (error: unknown) => callback(error),
        );
        return undefined as never;
      }
      args[0] = query;
    }
    return (super.query as (...values: unknown[]) => never)(...args);
  }
}

/**
 * Behind a transaction-mode pooler that prepares each client's named statements on whichever
 * server connection runs them (PgBouncer ≥ 1.21 with max_prepared_statements, decision 138):
 * the timeout as PoolerSafeClient sets it, the names as a direct connection keeps them.
 */
class NamedPoolerSafeClient extends PoolerSafeClient {
  protected override keepsNames = true;
}

/**
 * With metrics on, each connection counts the errors the server sends (a statement refused,
 * cancelled or failed): one listener per connection, nothing on a statement that succeeds.
 */
function countingErrors(Base: typeof pg.Client): typeof pg.Client {
  return class extends Base {
    constructor(...args: ConstructorParameters<typeof pg.Client>) {
      super(...args);
      this.connection.on("errorMessage", countStatementError);
    }
  };
}

const ignoreCheckedOutError = () => {};

function openPostgres(url: string) {
  const Client = { transaction: PoolerSafeClient, prepared: NamedPoolerSafeClient, none: pg.Client }[
    config.DATABASE_POOLER
  ];
  const pool = new pg.Pool({
    connectionString: url,
    Client: metricsEnabled ? countingErrors(Client) : Client,
    ...(config.DATABASE_POOLER !== "none"
      ? // Queries queued on one connection are written without waiting for the previous answer.
        { pipeline: true }
      : { statement_timeout: config.DATABASE_TIMEOUT_MS }),
    max: config.DATABASE_POOL_MAX,
    // No request waits longer than this for a connection, nor (see above) for a statement.
    connectionTimeoutMillis: config.DATABASE_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", (error) => logger.warn({ err: error.message }, "postgres pool client error"));
  // Nor one checked out for a transaction: the pool listens only while a client is idle, and pg
  // emits "error" on a lost connection besides failing its queries. The failed statement already
  // reaches the request (a 503); the pool drops the broken client when it is released.
  pool.on("connect", (client) => client.on("error", ignoreCheckedOutError));
  const db = drizzlePg({ client: pool, schema, logger: queryLogger });
  // For the metrics: connections open, idle, and requests waiting for one.
  const poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  return { kind: "postgres" as const, db, url, poolStats, close: () => pool.end() };
}

async function openPglite(dataDir: string) {
  let client: PGlite;
  let unlock = async () => {};
  if (dataDir === IN_MEMORY) {
    // The tests' migrated template (decision 132): a dump loads in a fraction of an initdb's time.
    client = new PGlite({ extensions: pgliteExtensions, loadDataDir: globalForDatabase.tasklaneMemoryTemplate });
  } else {
    const dir = pgliteFolder(dataDir);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new Error(dataDirProblem(dataDir, error), { cause: error });
    }
    unlock = await lockDataDir(dataDir);
    client = new PGlite(dir, { extensions: pgliteExtensions });
  }
  if (metricsEnabled) {
    // Every statement, in a transaction or not, goes through this method (PGlite 0.5).
    const run = client.execProtocolStream.bind(client);
    client.execProtocolStream = async (...args) => {
      try {
        return await run(...args);
      } catch (error) {
        countStatementError(error);
        throw error;
      }
    };
  }
  const db = drizzlePglite({ client, schema, logger: queryLogger });
  // proper-lockfile also removes the lock if the process exits without closing.
  // The backup the running server writes for `npm run backup` (server/admin-socket.ts).
  const backup = dataDir === IN_MEMORY ? undefined : () => dumpBackup(client, dataDir);
  // One connection, in this process, whose statements queue behind each other: no pool to report.
  const poolStats = () => null;
  // NOTIFY reaches listeners of the same instance (the only process that can open the folder).
  const listen = (channel: string, onNotify: () => void) => client.listen(channel, onNotify);
  return { kind: "pglite" as const, db, backup, poolStats, listen, close: () => client.close().finally(unlock) };
}

// One connection per process, even when the Vite dev server evaluates this module again after
// an edit: a second PGlite on the same folder would fail to take its lock (and a second pool
// would leak connections).
const globalForDatabase = globalThis as {
  tasklaneDatabase?: Promise<ReturnType<typeof openPostgres> | Awaited<ReturnType<typeof openPglite>>>;
  /** Set by tests/support/database-setup.ts only: the data folder an in-memory database starts from. */
  tasklaneMemoryTemplate?: Blob;
};

/** The open connection, with its driver's own Drizzle instance (start-up migrates through it). */
export const connection = await (globalForDatabase.tasklaneDatabase ??= config.DATABASE_URL
  ? Promise.resolve(openPostgres(config.DATABASE_URL))
  : openPglite(config.DATA_DIR));

/** The app's database, whichever driver is underneath (both speak PostgreSQL). */
export const db = connection.db as unknown as ReturnType<typeof drizzlePg<typeof schema>>;
export type Database = typeof db;
export const databaseKind = connection.kind;
/** The pool's connections (PostgreSQL), or null (PGlite): read by the metrics when scraped. */
export const databasePoolStats = (): { total: number; idle: number; waiting: number } | null => connection.poolStats();

/** PGlite's in-process LISTEN (the embedded database); undefined with DATABASE_URL (app/db/listen.server.ts connects). */
export const listenInProcess = connection.kind === "pglite" ? connection.listen : undefined;

/** The embedded database's backup file, taken while it serves; undefined with DATABASE_URL or in memory. */
export const backupDatabase = connection.kind === "pglite" ? connection.backup : undefined;

export function closeDatabase(): Promise<void> {
  globalForDatabase.tasklaneDatabase = undefined;
  return connection.close();
}
