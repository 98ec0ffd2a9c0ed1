// The app behind Debian's PgBouncer in transaction mode (issue 40), with and without
// DATABASE_DIRECT_URL: it starts, migrates once, serves under load, and leaves no lock behind.
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PGBOUNCER_PREPARED,
  type Pooler,
  pgbouncerInstalled,
  pgbouncerPreparedInstalled,
  startPgbouncer,
} from "../support/pgbouncer.js";
import {
  createTestDatabase,
  freePort,
  type ServerProcess,
  startServer,
  testSecret,
  waitForStatus,
} from "../support/server-process";

const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl && !pgbouncerInstalled) {
  console.warn(
    "tests/process/pooler.test.ts skipped: /usr/sbin/pgbouncer is not installed (apt-get install pgbouncer; .ci/run does)",
  );
}

if (adminUrl && !pgbouncerPreparedInstalled) {
  console.warn(
    `tests/process/pooler.test.ts: DATABASE_POOLER=prepared skipped: ${PGBOUNCER_PREPARED} is not built (scripts/pgbouncer-prepared.sh; .ci/run does)`,
  );
}

const MIGRATIONS = (JSON.parse(readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: unknown[] })
  .entries.length;
const ORIGIN = "http://localhost:3000";

async function query<Row>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** Signs a new person up on `server` (whose public URL is ORIGIN) and returns an API token. */
async function signUp(server: ServerProcess): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN },
    body: JSON.stringify({ name: "Pooled", email: `pooled-${Date.now()}@example.com`, password: "Str0ng!Passw0rd" }),
  });
  expect(response.status).toBe(200);
  const session = response.headers.get("set-auth-token")!;
  const token = await fetch(`${server.url}/api/auth/token`, { headers: { Authorization: `Bearer ${session}` } });
  return ((await token.json()) as { token: string }).token;
}

/** Advisory locks held on `url`'s database, by anyone (asked of the server itself). */
const advisoryLocks = async (url: string) =>
  (
    await query<{ n: number }>(
      url,
      "select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())",
    )
  )[0]!.n;

/** 24 readers and 8 writers of one person's tasks, spread over `servers`: every answer a 200 or 201. */
async function serveUnderLoad(servers: ServerProcess[]) {
  const auth = { Authorization: `Bearer ${await signUp(servers[0]!)}` };
  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  let request = 0;
  const next = () => servers[request++ % servers.length]!.url;
  const reader = async () => {
    for (let round = 0; round < 15; round++)
      count((await fetch(`${next()}/api/tasks?limit=50`, { headers: auth })).status);
  };
  const writer = async (n: number) => {
    for (let round = 0; round < 8; round++) {
      const response = await fetch(`${next()}/api/tasks`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({ title: `Task ${n}.${round}`, priority: "high", labels: [] }),
      });
      count(response.status);
    }
  };
  await Promise.all([...Array.from({ length: 24 }, reader), ...Array.from({ length: 8 }, (_, n) => writer(n))]);
  expect(Object.fromEntries(statuses)).toEqual({ 200: 24 * 15, 201: 8 * 8 });
  const list = await fetch(`${servers[1]!.url}/api/tasks?limit=100`, { headers: auth });
  expect(((await list.json()) as { tasks: unknown[] }).tasks).toHaveLength(64);
}

/**
 * Starts `count` app servers whose DATABASE_URL goes through the pooler (DATABASE_DIRECT_URL at
 * the server when `direct`), all with one secret; each batch is stopped by `cleanups`.
 */
function instancesBehind(pooler: () => Pooler, cleanups: (() => Promise<unknown>)[]) {
  const secret = testSecret();
  return async (count: number, database: { url: string }, direct: boolean, extra: Record<string, string> = {}) => {
    const env = {
      DATABASE_URL: pooler().pooled(database.url),
      ...(direct ? { DATABASE_DIRECT_URL: database.url } : {}),
      BETTER_AUTH_SECRET: secret,
      BETTER_AUTH_URL: ORIGIN,
      API_RATE_LIMIT: "100000",
      LOG_LEVEL: "warn",
      ...extra,
    };
    const servers: ServerProcess[] = [];
    for (let index = 0; index < count; index++) servers.push(startServer(env, await freePort()));
    cleanups.push(() => Promise.all(servers.map((server) => server.stop())));
    return servers;
  };
}

describe.runIf(adminUrl && pgbouncerInstalled)("behind PgBouncer in transaction mode", () => {
  let pooler: Pooler;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    pooler = await startPgbouncer(adminUrl!);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await pooler?.stop();
  });

  const startInstances = instancesBehind(() => pooler, cleanups);

  for (const direct of [false, true]) {
    describe(direct ? "with DATABASE_DIRECT_URL" : "through the pooler alone", () => {
      let database: { url: string; drop: () => Promise<void> };
      let servers: ServerProcess[];

      beforeAll(async () => {
        database = await createTestDatabase(adminUrl!);
        cleanups.push(database.drop);
      });

      it("three instances starting together become ready, migrate once, and leave no advisory lock", async () => {
        servers = await startInstances(3, database, direct);
        await Promise.all(servers.map((server) => waitForStatus(`${server.url}/readyz`, 200, 60_000)));
        const applied = await query<{ hash: string }>(database.url, `select hash from drizzle.__drizzle_migrations`);
        expect(applied).toHaveLength(MIGRATIONS);
        expect(await advisoryLocks(database.url)).toBe(0);
      });

      it("serves concurrent reads and writes from several instances without a 5xx", async () => {
        await serveUnderLoad(servers);
      });

      it("an instance starting while the pool's server connections are busy becomes ready", async () => {
        // Every server connection of the pool (default_pool_size = 5) busy for 3 s.
        const busy = Array.from({ length: 5 }, () => query(pooler.pooled(database.url), "select pg_sleep(3)"));
        const [late] = await startInstances(1, database, direct);
        await waitForStatus(`${late!.url}/readyz`, 200, 30_000);
        await Promise.all(busy);
        expect(await advisoryLocks(database.url)).toBe(0);
      });
    });
  }

  it("names a startup parameter the pooler refuses, in one line", async () => {
    const database = await createTestDatabase(adminUrl!);
    cleanups.push(database.drop);
    const url = new URL(pooler.pooled(database.url));
    url.searchParams.set("options", "-c search_path=public");
    const [server] = await startInstances(1, { url: database.url }, false, { DATABASE_URL: url.toString() });
    expect(await server!.exit).toBe(1);
    expect(server!.stderr()).toMatch(
      /^start-up failed: a connection pooler refused the startup parameter options .*ignore_startup_parameters\n$/,
    );
  });

  it("names the timeout's startup parameter when DATABASE_POOLER=none meets a transaction pooler", async () => {
    const database = await createTestDatabase(adminUrl!);
    cleanups.push(database.drop);
    const [server] = await startInstances(1, database, false, { DATABASE_POOLER: "none" });
    expect(await server!.exit).toBe(1);
    expect(server!.stderr()).toMatch(
      /^start-up failed: a connection pooler refused the startup parameter statement_timeout /,
    );
  });

  it("refuses DATABASE_POOLER=prepared through a pooler that does not keep statements, and direct, in one line", async () => {
    const database = await createTestDatabase(adminUrl!);
    cleanups.push(database.drop);
    // Debian's PgBouncer 1.18 passes names through; without the check most requests answer 500.
    const [pooled] = await startInstances(1, database, true, { DATABASE_POOLER: "prepared" });
    const [direct] = await startInstances(1, database, false, {
      DATABASE_URL: database.url,
      DATABASE_POOLER: "prepared",
    });
    for (const server of [pooled!, direct!]) {
      expect(await server.exit).toBe(1);
      expect(server.stderr()).toMatch(
        /^start-up failed: DATABASE_POOLER=prepared, but the statements reach the database under their own names: .*\n$/,
      );
    }
  });

  it("names an authentication failure, in one line", async () => {
    const guarded = await startPgbouncer(adminUrl!, { auth_type: "plain" }, '"postgres" "right-password"');
    cleanups.push(() => guarded.stop());
    const url = new URL(guarded.pooled(adminUrl!));
    url.password = "wrong-password";
    const [server] = await startInstances(1, { url: adminUrl! }, false, { DATABASE_URL: url.toString() });
    expect(await server!.exit).toBe(1);
    expect(server!.stderr()).toMatch(
      /^start-up failed: the database refused the credentials in the database URL \(.*password authentication failed.*\)\n$/,
    );
  });

  it("names a pooler that is up while its server is down, in one line", async () => {
    const orphan = await startPgbouncer(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`);
    cleanups.push(() => orphan.stop());
    const [server] = await startInstances(1, { url: adminUrl! }, false, {
      DATABASE_URL: orphan.pooled(adminUrl!),
      DATABASE_STARTUP_TIMEOUT_MS: "3000",
      DATABASE_TIMEOUT_MS: "1000",
    });
    expect(await server!.exit).toBe(1);
    expect(server!.stderr()).toMatch(
      /^start-up failed: the database did not answer within 3 s \(last error: 127.0.0.1:\d+ accepts connections but no login completes: a connection pooler that is up while its database server is down\)\n$/,
    );
  });
});

describe.runIf(adminUrl && pgbouncerPreparedInstalled)(
  "behind PgBouncer ≥ 1.21 keeping prepared statements, DATABASE_POOLER=prepared",
  () => {
    let keeper: Pooler;
    let database: { url: string; drop: () => Promise<void> };
    const cleanups: (() => Promise<unknown>)[] = [];
    const startInstances = instancesBehind(() => keeper, cleanups);

    beforeAll(async () => {
      keeper = await startPgbouncer(adminUrl!, { max_prepared_statements: 200 }, undefined, PGBOUNCER_PREPARED);
      database = await createTestDatabase(adminUrl!);
    });
    afterAll(async () => {
      for (const cleanup of cleanups) await cleanup();
      await database?.drop();
      await keeper?.stop();
    });

    it("three instances serve concurrent reads and writes without a 5xx, through named statements", async () => {
      const servers = await startInstances(3, database, true, { DATABASE_POOLER: "prepared" });
      await Promise.all(servers.map((server) => waitForStatus(`${server.url}/readyz`, 200, 60_000)));
      await serveUnderLoad(servers);
      // The pooler prepared the app's named statements on its server connections (with
      // DATABASE_POOLER=transaction every statement is unnamed and this stays 0).
      const pooled = await query<{ database: string; prepared_statements: string }>(
        keeper.pooled(adminUrl!).replace(/\/[^/]*$/, "/pgbouncer"),
        "show servers",
      );
      const prepared = pooled
        .filter((server) => database.url.endsWith(`/${server.database}`))
        .reduce((sum, server) => sum + Number(server.prepared_statements), 0);
      expect(prepared).toBeGreaterThan(0);
    });
  },
);
