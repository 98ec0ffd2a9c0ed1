import { once } from "node:events";
import net from "node:net";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  freePort,
  signUpOver,
  startServer,
  testSecret,
  waitForStatus,
} from "../support/server-process";

const adminUrl = process.env.TEST_DATABASE_URL;

/** A TCP proxy in front of PostgreSQL that the test can cut and restore, as if the database went down. */
async function cuttableProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const port = await freePort();
  const open = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    server.listen(port, "127.0.0.1");
    await once(server, "listening");
  };
  const cut = async () => {
    const closed = new Promise((resolve) => server?.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await open();
  return { port, open, cut };
}

describe.runIf(adminUrl)("on a real PostgreSQL (TEST_DATABASE_URL)", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("three instances starting at once on an empty database all become ready, migrated once, with one signing key", async () => {
    const database = await createTestDatabase(adminUrl!);
    cleanups.push(database.drop);
    const secret = testSecret();
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const servers = ports.map((port) =>
      startServer({ DATABASE_URL: database.url, BETTER_AUTH_SECRET: secret, DATABASE_POOL_MAX: "3" }, port),
    );
    cleanups.push(() => Promise.all(servers.map((server) => server.stop())));

    await Promise.all(servers.map((server) => waitForStatus(`${server.url}/readyz`)));
    for (const server of servers) expect((await fetch(`${server.url}/`)).status).toBe(200);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const applied = await client.query("select count(*)::int as n from drizzle.__drizzle_migrations");
    const tables = await client.query(
      "select count(*)::int as n from information_schema.tables where table_name = 'task'",
    );
    const signingKeys = await client.query("select count(*)::int as n from jwks");
    await client.end();
    const { readdirSync } = await import("node:fs");
    const migrationFiles = readdirSync("db/migrations").filter((file) => file.endsWith(".sql"));
    expect(applied.rows[0].n).toBe(migrationFiles.length);
    expect(tables.rows[0].n).toBe(1);
    // The first signing key is made once, at start-up, not raced for by the first tokens.
    expect(signingKeys.rows[0].n).toBe(1);
  });

  it("answers 503 on /readyz while the database is away, and 503 to the writes it cut, and recovers without a restart", async () => {
    const database = await createTestDatabase(adminUrl!);
    cleanups.push(database.drop);
    const target = new URL(database.url);
    const proxy = await cuttableProxy(target);
    const viaProxy = new URL(database.url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);

    const port = await freePort();
    const server = startServer(
      {
        DATABASE_URL: viaProxy.toString(),
        BETTER_AUTH_SECRET: testSecret(),
        BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
      },
      port,
    );
    cleanups.push(() => server.stop());
    await waitForStatus(`${server.url}/readyz`);

    // Writes in flight when the connection drops: a transaction's connection is checked out of the
    // pool, and its error must fail that request, not end the process.
    const account = await signUpOver(server.url);
    let writing = true;
    const statuses = new Set<number>();
    const writer = async () => {
      for (let n = 0; writing; n++) {
        const response = await fetch(`${server.url}/api/tasks`, {
          method: "POST",
          headers: { Authorization: `Bearer ${account.token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ title: `In flight ${n}` }),
        });
        statuses.add(response.status);
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 300));
    writing = false;
    await Promise.all(writers);
    expect(server.child.exitCode, server.stderr()).toBeNull();
    // Each write either landed or was told to retry.
    expect([...statuses].sort()).toEqual([201, 503]);
    await waitForStatus(`${server.url}/readyz`, 503, 15_000);
    const body = await (await fetch(`${server.url}/readyz`)).json();
    expect(body).toMatchObject({ status: "unavailable" });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.child.exitCode, server.stderr()).toBeNull();

    await proxy.open();
    await waitForStatus(`${server.url}/readyz`, 200, 15_000);
    cleanups.push(proxy.cut);
  });
});
