// Debian's PgBouncer in transaction mode, with its defaults otherwise, in front of a
// PostgreSQL server: started by the test itself on a free port, as the postgres user.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import net from "node:net";
import { freePort } from "./server-process";

export const PGBOUNCER = "/usr/sbin/pgbouncer";
/** False where PgBouncer is not installed (`apt-get install pgbouncer`; .ci/run does it). */
export const pgbouncerInstalled = existsSync(PGBOUNCER);

export interface Pooler {
  /** `serverUrl` with the pooler's host and port. */
  pooled(serverUrl: string): string;
  port: number;
  /** Stops the pooler (its server connections close with it). */
  stop(): Promise<void>;
}

/**
 * Starts PgBouncer (pool_mode = transaction, default_pool_size = 5, auth_type = trust unless
 * `settings` say otherwise) in front of `serverUrl`'s server, and waits until it listens.
 */
export async function startPgbouncer(
  serverUrl: string,
  settings: Record<string, string | number> = {},
  userlist = '"postgres" ""',
): Promise<Pooler> {
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
  const child: ChildProcess = spawn(PGBOUNCER, [path.join(dir, "pgbouncer.ini")], {
    stdio: ["ignore", "pipe", "pipe"],
    ...asPostgres,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = once(child, "exit");
  const pooled = (url: string) => {
    const target = new URL(url);
    target.hostname = "127.0.0.1";
    target.port = String(port);
    return target.toString();
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    const socket = net.connect(port, "127.0.0.1");
    const listening = await new Promise<boolean>((resolve) => {
      socket.on("connect", () => resolve(true));
      socket.on("error", () => resolve(false));
    });
    socket.destroy();
    if (listening) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`PgBouncer did not start:\n${output}`);
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
