import { useEffect } from "react";
import { data, isRouteErrorResponse, Links, Meta, Outlet, useLocation, Scripts, ScrollRestoration } from "react-router";
import { migrateDatabase } from "~/db.server";
import { readFlash } from "~/flash.server";
import { databaseOutageContext, RETRY_AFTER_SECONDS, serviceUnavailable } from "~/outage.server";
import { startAppMailSender } from "~/mail/outbox.server";
import { configuredTransport } from "~/mail/transport.server";
import { requestMetaContext } from "~/request-context";
import { ErrorPage } from "~/ui/error-page";
import { ProgressBar } from "~/ui/progress-bar";
import { ServiceUnavailableMessage } from "~/ui/service-unavailable-page";
import { Toaster } from "~/ui/toaster";
import type { Route } from "./+types/root";
import "./app.css";

export const meta: Route.MetaFunction = () => [{ title: "Tasklane" }];

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

// A redirect answers one visitor (it often sets or depends on their session cookie): no cache keeps it.
const redirectsUncached: Route.MiddlewareFunction = async (_args, next) => {
  const response = (await next()) as Response;
  if (response.status >= 300 && response.status < 400 && !response.headers.has("Cache-Control")) {
    response.headers.set("Cache-Control", "no-store");
  }
  return response;
};

// A request that failed because the database is away (entry.server's handleError noted it)
// answers 503. A page's document already is the outage page (entry.server renders it); a
// client-side navigation or form gets a 503 route error, which the boundary below shows; a
// resource route (sign-out) gets the outage page.
const databaseOutageAnswers: Route.MiddlewareFunction = async ({ request, context }, next) => {
  const response = (await next()) as Response;
  if (!context.get(databaseOutageContext) || response.status === 503) return response;
  if (response.headers.get("Content-Type")?.startsWith("text/x-script")) {
    throw data("Service Unavailable", {
      status: 503,
      statusText: "Service Unavailable",
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }
  return serviceUnavailable(new URL(request.url));
};

// The server labels its metrics by route, never by path (server/app.ts maps the pattern to its
// route id): noted here, on the request's own meta, at no more cost than one assignment.
const routePatternNoted: Route.MiddlewareFunction = ({ context, pattern }) => {
  context.get(requestMetaContext).routePattern = pattern;
};

// The production server migrates and starts the mail sender before it serves; the Vite dev
// server has no start-up hook (both calls do their work once).
export const middleware: Route.MiddlewareFunction[] = import.meta.env.DEV
  ? [
      async (_args, next) => {
        await migrateDatabase();
        startAppMailSender(configuredTransport);
        return next();
      },
      redirectsUncached,
      databaseOutageAnswers,
    ]
  : [routePatternNoted, redirectsUncached, databaseOutageAnswers];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { flash, headers } = await readFlash(request);
  return data({ flash, requestId: context.get(requestMetaContext).requestId }, { headers });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const merged = new Headers(actionHeaders);
  for (const cookie of loaderHeaders.getSetCookie()) merged.append("Set-Cookie", cookie);
  return merged;
};

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-dvh font-sans">
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App({ loaderData }: Route.ComponentProps) {
  // Tells a hydrated page from plain server HTML (for CSS and for the end-to-end tests,
  // which must not click an enhanced control before its handlers exist).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <>
      <ProgressBar />
      <Outlet />
      <Toaster toast={loaderData.flash} />
    </>
  );
}

export function ErrorBoundary({ error, loaderData }: Route.ErrorBoundaryProps) {
  const location = useLocation();
  if (isRouteErrorResponse(error) && error.status === 503) {
    return (
      <main className="px-4 py-12">
        <ServiceUnavailableMessage retryPath={`${location.pathname}${location.search}`} />
      </main>
    );
  }
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = notFound
    ? "Page not found"
    : isRouteErrorResponse(error)
      ? `${error.status} ${error.statusText}`
      : "Something went wrong";
  const detail = notFound
    ? "The page you asked for does not exist."
    : "An unexpected error occurred. Please try again; if it keeps happening, contact support.";
  const requestId = (loaderData as { requestId?: string } | undefined)?.requestId;
  return (
    <main className="px-4 py-12">
      <ErrorPage
        title={title}
        detail={detail}
        reference={notFound ? undefined : requestId}
        action={{ to: "/", label: "Go home", reloadDocument: true }}
      />
    </main>
  );
}
