// The production server's view of the app, compiled with it into build/server/index.js (the
// SSR build, entry server/index.ts) so that the server and the routes share one database and
// one logger.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequestListener } from "@react-router/node";
import { RouterContextProvider, type ServerBuild } from "react-router";
import { unstable_preloadRoutePattern } from "react-router/route-pattern";
import * as build from "virtual:react-router/server-build";
import { auth } from "~/auth/auth.server";
import { actionOriginHosts, config, servedOverHttps } from "~/config.server";
import { closeDatabase, databaseKind, migrateDatabase, runExclusively, waitForDatabase } from "~/db.server";
import { currentPhase, enterPhase } from "~/lifecycle.server";
import { logger } from "~/logger.server";
import { setAppStylesheets } from "~/outage.server";
import { startAppMailSender, stopAppMailSender } from "~/mail/outbox.server";
import { startAppReminderScheduler, stopAppReminderScheduler } from "~/reminders/scheduler.server";
import { eventHub } from "~/events/hub.server";
import { configuredTransport } from "~/mail/transport.server";
import { startAppWebhookSender, stopAppWebhookSender } from "~/webhooks/sender.server";
import { describeWebhookEvent } from "~/api/webhook-data.server";
import { type RequestMeta, requestMetaContext } from "~/request-context";

import { baseSecurityHeaders } from "~/security-headers.server";

/** Set by the server (server/http-server.ts) on every response, static files and refusals included. */
export const responseSecurityHeaders = baseSecurityHeaders(servedOverHttps);

// Listening comes first (server/main.ts), the database second: until it is ready and migrated,
// requests other than the health checks are answered 503 (decision 012).
enterPhase("starting");
setAppStylesheets(build.assets.routes.root?.css ?? []);

export async function startApp(): Promise<void> {
  if (config.generatedSecret) {
    logger.warn(
      { dataDir: config.DATA_DIR },
      "BETTER_AUTH_SECRET is not set: using a generated secret kept in DATA_DIR (set it in production)",
    );
  }
  await waitForDatabase(config.DATABASE_STARTUP_TIMEOUT_MS, (reason) =>
    logger.info({ reason }, "waiting for the database"),
  );
  await migrateDatabase();
  // Better Auth creates the first signing key on demand; created here, under the start-up
  // lock, instances starting together on an empty database share one key instead of racing.
  await runExclusively(() => auth.api.getJwks());
  logger.info({ database: databaseKind }, "database migrated");
  if (config.DATABASE_URL && !config.SMTP_URL) {
    logger.warn("SMTP_URL is not set: mail (password resets, address confirmations) cannot be delivered");
  }
  const transport = startAppMailSender(configuredTransport);
  if (transport) logger.info({ via: transport.description }, "mail sender started");
  startAppReminderScheduler();
  // Listening for new events from the start: a stream opened later finds the hub ready.
  await eventHub.start();
  startAppWebhookSender({ describe: describeWebhookEvent });
  enterPhase("serving");
}

/** False until start-up is done: the server then answers everything but the health checks itself. */
export const acceptsRequests = () => currentPhase() !== "starting";

/** From the first signal on, /readyz answers 503 so that a load balancer stops sending requests. */
export const beginStopping = () => {
  enterPhase("stopping");
  // Event streams never finish by themselves: end them now, so their clients reconnect elsewhere.
  eventHub.closeStreams();
};

/** The mail sender finishes the message in hand first: it needs the database to record it. */
export async function stopApp(): Promise<void> {
  // The scheduler first: the reminders it queues in hand are then sent by the mail sender or the next start.
  await stopAppReminderScheduler();
  // The webhook sender before the mail sender: giving up on an endpoint queues a mail.
  await stopAppWebhookSender();
  await stopAppMailSender();
  await eventHub.stop();
  await closeDatabase();
}

// React Router's default matcher walks the ~110 routes in rank order and builds the root's match
// for each one it tries: /api/tasks cost ~50 µs and ~90 KB of garbage per match, twice a request,
// a third of the JSON list's allocations. Its route-pattern matcher (a trie) answers the same in
// ~8 µs (decision 136; tests/unit/route-matching.test.ts holds the two to the same answer for
// every route). The framework types no future flags, hence the cast; the flag reaches the
// browser with the others, so app/entry.client.tsx loads the matcher there too.
unstable_preloadRoutePattern();

const serverBuild: ServerBuild = {
  ...(build as unknown as ServerBuild),
  future: { ...build.future, unstable_routePatternMatching: true } as unknown as ServerBuild["future"],
  // React Router's CSRF check compares Origin with the URL it rebuilds from Host and the
  // socket's scheme: behind a TLS-terminating proxy that is http://, the browser's is https://.
  // The app's own public host is therefore always allowed; ALLOWED_ACTION_ORIGINS adds others.
  allowedActionOrigins: actionOriginHosts,
};

// The route each request matched, for the metrics (decision 074): the root's middleware notes
// the pattern on the request's meta, which getLoadContext hangs on the Node response; the server
// reads it when the response ends. A response served by the static files carries "static".
const ROUTE = Symbol("tasklane.route");
type Routed = ServerResponse & { [ROUTE]?: RequestMeta | "static" };

/** Each route's pattern as React Router builds it (joined paths; "/" for none) to its id. */
const routeIds = new Map<string, string>();
{
  const routes = serverBuild.routes;
  const chain = (id: string | undefined): { path?: string; index?: boolean }[] =>
    id && routes[id] ? [...chain(routes[id].parentId), routes[id]] : [];
  // Shallow first: a deeper route with the same pattern (an index, a layout's child) wins.
  const byDepth = Object.keys(routes)
    .map((id) => ({ id, routes: chain(id) }))
    .sort(
      (a, b) => a.routes.length - b.routes.length || Number(a.routes.at(-1)?.index) - Number(b.routes.at(-1)?.index),
    );
  for (const { id, routes: matched } of byDepth) {
    const pattern =
      matched
        .map((route) => route.path)
        .filter(Boolean)
        .join("/")
        .replace(/\/\/+/g, "/") || "/";
    routeIds.set(pattern, id);
  }
}

/** The label of the route that answered `res`: a route id, "static", or "unmatched". */
export function routeOf(res: ServerResponse): string {
  const routed = (res as Routed)[ROUTE];
  if (routed === "static") return routed;
  const pattern = routed?.routePattern;
  return (pattern !== undefined && routeIds.get(pattern)) || "unmatched";
}

/** Marks a response the static files are about to answer (the app overrides it if they pass). */
export function markStatic(res: ServerResponse): void {
  (res as Routed)[ROUTE] = "static";
}

// React Router's listener calls getLoadContext synchronously, before its first await: the
// response in hand is the one that request belongs to (the request id confirms it).
const handing: { res: Routed | undefined; requestId: string | undefined } = { res: undefined, requestId: undefined };

const listener = createRequestListener({
  build: serverBuild,
  mode: "production",
  getLoadContext(request) {
    const context = new RouterContextProvider();
    const meta: RequestMeta = {
      requestId: request.headers.get("x-request-id") ?? "",
      clientIp: request.headers.get("x-client-ip") ?? "",
      routePattern: undefined,
    };
    if (handing.res && handing.requestId === meta.requestId) handing.res[ROUTE] = meta;
    context.set(requestMetaContext, meta);
    return context;
  },
});

/** Hands a request to React Router. */
export function requestListener(req: IncomingMessage, res: ServerResponse): void {
  handing.res = res;
  handing.requestId = req.headers["x-request-id"] as string | undefined;
  void listener(req, res);
  handing.res = undefined;
  handing.requestId = undefined;
}
