// Prometheus metrics (decision 074): the series the app counts as it works. They are served on
// a listener of their own (server/metrics.ts) only when METRICS_PORT is set; when it is not,
// nothing here is counted and the database drivers are left unwrapped.
import { Counter, Gauge, Histogram } from "prom-client";
import { config } from "~/config.server";
import { STATEMENT_ERROR_KINDS, statementErrorKind } from "~/database-errors.server";

export const metricsEnabled = config.METRICS_PORT !== undefined;

// Labels are route ids and fixed words, never paths: every series is bounded by the code.
const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"] as const;

const requests = new Counter({
  name: "tasklane_http_requests_total",
  help: "Requests answered, by React Router route id (static, unmatched) and status class (499 = the client went away).",
  labelNames: ["route", "status"] as const,
});

const requestDuration = new Histogram({
  name: "tasklane_http_request_duration_seconds",
  help: "Time from the request's arrival to its response's end, by route id.",
  labelNames: ["route"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

const statementErrors = new Counter({
  name: "tasklane_db_statement_errors_total",
  help: "Statements the database refused or could not run, by kind (app/database-errors.server.ts).",
  labelNames: ["kind"] as const,
});

for (const kind of STATEMENT_ERROR_KINDS) statementErrors.inc({ kind }, 0);

const authAttempts = new Counter({
  name: "tasklane_auth_attempts_total",
  help: "Attempts counted against the auth limits (sign-in, sign-up, two-factor…), by kind.",
  labelNames: ["kind"] as const,
});

const authLimited = new Counter({
  name: "tasklane_auth_attempts_limited_total",
  help: "Attempts refused because a limit was hit (AUTH_RATE_LIMIT, mails per address), by kind.",
  labelNames: ["kind"] as const,
});

/** One request's end: `route` is a route id, "static" or "unmatched". */
export function recordRequest(route: string, status: number, seconds: number): void {
  requests.inc({ route, status: STATUS_CLASSES[Math.floor(status / 100) - 1] ?? "5xx" });
  requestDuration.observe({ route }, seconds);
}

/** A statement error, whatever the driver; counted by the kind the app's own rule gives it. */
export function countStatementError(error: unknown): void {
  statementErrors.inc({ kind: statementErrorKind(error) });
}

export function countAuthAttempt(kind: string, limited: boolean): void {
  if (!metricsEnabled) return;
  authAttempts.inc({ kind });
  if (limited) authLimited.inc({ kind });
}

/** A gauge whose value is read when scraped; `aggregator` says how a cluster's primary combines workers. */
export function gaugeOnScrape(
  name: string,
  help: string,
  read: (gauge: Gauge) => void | Promise<void>,
  aggregator: "sum" | "max" = "sum",
  labelNames: string[] = [],
): Gauge {
  return new Gauge({
    name,
    help,
    labelNames,
    aggregator,
    collect() {
      return read(this);
    },
  });
}
