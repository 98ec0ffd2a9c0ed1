// `npm run backup` asks the running server for a backup through a Unix socket in DATA_DIR
// (decision 075): the server is the only process that may open the embedded database, and the
// socket's mode (0600) lets only DATA_DIR's owner ask. One request per connection: the line
// "backup", answered with the backup file's bytes, or a line of JSON {"error": ...}.
import { chmodSync, rmSync } from "node:fs";
import net from "node:net";
import { backupDatabase } from "~/db.server";
import { config } from "~/config.server";
import { adminSocketPath } from "~/db/pglite-files.server";
import { logger } from "~/logger.server";

export function listenForAdminCommands(): void {
  const backup = backupDatabase;
  if (!backup) return;
  const socketPath = adminSocketPath(config.DATA_DIR);
  // This process holds DATA_DIR's lock: a socket file left there is a dead process's.
  rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    socket.on("error", () => socket.destroy());
    let request = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      request += chunk;
      if (!request.includes("\n")) return;
      socket.removeAllListeners("data");
      if (request.trim() !== "backup") {
        socket.end(`${JSON.stringify({ error: "unknown command (the only one is backup)" })}\n`);
        return;
      }
      const started = Date.now();
      backup().then(
        (file) => {
          logger.info({ bytes: file.length, ms: Date.now() - started }, "backup taken through the admin socket");
          socket.end(file);
        },
        (error: unknown) => {
          logger.error({ err: (error as Error).message }, "backup failed");
          socket.end(`${JSON.stringify({ error: `the backup failed: ${(error as Error).message}` })}\n`);
        },
      );
    });
  });
  server.on("error", (error) => {
    // The server serves on without it; only `npm run backup` needs it.
    logger.warn(
      { err: error.message, path: socketPath },
      "the admin socket is unavailable: npm run backup cannot reach this server",
    );
  });
  server.listen(socketPath, () => {
    chmodSync(socketPath, 0o600);
    logger.info({ path: socketPath }, "admin socket listening");
  });
  // Not a reason to stay alive; gone with the process.
  server.unref();
  process.on("exit", () => rmSync(socketPath, { force: true }));
}
