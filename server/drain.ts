// Graceful stop (decision 012): every request on a connection accepted before the signal gets
// its whole answer, including requests whose bytes have arrived but are not parsed yet; idle
// keep-alive connections are closed; the listener keeps accepting through SHUTDOWN_GRACE_MS and
// until a quiet moment; the process exits 0 once drained, or 1 at SHUTDOWN_TIMEOUT_MS.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import net from "node:net";
import { config } from "~/config.server";
import { logger } from "~/logger.server";
import { beginStopping, stopApp } from "./app";
import { ConnectionTracker, keepAccepting } from "./connections";

const SWEEP_EVERY_MS = 100;
const QUIET_MOMENT_MS = 20;
const KEEP_ACCEPTING_AT_MOST_MS = 1_000;

/**
 * Runs `task` after the event loop has polled for I/O `turns` more times: bytes that reached
 * a socket before now have been read and their requests dispatched by then.
 */
function afterPolls(turns: number, task: () => void): void {
  setImmediate(() => (turns > 1 ? afterPolls(turns - 1, task) : task()));
}

export class Drain {
  #stopping = false;
  /** Responses not finished yet: at the signal, those that have not sent their headers get Connection: close. */
  readonly #inFlight = new Set<ServerResponse>();
  readonly #connections = new ConnectionTracker<net.Socket>();

  connected(socket: net.Socket): void {
    this.#connections.opened(socket, Date.now());
    socket.on("close", () => this.#connections.closed(socket));
  }

  track(req: IncomingMessage, res: ServerResponse): void {
    // Once stopping, every answer tells the client not to reuse the connection.
    if (this.#stopping) res.setHeader("Connection", "close");
    const socket = req.socket;
    this.#inFlight.add(res);
    this.#connections.requestStarted(socket);
    res.on("close", () => {
      this.#inFlight.delete(res);
      this.#connections.requestEnded(socket, Date.now());
    });
  }

  stop(server: Server, signal: NodeJS.Signals): void {
    if (this.#stopping) return;
    this.#stopping = true;
    beginStopping();
    logger.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, "shutting down");
    for (const res of this.#inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
    this.#closeIdleConnections();
    setInterval(() => this.#closeIdleConnections(), SWEEP_EVERY_MS);
    // During the grace period the listener still accepts and serves, so that a load balancer
    // has time to see /readyz fail and stop sending new connections here.
    setTimeout(() => this.#stopAccepting(server, Date.now() + KEEP_ACCEPTING_AT_MOST_MS), config.SHUTDOWN_GRACE_MS);
  }

  #closeIdleConnections(): void {
    afterPolls(2, () => {
      for (const socket of this.#connections.idle(Date.now())) socket.destroy();
    });
  }

  // Connections the kernel has completed but Node has not accepted yet would be reset when the
  // listener closes: keep accepting until a quiet moment brings no new one.
  #stopAccepting(server: Server, deadline: number): void {
    let accepted = 0;
    const count = () => (accepted += 1);
    server.on("connection", count);
    setTimeout(
      () =>
        afterPolls(2, () => {
          server.off("connection", count);
          if (keepAccepting(accepted, Date.now(), deadline)) this.#stopAccepting(server, deadline);
          else this.#closeListener(server);
        }),
      QUIET_MOMENT_MS,
    );
  }

  #closeListener(server: Server): void {
    // net.Server's own close: stop listening, call back once every connection has ended.
    // (http.Server#close would also destroy every connection it deems idle at once, racing
    // requests whose bytes have arrived but are not parsed yet.)
    net.Server.prototype.close.call(server, async () => {
      try {
        await stopApp();
      } catch (error) {
        logger.warn({ err: String(error) }, "closing the database failed");
      }
      process.exit(0);
    });
    setTimeout(() => {
      logger.warn(
        { open: this.#inFlight.size, timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
        "requests still running at SHUTDOWN_TIMEOUT_MS; closing them",
      );
      server.closeAllConnections();
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
  }
}
