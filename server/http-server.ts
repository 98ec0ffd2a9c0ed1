// The HTTP server in front of React Router (decision 007): request ids, the client IP, the
// security headers every response carries, the request log, the refusals made before the app
// reads a request, static files and compression. The stop is server/drain.ts's.
import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import compression from "compression";
import sirv from "sirv";
import { config } from "~/config.server";
import { logger } from "~/logger.server";
import { metricsEnabled, recordRequest } from "~/metrics.server";
import { serviceUnavailable } from "~/outage.server";
import { acceptsRequests, markStatic, requestListener, responseSecurityHeaders, routeOf } from "./app";
import { bodyRefusal } from "./body-limits";
import { clientIp } from "./client-ip";
import type { Drain } from "./drain";
import { refusal, send, sendAfterBody, withCors } from "./refusals";
import { loggedPath, logWhenDone } from "./request-log";
import { oneTrailingSlash } from "./trailing-slashes";

// Answered from the first moment, before the database is ready, and logged at debug level.
const HEALTH_CHECKS = new Set(["/healthz", "/readyz"]);
// The Fetch API cannot represent these methods; they are answered before React Router would
// fail on them. (CONNECT never reaches here: node:http hands it to a "connect" listener, and we have none.)
const UNSUPPORTED_METHODS = new Set(["TRACE"]);
const ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const compress = compression() as unknown as Middleware;
// Hashed file names never change content: cache them for a year.
const assets = sirv("build/client", { immutable: true, maxAge: 31_536_000, gzip: false, etag: true });
const publicFiles = sirv("build/client", { maxAge: 3600, etag: true });

/** The request metrics, by route id (decision 074); not called at all when METRICS_PORT is unset. */
const recordMetrics = metricsEnabled
  ? (res: ServerResponse, status: number, durationMs: number) => recordRequest(routeOf(res), status, durationMs / 1000)
  : undefined;

/** The server; `onRequest` is told of each request (the quiet-spell timer, server/idle-memory.ts). */
export function createHttpServer(drain: Drain, onRequest: () => void): http.Server {
  const server = http.createServer((req, res) => {
    onRequest();
    req.url = oneTrailingSlash(req.url ?? "/");
    const path = req.url.split("?")[0]!;
    const requestId = randomUUID();
    // These headers are ours alone: whatever a client sent under these names is replaced.
    req.headers["x-request-id"] = requestId;
    req.headers["x-client-ip"] = clientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], config.TRUST_PROXY);
    res.setHeader("X-Request-Id", requestId);
    for (const [name, value] of responseSecurityHeaders) res.setHeader(name, value);
    drain.track(req, res);
    logWhenDone(
      logger,
      res,
      { requestId, method: req.method, path: loggedPath(path) },
      HEALTH_CHECKS.has(path) ? "debug" : "info",
      recordMetrics,
    );

    if (UNSUPPORTED_METHODS.has(req.method ?? "")) {
      return void send(res, refusal(req, path, 405, `${req.method} is not supported.`, { Allow: ALLOWED_METHODS }));
    }
    const body = bodyRefusal(req.method, path, req.headers);
    if (body) return void sendAfterBody(req, res, refusal(req, path, body.status, body.detail));

    const handle = () => {
      // Until the database is ready and migrated, only the health checks reach the app.
      if (!acceptsRequests() && !HEALTH_CHECKS.has(path)) {
        req.resume();
        return void send(res, withCors(req, path, serviceUnavailable(new URL(req.url ?? "/", config.BETTER_AUTH_URL))));
      }
      const handleWithApp = () => requestListener(req, res);
      if (req.method !== "GET" && req.method !== "HEAD") return handleWithApp();
      if (recordMetrics) markStatic(res);
      if (req.url?.startsWith("/assets/")) return assets(req, res, handleWithApp);
      return publicFiles(req, res, handleWithApp);
    };
    // A client that accepts no encoding gets none: skip the middleware, which wraps every
    // write and header of the response (a measurable share of a small API answer). No Vary is
    // needed on such an identity response: a cache serving it to any client serves valid bytes.
    if (!req.headers["accept-encoding"]) return handle();
    compress(req, res, handle);
  });
  server.keepAliveTimeout = 65_000;
  server.on("connection", (socket) => drain.connected(socket));
  return server;
}
