// One log line per answered request.
import type { ServerResponse } from "node:http";
import type { Logger } from "pino";

export interface RequestLogEntry {
  requestId: string;
  method: string | undefined;
  path: string;
  status: number;
  durationMs: number;
}

/**
 * Logs the request once its response is finished, at `level` (health checks, every few
 * seconds from a load balancer, go to debug).
 */
export function logWhenDone(
  logger: Logger,
  res: ServerResponse,
  request: { requestId: string; method: string | undefined; path: string },
  level: "debug" | "info" = "info",
): void {
  const started = process.hrtime.bigint();
  res.once("finish", () => {
    const entry: RequestLogEntry = {
      ...request,
      status: res.statusCode,
      durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
    };
    logger[level](entry, "request");
  });
}
