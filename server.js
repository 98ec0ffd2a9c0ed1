// Production entry: node:http + static files + compression in front of React Router.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import http from "node:http";
import compression from "compression";
import sirv from "sirv";

// React's server renderer must match react-dom's production build.
process.env.NODE_ENV = "production";

const buildEntry = new URL("./build/server/index.js", import.meta.url);
if (!existsSync(buildEntry)) {
  process.stderr.write("No production build found: run `npm run build` first (npm start does it for you).\n");
  process.exit(1);
}

const app = await import(buildEntry.href);
const { config, logger, responseSecurityHeaders } = app;

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
const isPage = (path) => !path.startsWith("/api/") && !path.startsWith("/.well-known/");
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

const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  const requestId = randomUUID();
  // These headers are ours alone: whatever a client sent under these names is replaced.
  req.headers["x-request-id"] = requestId;
  req.headers["x-client-ip"] = clientIp(req);
  res.setHeader("X-Request-Id", requestId);
  for (const [name, value] of responseSecurityHeaders) res.setHeader(name, value);

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

try {
  await app.startApp();
} catch (error) {
  logger.fatal({ err: error instanceof Error ? error.message : String(error) }, "start-up failed");
  process.exit(1);
}

server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  logger.info({ port, url: config.BETTER_AUTH_URL }, `listening on http://localhost:${port}`);
});

let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => {
    logger.warn("in-flight requests did not finish in time; closing connections");
    server.closeAllConnections();
  }, 8_000);
  force.unref();
  server.close(async () => {
    try {
      await app.stopApp();
    } catch (error) {
      logger.warn({ err: String(error) }, "closing the database failed");
    }
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
