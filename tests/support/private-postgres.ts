// A PostgreSQL cluster of the test's own (Debian's initdb and pg_ctl), in a temporary folder
// on a free port, that a test may stop and start: never the shared server.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./server-process";

const ROOT = "/usr/lib/postgresql";

/** The newest installed server's bin folder, or undefined where there is none. */
export const postgresBin: string | undefined = existsSync(ROOT)
  ? readdirSync(ROOT)
      .filter((version) => existsSync(path.join(ROOT, version, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => path.join(ROOT, version, "bin"))[0]
  : undefined;

// initdb and pg_ctl refuse to run as root: as root, run them as the postgres user.
function run(tool: string, args: string[]): void {
  const command = path.join(postgresBin!, tool);
  const [file, argv] =
    process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: "pipe", timeout: 60_000 });
}

export interface PrivatePostgres {
  url: string;
  /** Starts the cluster (and waits until it accepts connections); nothing if it runs. */
  start(): void;
  /** Stops it (fast: open connections are cut, as in an outage); nothing if it is stopped. */
  stop(): void;
  destroy(): void;
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), "tasklane-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await freePort();
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  const cluster: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start() {
      if (running) return;
      run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
      running = true;
    },
    stop() {
      if (!running) return;
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      running = false;
    },
    destroy() {
      cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}
