// What the app answers while its database is away (decision 012): one Retry-After, one page
// for browsers and one problem body for programs. (What counts as "away": database-errors.server.ts.)
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { createContext } from "react-router";
import { servedOverHttps } from "~/config.server";
import { databaseOutageReason } from "~/database-errors.server";
import { isJsonApiPath } from "~/json-api-path";
import { logger } from "~/logger.server";
import { securityHeaders } from "~/security-headers.server";
import { ServiceUnavailablePage } from "~/ui/service-unavailable-page";

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/** Expected while the database is away: one line per failed request, no stack trace. */
export function logDatabaseOutage(request: Request, requestId: string | undefined, reason: string): void {
  logger.warn(
    { requestId, method: request.method, path: new URL(request.url).pathname, reason },
    "database unavailable",
  );
}

/**
 * Set by the app's error handler when a request failed because the database is away, so
 * the document renderer and the root middleware answer 503 rather than a 500.
 */
export const databaseOutageContext = createContext<string | null>(null);

/**
 * Better Auth catches some database errors itself (a failed session lookup becomes "no
 * session", hence 401) and only logs them: its logger (app/auth/auth.server.ts) notes them
 * here, in the scope of the one request that met them, so /api/auth/* can still answer 503.
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
  const html = renderToStaticMarkup(
    <ServiceUnavailablePage retryPath={retryPath} stylesheets={stylesheets} nonce={nonce} />,
  );
  const headers = new Headers({ ...retryHeaders, "Content-Type": "text/html; charset=utf-8" });
  for (const [name, value] of securityHeaders({ nonce, https: servedOverHttps, dev: import.meta.env.DEV })) {
    headers.set(name, value);
  }
  return new Response(`<!DOCTYPE html>${html}`, { status: 503, headers });
}

// The built stylesheets, set once by the production server from the build's manifest.
let appStylesheets: string[] = [];

export function setAppStylesheets(hrefs: string[]): void {
  appStylesheets = hrefs;
}

/** The 503 for any request, by its path. */
export function serviceUnavailable(url: URL, stylesheets = appStylesheets): Response {
  return isJsonApiPath(url.pathname)
    ? serviceUnavailableProblem()
    : serviceUnavailableDocument(`${url.pathname}${url.search}`, stylesheets);
}
