// 1p. Scenario 1's list through Debian's PgBouncer in transaction mode (issue 40), beside the
// direct figures on the same seeded database, in alternating rounds: the app as scenario 1
// measures it (direct, DATABASE_POOLER=none), a second app direct with the default
// DATABASE_POOLER=transaction (what the pooler-safe statements cost by themselves), and a third
// with DATABASE_URL through PgBouncer (DATABASE_DIRECT_URL at the server, as the README
// advises). The ratios are information; the target: no non-2xx answer through the pooler.
// 1s: a fourth app through PgBouncer >= 1.21 keeping prepared statements (max_prepared_statements,
// DATABASE_POOLER=prepared, decision 138), where scripts/pgbouncer-prepared.sh built it; targets:
// at least 0.9 of the direct list (issue 41) and no non-200 answer.
// PostgreSQL only; skipped with one line where /usr/sbin/pgbouncer is not installed.
import { existsSync } from "node:fs";
import {
  PGBOUNCER,
  PGBOUNCER_PREPARED,
  pgbouncerPreparedInstalled,
  startPgbouncer,
} from "../../tests/support/pgbouncer.js";
import { adminUrl, jwtFor, log, signIn, startApp, stop } from "../harness/app.js";
import { alternate } from "../harness/rounds.js";

export const id = "1p";
export const needsPostgres = true;

// The app's DATABASE_POOL_MAX default (app/config.server.ts), set on both new apps, and the
// pooler's default_pool_size: one server connection for each of the app's clients, as a
// pooler sized for one instance would give it.
const POOL_MAX = 10;

/** A bearer header for an app: a JWT's issuer and audience are its URL, which differs by port. */
async function authFor(url) {
  return { authorization: `Bearer ${await jwtFor(url, (await signIn(url, 0)).cookie)}` };
}

export async function run(bench) {
  if (!existsSync(PGBOUNCER)) {
    log(`scenario 1p: skipped, ${PGBOUNCER} is not installed (apt-get install pgbouncer)`);
    return;
  }
  log("scenario 1p: GET /api/tasks through PgBouncer (transaction mode)");
  const serverUrl = bench.dbEnv.DATABASE_URL;
  const pooler = await startPgbouncer(adminUrl, { default_pool_size: POOL_MAX });
  let keeper;
  const started = [];
  try {
    // PgBouncer ≥ 1.21 keeping named statements (DATABASE_POOLER=prepared, decision 138), where built.
    keeper = pgbouncerPreparedInstalled
      ? await startPgbouncer(
          adminUrl,
          { default_pool_size: POOL_MAX, max_prepared_statements: 200 },
          undefined,
          PGBOUNCER_PREPARED,
        )
      : undefined;
    if (!keeper) log(`scenario 1p: 1s skipped, ${PGBOUNCER_PREPARED} is not built (scripts/pgbouncer-prepared.sh)`);
    const pooled = await startApp(
      { DATABASE_URL: pooler.pooled(serverUrl), DATABASE_DIRECT_URL: serverUrl, DATABASE_POOL_MAX: String(POOL_MAX) },
      "postgres through PgBouncer",
    );
    started.push(pooled);
    const direct = await startApp(
      { DATABASE_URL: serverUrl, DATABASE_POOLER: "transaction", DATABASE_POOL_MAX: String(POOL_MAX) },
      "postgres, DATABASE_POOLER=transaction",
    );
    started.push(direct);
    const kept =
      keeper &&
      (await startApp(
        {
          DATABASE_URL: keeper.pooled(serverUrl),
          DATABASE_DIRECT_URL: serverUrl,
          DATABASE_POOLER: "prepared",
          DATABASE_POOL_MAX: String(POOL_MAX),
        },
        "postgres through PgBouncer keeping statements, DATABASE_POOLER=prepared",
      ));
    if (kept) started.push(kept);
    const list = (app, headers) => ({ url: `${app.url}/api/tasks?limit=50`, headers, connections: 64 });
    const lists = await alternate(
      {
        none: list(bench.app, bench.auth),
        transaction: list(direct, await authFor(direct.url)),
        pooled: list(pooled, await authFor(pooled.url)),
        ...(kept && { prepared: list(kept, await authFor(kept.url)) }),
      },
      { warmUp: 3 },
    );
    bench.row("1p. GET /api/tasks, direct, POOLER=none", lists.means.none);
    bench.row("1q. GET /api/tasks, direct, POOLER=transaction", lists.means.transaction);
    bench.row(`1r. GET /api/tasks via PgBouncer (pool ${POOL_MAX})`, lists.means.pooled);
    const report = (name, a, b, key = "rps") => bench.report(name, lists.ratio(a, b, key), lists.rounds(a, b, key));
    report("1r. via PgBouncer vs direct none, throughput", "pooled", "none");
    report("1r. via PgBouncer vs direct none, p99", "pooled", "none", "p99");
    report("1r. via PgBouncer vs direct transaction, throughput", "pooled", "transaction");
    report("1q. direct transaction vs direct none, throughput", "transaction", "none");
    if (kept) {
      bench.row(`1s. GET /api/tasks via PgBouncer keeping statements, POOLER=prepared`, lists.means.prepared);
      // Issue 41's target for the list through the pooler.
      bench.checkRatio(
        "1s. via PgBouncer, POOLER=prepared vs direct none, throughput",
        lists,
        ["prepared", "none"],
        ">= 0.9",
      );
      report("1s. via PgBouncer, POOLER=prepared vs direct none, p99", "prepared", "none", "p99");
      bench.check(
        "1s. non-200 answers via PgBouncer, POOLER=prepared",
        lists.means.prepared.errors,
        "= 0",
        lists.means.prepared.errors === 0,
      );
    }
    // errors counts every answer that is not a 200, timeouts and socket errors included.
    bench.check("1r. non-200 answers via PgBouncer", lists.means.pooled.errors, "= 0", lists.means.pooled.errors === 0);
    return { lists: lists.means };
  } finally {
    for (const app of started) if (app.child.exitCode === null) await stop(app.child);
    await pooler.stop();
    await keeper?.stop();
  }
}
