// What `node server.js` runs once the build is loaded: a single server, a cluster's worker, or
// (WEB_CONCURRENCY > 1) the primary that forks the workers (server/workers.ts).
import cluster from "node:cluster";
import type { Server } from "node:http";
import { config } from "~/config.server";
import { logger } from "~/logger.server";
import { listenForAdminCommands } from "./admin-socket";
import { startApp } from "./app";
import { Drain } from "./drain";
import { createHttpServer } from "./http-server";
import { collectGarbageWhenQuiet } from "./idle-memory";
import { startMetrics } from "./metrics";
import { superviseWorkers, WORKER_READY } from "./workers";

/** A start-up failure: one plain line on stderr (like a configuration error), exit 1. */
export function die(message: string, error?: unknown): never {
  const detail = error instanceof Error ? error.message : error === undefined ? "" : String(error);
  process.stderr.write(`${message}${detail ? `: ${detail}` : ""}\n`);
  process.exit(1);
}

export function runServer(): void {
  // Anything that escapes at run time leaves the process in an unknown state: one fatal log
  // line, and exit 1 so that the supervisor starts a fresh process.
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    process.on(event, (error) => {
      // The stack too: the message alone ("Invalid URL") did not say which library threw it.
      const err = error instanceof Error ? error.message : String(error);
      logger.fatal({ err, stack: error instanceof Error ? error.stack : undefined }, `${event}; exiting`);
      process.exit(1);
    });
  }
  // The heap that start-up, or a burst of requests, grew is given back once the process is quiet
  // (server/idle-memory.ts); a cluster's primary, which serves nothing, collects once after start.
  const quietSpell = collectGarbageWhenQuiet();
  startMetrics(die);
  if (cluster.isPrimary && config.WEB_CONCURRENCY > 1) superviseWorkers();
  else serve(quietSpell.noteActivity);
}

/**
 * A single process, and the first worker, listen at once and then wait for the database
 * (decision 012). A worker started beside serving ones (more workers, or a replacement) listens
 * only when ready: the port is shared, and it would answer its share of the requests with 503.
 */
function serve(onRequest: () => void): void {
  const drain = new Drain();
  const server = createHttpServer(drain, onRequest);
  server.on("error", (error: NodeJS.ErrnoException) => {
    const where = config.HOST ? `${config.HOST}:${config.PORT}` : `port ${config.PORT}`;
    if (error.code === "EADDRINUSE") die(`${where} is already in use; set PORT`);
    if (error.code === "EACCES") die(`no permission to listen on ${where}; set PORT (above 1023 without privileges)`);
    if (error.code === "EADDRNOTAVAIL") die(`cannot listen on ${where}: no such address on this machine; set HOST`);
    die("the HTTP server failed", error);
  });
  const start = () => startApp().catch((error: unknown) => die("start-up failed", error));
  if (!cluster.isWorker || cluster.worker?.id === 1) listen(server, () => void start().then(started));
  else void start().then(() => listen(server, started));
  process.on("SIGTERM", () => drain.stop(server, "SIGTERM"));
  process.on("SIGINT", () => drain.stop(server, "SIGINT"));
}

function listen(server: Server, onListening: () => void): void {
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    logger.info({ port, url: config.BETTER_AUTH_URL }, `listening on http://localhost:${port}`);
    onListening();
  });
}

function started(): void {
  logger.info("ready");
  listenForAdminCommands();
  if (cluster.isWorker) process.send?.(WORKER_READY);
}
