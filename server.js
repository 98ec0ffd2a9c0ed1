// Production entry: node:http + static files + compression in front of React Router.
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import compression from "compression";
import sirv from "sirv";

// React's server renderer must match react-dom's production build.
process.env.NODE_ENV = "production";

const buildEntry = new URL("./build/server/index.js", import.meta.url);
if (!existsSync(buildEntry)) {
  process.stderr.write("No production build found: run `npm run build` first (npm start does it for you).\n");
  process.exit(1);
}

/** A start-up failure: one plain line on stderr (like a configuration error), exit 1. */
function die(message, error) {
  const detail = error instanceof Error ? error.message : error === undefined ? "" : String(error);
  process.stderr.write(`${message}${detail ? `: ${detail}` : ""}\n`);
  process.exit(1);
}

let app;
try {
  app = await import(buildEntry.href);
} catch (error) {
  die("start-up failed", error);
}
const { config, logger, responseSecurityHeaders } = app;

// Anything that escapes at run time leaves the process in an unknown state: one fatal log
// line, and exit 1 so that the supervisor starts a fresh process.
for (const event of ["uncaughtException", "unhandledRejection"]) {
  process.on(event, (error) => {
    logger.fatal({ err: error instanceof Error ? error.message : String(error) }, `${event}; exiting`);
    process.exit(1);
  });
}

const compress = compression();
// Hashed file names never change content: cache them for a year.
const assets = sirv("build/client", { immutable: true, maxAge: 31_536_000, gzip: false, etag: true });
const publicFiles = sirv("build/client", { maxAge: 3600, etag: true });
const quietPaths = new Set(["/healthz", "/readyz"]);
// (CONNECT never reaches here: node:http hands it to a "connect" listener, and we have none.)
const UNSUPPORTED_METHODS = new Set(["TRACE"]);

// Forms here are a few fields: 1 MiB is generous, and nothing bigger is read into memory.
// The JSON API (/api/…, not /api/auth/…) stops reading at its own 64 KiB as the body streams.
const MAX_BODY_BYTES = 1024 * 1024;
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
const isJsonApi = (path) => path.startsWith("/api/") && !path.startsWith("/api/auth/");
// Pages are what is not JSON (app/outage.server.tsx holds the rule, for its 503s too).
const isPage = (path) => !app.isJsonPath(path);
const FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

/** [status, message] when a request's body must be refused before a route reads it; null otherwise. */
function bodyRefusal(req, path) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return null;
  const length = req.headers["content-length"];
  if (length !== undefined && Number(length) > MAX_BODY_BYTES) {
    return [413, `The request body must be at most ${MAX_BODY_BYTES} bytes.`];
  }
  // Without a length the size is unknown until read; browsers always send one.
  if (length === undefined && req.headers["transfer-encoding"] && !isJsonApi(path)) {
    return [411, "Send the request body with a Content-Length header."];
  }
  // Page actions read forms only: no file uploads, no JSON (that is what /api is for).
  const mediaType = String(req.headers["content-type"] ?? "").split(";", 1)[0].trim().toLowerCase();
  if (isPage(path) && mediaType !== FORM_MEDIA_TYPE) {
    return [415, `Forms must be sent as ${FORM_MEDIA_TYPE}.`];
  }
  return null;
}

function clientIp(req) {
  const socketIp = req.socket.remoteAddress ?? "";
  if (config.TRUST_PROXY === 0) return socketIp;
  // Each trusted proxy appends the address it received from; count hops from the right.
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - config.TRUST_PROXY] ?? forwarded[0] ?? socketIp;
}

let stopping = false;
/** Responses not finished yet: at a signal, those that have not sent their headers get Connection: close. */
const inFlight = new Set();
/** Every open connection: its requests not answered yet, and when it last finished one (or opened). */
const connections = new Map();

function trackRequest(req, res) {
  const connection = connections.get(req.socket);
  inFlight.add(res);
  if (connection) connection.open += 1;
  res.on("close", () => {
    inFlight.delete(res);
    if (!connection) return;
    connection.open -= 1;
    connection.since = Date.now();
  });
}

// The heap that start-up, or a burst of requests, grew is given back once the process is quiet
// (server/idle-memory.ts); a cluster's primary, which serves nothing, collects once after start.
const quietSpell = app.collectGarbageWhenQuiet();

const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  quietSpell.noteActivity();
  const requestId = randomUUID();
  // These headers are ours alone: whatever a client sent under these names is replaced.
  req.headers["x-request-id"] = requestId;
  req.headers["x-client-ip"] = clientIp(req);
  res.setHeader("X-Request-Id", requestId);
  for (const [name, value] of responseSecurityHeaders) res.setHeader(name, value);
  // Once stopping, every answer tells the client not to reuse the connection.
  if (stopping) res.setHeader("Connection", "close");
  trackRequest(req, res);

  res.on("finish", () => {
    const path = (req.url ?? "/").split("?")[0];
    const entry = {
      requestId,
      method: req.method,
      path,
      status: res.statusCode,
      durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
    };
    if (quietPaths.has(path)) logger.debug(entry, "request");
    else logger.info(entry, "request");
  });

  // The Fetch API cannot represent these methods; answer before React Router would fail on them.
  if (UNSUPPORTED_METHODS.has(req.method ?? "")) {
    res.writeHead(405, { Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS", "Content-Type": "text/plain" });
    res.end("Method not allowed\n");
    return;
  }

  const refusal = bodyRefusal(req, (req.url ?? "/").split("?")[0]);
  if (refusal) {
    res.writeHead(refusal[0], { "Content-Type": "text/plain; charset=utf-8", Connection: "close" });
    // Drop the rest of the body before answering: a client still sending when the socket
    // closes gets a reset and never sees the answer. Beyond DRAIN_LIMIT_BYTES, just hang up.
    let drained = 0;
    req.on("data", (chunk) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT_BYTES) req.destroy();
    });
    req.on("end", () => res.end(refusal[1] + "\n"));
    return;
  }

  const handle = () => {
    const path = (req.url ?? "/").split("?")[0];
    // Until the database is ready and migrated, only the health checks reach the app.
    if (!app.acceptsRequests() && !quietPaths.has(path)) {
      req.resume();
      return void app.sendServiceUnavailable(req.url ?? "/", res);
    }
    const handleWithApp = () => app.requestListener(req, res);
    if (req.method !== "GET" && req.method !== "HEAD") return handleWithApp();
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
server.on("connection", (socket) => {
  connections.set(socket, { open: 0, since: Date.now() });
  socket.on("close", () => connections.delete(socket));
});

// Listen first, then wait for the database: a platform that starts the app before its
// database sees a live process whose /readyz says 503 until it is ready (decision 012).
server.on("error", (error) => {
  const where = config.HOST ? `${config.HOST}:${config.PORT}` : `port ${config.PORT}`;
  if (error.code === "EADDRINUSE") die(`${where} is already in use; set PORT`);
  if (error.code === "EACCES") die(`no permission to listen on ${where}; set PORT (above 1023 without privileges)`);
  if (error.code === "EADDRNOTAVAIL") die(`cannot listen on ${where}: no such address on this machine; set HOST`);
  die("the HTTP server failed", error);
});
function listen(onListening) {
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    logger.info({ port, url: config.BETTER_AUTH_URL }, `listening on http://localhost:${port}`);
    onListening();
  });
}

function started() {
  logger.info("ready");
  if (cluster.isWorker) process.send(app.WORKER_READY);
}

/**
 * A single process, and the first worker, listen at once and then wait for the database.
 * A worker started beside serving ones (more workers, or a replacement) listens only when
 * ready: the port is shared, and it would answer its share of the requests with 503.
 */
function serve() {
  const startApp = () => app.startApp().catch((error) => die("start-up failed", error));
  if (!cluster.isWorker || cluster.worker.id === 1) listen(() => startApp().then(started));
  else startApp().then(() => listen(started));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/**
 * Runs `task` after the event loop has polled for I/O `turns` more times: bytes that reached
 * a socket before now have been read and their requests dispatched by then.
 */
function afterPolls(turns, task) {
  setImmediate(() => (turns > 1 ? afterPolls(turns - 1, task) : task()));
}

// A connection is idle when it has no request in flight and has been quiet for a moment: a
// request whose bytes have arrived but are not parsed yet is not mistaken for idleness (the
// moment covers the poll turns that read them, or a new connection's first request).
const IDLE_AFTER_MS = 250;
function closeIdleConnections() {
  afterPolls(2, () => {
    const now = Date.now();
    for (const [socket, state] of connections) {
      if (state.open === 0 && now - state.since >= IDLE_AFTER_MS) socket.destroy();
    }
  });
}

// Graceful stop: every request on a connection accepted before the signal gets its answer.
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  app.beginStopping();
  logger.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, "shutting down");
  for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
  closeIdleConnections();
  setInterval(closeIdleConnections, 100);
  // During the grace period the listener still accepts and serves, so that a load balancer
  // has time to see /readyz fail and stop sending new connections here.
  setTimeout(stopAccepting, config.SHUTDOWN_GRACE_MS);
}

// Connections the kernel has completed but Node has not accepted yet would be reset when the
// listener closes: keep accepting until a quiet moment (20 ms and two turns of the loop)
// brings no new one, for at most a second.
function stopAccepting(deadline = Date.now() + 1_000) {
  let accepted = 0;
  const count = () => (accepted += 1);
  server.on("connection", count);
  setTimeout(() =>
    afterPolls(2, () => {
      server.off("connection", count);
      if (accepted > 0 && Date.now() < deadline) stopAccepting(deadline);
      else closeListener();
    }),
  20);
}

function closeListener() {
  // net.Server's own close: stop listening, call back once every connection has ended.
  // (http.Server#close would also destroy every connection it deems idle at once, racing
  // requests whose bytes have arrived but are not parsed yet.)
  net.Server.prototype.close.call(server, async () => {
    try {
      await app.stopApp();
    } catch (error) {
      logger.warn({ err: String(error) }, "closing the database failed");
    }
    process.exit(0);
  });
  setTimeout(() => {
    logger.warn(
      { open: inFlight.size, timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
      "requests still running at SHUTDOWN_TIMEOUT_MS; closing them",
    );
    server.closeAllConnections();
    process.exit(1);
  }, config.SHUTDOWN_TIMEOUT_MS).unref();
}

// WEB_CONCURRENCY > 1: this process forks the workers that serve (server/workers.ts).
if (cluster.isPrimary && config.WEB_CONCURRENCY > 1) app.superviseWorkers();
else serve();
