// One log line per request that reached the server, written when its response is done: with
// the status sent, or 499 (nginx's "client closed request") when the client went away before
// the response was finished, so that a request the app carried out (an account created, a task
// written) is never missing from the log because nobody read the answer.
import type { ServerResponse } from "node:http";
import type { Logger } from "pino";

export const CLIENT_CLOSED_REQUEST = 499;

export interface RequestLogEntry {
  requestId: string;
  method: string | undefined;
  path: string;
  status: number;
  durationMs: number;
}

/**
 * The path as logged: an invitation's token (a live secret in its path, decision 109) is
 * replaced by a placeholder, so the log never holds a working link.
 */
export function loggedPath(path: string): string {
  return path.replace(/^(\/(?:api\/)?invitations\/)[^/]+/, "$1:token");
}

/** The status to log: the one sent, unless the response never finished. */
export function loggedStatus(response: Pick<ServerResponse, "writableFinished" | "statusCode">): number {
  return response.writableFinished ? response.statusCode : CLIENT_CLOSED_REQUEST;
}

/**
 * Logs the request once its response is finished or abandoned ("close" comes either way), at
 * `level` (health checks, every few seconds from a load balancer, go to debug), and tells
 * `onDone` (the metrics) the same status and duration.
 */
export function logWhenDone(
  logger: Logger,
  res: ServerResponse,
  request: { requestId: string; method: string | undefined; path: string },
  level: "debug" | "info" = "info",
  onDone?: (res: ServerResponse, status: number, durationMs: number) => void,
): void {
  const started = process.hrtime.bigint();
  res.once("close", () => {
    const entry: RequestLogEntry = {
      ...request,
      status: loggedStatus(res),
      durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
    };
    logger[level](entry, "request");
    onDone?.(res, entry.status, entry.durationMs);
  });
}
