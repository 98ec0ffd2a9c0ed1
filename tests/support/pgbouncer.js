// PgBouncer in transaction mode (Debian's, or the build that keeps prepared statements), with its
// defaults otherwise, in front of a PostgreSQL server: started by a test (or the bench) on a
// free port, as the postgres user.
// Plain JavaScript: the bench (scenario 1p) starts it too, under node without a TypeScript loader.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import net from "node:net";
import { freePort } from "./free-port.js";

export const PGBOUNCER = "/usr/sbin/pgbouncer";
/** False where PgBouncer is not installed (`apt-get install pgbouncer`; .ci/run does it). */
export const pgbouncerInstalled = existsSync(PGBOUNCER);
/**
 * A PgBouncer that keeps prepared statements in transaction mode (≥ 1.21, max_prepared_statements:
 * DATABASE_POOLER=prepared, decision 138). Debian 12 ships 1.18: .ci/run builds Debian 13's
 * source there (scripts/pgbouncer-prepared.sh), outside root's home: it runs as postgres.
 */
export const PGBOUNCER_PREPARED = process.env.PGBOUNCER_PREPARED ?? "/opt/tasklane-pgbouncer/bin/pgbouncer";
export const pgbouncerPreparedInstalled = existsSync(PGBOUNCER_PREPARED);

/**
 * @typedef {object} Pooler
 * @property {(serverUrl: string) => string} pooled `serverUrl` with the pooler's host and port.
 * @property {number} port
 * @property {() => Promise<void>} stop Stops the pooler (its server connections close with it).
 */

/**
 * Starts PgBouncer (pool_mode = transaction, default_pool_size = 5, auth_type = trust unless
 * `settings` say otherwise) in front of `serverUrl`'s server, and waits until it listens.
 * @param {string} serverUrl
 * @param {Record<string, string | number>} [settings]
 * @param {string} [userlist]
 * @param {string} [binary] PGBOUNCER, or PGBOUNCER_PREPARED for `max_prepared_statements`
 * @returns {Promise<Pooler>}
 */
export async function startPgbouncer(serverUrl, settings = {}, userlist = '"postgres" ""', binary = PGBOUNCER) {
  const server = new URL(serverUrl);
  const dir = mkdtempSync(path.join(tmpdir(), "tasklane-pgbouncer-"));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const ini = {
    listen_addr: "127.0.0.1",
    listen_port: port,
    unix_socket_dir: "",
    auth_type: "trust",
    auth_file: path.join(dir, "userlist.txt"),
    pool_mode: "transaction",
    default_pool_size: 5,
    max_client_conn: 500,
    admin_users: "postgres",
    logfile: path.join(dir, "pgbouncer.log"),
    pidfile: "",
    ...settings,
  };
  writeFileSync(path.join(dir, "userlist.txt"), `${userlist}\n`);
  writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=${server.hostname} port=${server.port || 5432}`,
      "[pgbouncer]",
      ...Object.entries(ini).map(([key, value]) => `${key} = ${value}`),
      "",
    ].join("\n"),
  );
  // PgBouncer refuses to run as root: as root, run it as the postgres user.
  const asPostgres =
    process.getuid?.() === 0
      ? {
          uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })),
          gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })),
        }
      : {};
  const child = spawn(binary, [path.join(dir, "pgbouncer.ini")], {
    stdio: ["ignore", "pipe", "pipe"],
    ...asPostgres,
  });
  let output = "";
  // A binary that cannot be run (missing, or unreadable to the postgres user) fails here, not as an uncaught error.
  child.on("error", (error) => (output += `${error.message}\n`));
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  // Not events.once: it would reject on the spawn error above, unhandled.
  const exited = new Promise((resolve) => child.once("exit", resolve));
  /** @param {string} url */
  const pooled = (url) => {
    const target = new URL(url);
    target.hostname = "127.0.0.1";
    target.port = String(port);
    return target.toString();
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    const socket = net.connect(port, "127.0.0.1");
    const listening = await new Promise((resolve) => {
      socket.on("connect", () => resolve(true));
      socket.on("error", () => resolve(false));
    });
    socket.destroy();
    if (listening) break;
    if (child.exitCode !== null || child.pid === undefined || Date.now() > deadline) {
      if (child.pid !== undefined && child.exitCode === null) child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`PgBouncer did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    pooled,
    port,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
