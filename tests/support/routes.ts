// Calling a route module's loader or action as React Router calls it, in this process: the
// arguments it passes (a Request with the session cookie, params, the request-meta context),
// and what the framework would send back, thrown or returned.
import { RouterContextProvider } from "react-router";
import { readFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";

const ORIGIN = new URL(process.env.BETTER_AUTH_URL!).origin;

/** The router context a request carries: its request id and client address. */
export function routeContext(clientIp = "127.0.0.1") {
  const context = new RouterContextProvider();
  context.set(requestMetaContext, { requestId: "test", clientIp });
  return context;
}

export interface RouteArgs {
  request: Request;
  url: URL;
  params: Record<string, string>;
  context: RouterContextProvider;
  pattern: string;
}

/** A loader's or action's arguments: a same-origin request, with a form body when there are fields (repeated names as pairs). */
export function loaderOrActionArgs(
  method: "GET" | "POST",
  path: string,
  {
    cookie,
    params = {},
    fields,
  }: { cookie?: string; params?: Record<string, string>; fields?: Record<string, string> | [string, string][] } = {},
): RouteArgs {
  const url = new URL(path, ORIGIN);
  const headers = new Headers({ origin: ORIGIN });
  if (cookie) headers.set("cookie", cookie);
  let body: FormData | undefined;
  if (fields) {
    body = new FormData();
    for (const [name, value] of Array.isArray(fields) ? fields : Object.entries(fields)) body.append(name, value);
  }
  return { request: new Request(url, { method, headers, body }), url, params, context: routeContext(), pattern: "" };
}

export interface RouteOutcome {
  status: number;
  location?: string | null;
  data?: unknown;
  response?: Response;
}

/** Runs a loader or action and describes what the framework would send, thrown or returned. */
export async function outcome(run: () => unknown): Promise<RouteOutcome> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response)
    return { status: value.status, location: value.headers.get("Location"), response: value };
  if (value && typeof value === "object" && "init" in value && "data" in value) {
    const { init, data } = value as { init: ResponseInit | null; data: unknown };
    return { status: init?.status ?? 200, data };
  }
  return { status: 200, data: value };
}

/** The one-time message a redirect carries in its flash cookie. */
export async function flashOf(response: Response | undefined) {
  const cookie = response!.headers.getSetCookie().find((value) => value.startsWith("flash="))!;
  return (await readFlash(new Request(ORIGIN, { headers: { cookie: cookie.split(";")[0]! } }))).flash;
}
