// The metrics listener (decision 074): Prometheus's text on METRICS_HOST:METRICS_PORT, a port of
// its own so that the public one never serves it. A single process serves its own registry;
// with WEB_CONCURRENCY > 1 the primary serves the sum of its workers' (prom-client's cluster
// registry asks each worker over the cluster's IPC channel at every scrape).
import cluster from "node:cluster";
import http from "node:http";
import { AggregatorRegistry, collectDefaultMetrics, register } from "prom-client";
import { config } from "~/config.server";
import { databasePoolStats } from "~/db.server";
import { logger } from "~/logger.server";
import { outboxBacklog } from "~/mail/outbox.server";
import { gaugeOnScrape, metricsEnabled } from "~/metrics.server";
import { eventHub } from "~/events/hub.server";

/** Starts what this process contributes: the collectors, and the listener unless it is a worker. */
export function startMetrics(die: (message: string, error?: unknown) => never): void {
  if (!metricsEnabled) return;
  const primaryOfWorkers = cluster.isPrimary && config.WEB_CONCURRENCY > 1;
  if (!primaryOfWorkers) registerCollectors();
  // In a worker this only installs the answer to the primary's requests.
  const aggregator = cluster.isWorker || primaryOfWorkers ? new AggregatorRegistry() : undefined;
  if (cluster.isWorker) return;
  const metrics = primaryOfWorkers ? () => aggregator!.clusterMetrics() : () => register.metrics();
  listen(register.contentType, metrics, die);
}

function registerCollectors(): void {
  // Process memory, GC, event-loop lag, handles: prom-client's defaults.
  collectDefaultMetrics();
  gaugeOnScrape(
    "tasklane_db_pool_connections",
    "PostgreSQL pool connections by state (in_use, idle); absent with the embedded database (one connection, no pool).",
    (gauge) => {
      gauge.reset();
      const stats = databasePoolStats();
      if (!stats) return;
      gauge.set({ state: "in_use" }, stats.total - stats.idle);
      gauge.set({ state: "idle" }, stats.idle);
    },
    "sum",
    ["state"],
  );
  gaugeOnScrape(
    "tasklane_db_pool_waiting",
    "Requests waiting for a pool connection (0 with the embedded database, which queues statements instead).",
    (gauge) => gauge.set(databasePoolStats()?.waiting ?? 0),
  );
  gaugeOnScrape(
    "tasklane_event_streams",
    "Event streams open (GET /api/events and the pages' /events), all workers added up.",
    (gauge) => gauge.set(eventHub.size),
  );
  // Every worker reads the same table: the primary keeps one answer, not their sum.
  let backlog: Promise<{ pending: number; oldestAgeSeconds: number }> | undefined;
  const readBacklog = () =>
    (backlog ??= outboxBacklog()
      .catch((error: unknown) => {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, "metrics: outbox not readable");
        return { pending: Number.NaN, oldestAgeSeconds: Number.NaN };
      })
      .finally(() => setImmediate(() => (backlog = undefined))));
  gaugeOnScrape(
    "tasklane_mail_outbox_pending",
    "Messages in the outbox waiting to be sent.",
    async (gauge) => gauge.set((await readBacklog()).pending),
    "max",
  );
  gaugeOnScrape(
    "tasklane_mail_outbox_oldest_pending_seconds",
    "Age of the oldest message waiting to be sent (0 when none).",
    async (gauge) => gauge.set((await readBacklog()).oldestAgeSeconds),
    "max",
  );
}

function listen(contentType: string, metrics: () => Promise<string>, die: (message: string, error?: unknown) => never) {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res
        .writeHead(404, { "Content-Type": "text/plain; charset=utf-8" })
        .end("Not found: the metrics are at /metrics\n");
      return;
    }
    metrics().then(
      (text) => res.writeHead(200, { "Content-Type": contentType }).end(text),
      (error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "metrics: scrape failed");
        res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("The metrics could not be gathered.\n");
      },
    );
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    const where = `${config.METRICS_HOST}:${config.METRICS_PORT}`;
    if (error.code === "EADDRINUSE") die(`${where} is already in use; set METRICS_PORT`);
    if (error.code === "EADDRNOTAVAIL")
      die(`cannot listen on ${where}: no such address on this machine; set METRICS_HOST`);
    die("the metrics listener failed", error);
  });
  // Not a reason to stay alive: the drain decides when the process ends.
  server.unref();
  server.listen(config.METRICS_PORT, config.METRICS_HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.METRICS_PORT;
    logger.info(
      { metricsPort: port, host: config.METRICS_HOST },
      `metrics on http://${config.METRICS_HOST}:${port}/metrics`,
    );
  });
}
