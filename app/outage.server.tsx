// What the app answers while its database is away (decision 012): one rule that tells an
// outage from a bug, one Retry-After, one page for browsers and one problem body for programs.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { createContext } from "react-router";
import { servedOverHttps } from "~/config.server";
import { logger } from "~/logger.server";
import { securityHeaders } from "~/security-headers.server";
import { ServiceUnavailablePage } from "~/ui/service-unavailable-page";

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

// Node's socket errors when the server cannot be reached or the connection drops.
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

// SQLSTATEs that mean "not now" rather than "wrong query": the server is stopping or
// starting, has no connection to spare, or cancelled a statement at DATABASE_TIMEOUT_MS.
// (Class 08, connection exceptions, is matched as a whole below.)
const UNAVAILABLE_SQLSTATES: Record<string, string> = {
  "57P01": "admin shutdown",
  "57P02": "crash shutdown",
  "57P03": "cannot connect now",
  "53300": "too many connections",
  "57014": "statement timeout",
};

// node-postgres reports these as plain Errors without a code.
const UNAVAILABLE_MESSAGES: [RegExp, string][] = [
  [/^Connection terminated/, "connection terminated"],
  [/^timeout exceeded when trying to connect/, "pool timeout"],
  [/^Query read timeout/, "query timeout"],
  [/not queryable/, "connection lost"],
  [/^Cannot use a pool after calling end/, "pool closed"],
];

/**
 * Why `error` means the database is unreachable or refusing work (a short label for the
 * log), or null for any other error. Looks through wrappers (Drizzle's query error, Better
 * Auth's, the AggregateError of a host with several addresses) to the driver's error.
 */
export function databaseOutageReason(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 5) return null;
  const { code, message, cause, errors } = error as Partial<Record<"code" | "message" | "cause" | "errors", unknown>>;
  if (typeof code === "string") {
    if (UNREACHABLE_CODES.has(code)) return code;
    if (code in UNAVAILABLE_SQLSTATES) return `${code} ${UNAVAILABLE_SQLSTATES[code]}`;
    if (/^08[0-9A-Z]{3}$/.test(code)) return `${code} connection exception`;
  }
  if (typeof message === "string") {
    for (const [pattern, label] of UNAVAILABLE_MESSAGES) if (pattern.test(message)) return label;
  }
  for (const inner of Array.isArray(errors) ? errors : []) {
    const reason = databaseOutageReason(inner, depth + 1);
    if (reason) return reason;
  }
  return databaseOutageReason(cause, depth + 1);
}

/** Expected while the database is away: one line per failed request, no stack trace. */
export function logDatabaseOutage(request: Request, requestId: string | undefined, reason: string): void {
  logger.warn({ requestId, method: request.method, path: new URL(request.url).pathname, reason }, "database unavailable");
}

/**
 * Set by the app's error handler when a request failed because the database is away, so
 * the document renderer and the root middleware answer 503 rather than a 500.
 */
export const databaseOutageContext = createContext<string | null>(null);

/**
 * Better Auth catches some database errors itself (a failed session lookup becomes "no
 * session", hence 401): its logger and error hook note them here, in the scope of the one
 * request that met them, so /api/auth/* can still answer 503.
 */
const authRequestOutage = new AsyncLocalStorage<{ reason: string | null }>();

/**
 * Runs a Better Auth request. `outage` is set when the request met a database outage on the
 * way, whether Better Auth threw it (then there is no response) or answered it itself.
 */
export async function withOutageScope(
  handle: () => Promise<Response>,
): Promise<{ response: Response; outage: string | null } | { response: null; outage: string }> {
  const scope = { reason: null as string | null };
  try {
    const response = await authRequestOutage.run(scope, handle);
    return { response, outage: scope.reason };
  } catch (error) {
    const reason = databaseOutageReason(error);
    if (!reason) throw error;
    return { response: null, outage: reason };
  }
}

/** Records `error` against the current Better Auth request if it is an outage; returns the reason. */
export function noteOutage(error: unknown): string | null {
  const reason = databaseOutageReason(error);
  const scope = authRequestOutage.getStore();
  if (reason && scope) scope.reason = reason;
  return reason;
}

const retryHeaders = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };

/** The JSON answer (RFC 9457) for the API and Better Auth's endpoints. */
export function serviceUnavailableProblem(): Response {
  const body = {
    type: "about:blank",
    title: "Service Unavailable",
    status: 503,
    detail: `The database is unreachable, so the request was not carried out. Retry after ${RETRY_AFTER_SECONDS} seconds.`,
  };
  return new Response(JSON.stringify(body), {
    status: 503,
    headers: { ...retryHeaders, "Content-Type": "application/problem+json" },
  });
}

/** The page for browsers; "Try again" loads `retryPath` with a GET. */
export function serviceUnavailableDocument(retryPath: string, stylesheets: string[]): Response {
  const nonce = randomBytes(16).toString("base64");
  const html = renderToStaticMarkup(<ServiceUnavailablePage retryPath={retryPath} stylesheets={stylesheets} nonce={nonce} />);
  const headers = new Headers({ ...retryHeaders, "Content-Type": "text/html; charset=utf-8" });
  for (const [name, value] of securityHeaders({ nonce, https: servedOverHttps, dev: import.meta.env.DEV })) {
    headers.set(name, value);
  }
  return new Response(`<!DOCTYPE html>${html}`, { status: 503, headers });
}

/** Programs get JSON, people a page: the same split as the rest of the app's answers. */
export function isJsonPath(pathname: string): boolean {
  return pathname.startsWith("/api/") || pathname.startsWith("/.well-known/");
}

// The built stylesheets, set once by the production server from the build's manifest.
let appStylesheets: string[] = [];

export function setAppStylesheets(hrefs: string[]): void {
  appStylesheets = hrefs;
}

/** The 503 for any request, by its path. */
export function serviceUnavailable(url: URL, stylesheets = appStylesheets): Response {
  return isJsonPath(url.pathname)
    ? serviceUnavailableProblem()
    : serviceUnavailableDocument(`${url.pathname}${url.search}`, stylesheets);
}
