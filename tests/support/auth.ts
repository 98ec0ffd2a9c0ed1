// Helpers for integration tests that talk to the real Better Auth instance and route
// modules (no mocks): HTTP requests through auth.handler, and form posts through actions.
import { randomBytes, randomInt } from "node:crypto";
import { RouterContextProvider } from "react-router";
import { auth } from "~/auth/auth.server";
import { requestMetaContext } from "~/request-context";
import { cookiesOf } from "./cookies";
import { PASSWORD } from "./passwords";

export const ORIGIN = "http://localhost:3000";
// The password signUpOverHttp signs people up with.
export const STRONG_PASSWORD = PASSWORD;

export const uniqueEmail = (label = "user") => `${label}-${randomBytes(5).toString("hex")}@example.com`;
export const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

interface ClientOptions {
  cookie?: string;
  ip?: string;
  userAgent?: string;
}

function clientHeaders({ cookie, ip = "10.0.0.1", userAgent = "IntegrationTest/1.0" }: ClientOptions) {
  const headers = new Headers({ origin: ORIGIN, "x-client-ip": ip, "user-agent": userAgent });
  if (cookie) headers.set("cookie", cookie);
  return headers;
}

/** A request to Better Auth's HTTP endpoints, as an external client would send it. */
export function authPost(path: string, body: unknown, options: ClientOptions = {}): Promise<Response> {
  const headers = clientHeaders(options);
  headers.set("content-type", "application/json");
  return auth.handler(
    new Request(`${ORIGIN}/api/auth${path}`, { method: "POST", headers, body: JSON.stringify(body) }),
  );
}

export function authGet(path: string, options: ClientOptions = {}): Promise<Response> {
  return auth.handler(new Request(`${ORIGIN}/api/auth${path}`, { headers: clientHeaders(options) }));
}

export { cookiesOf as cookieFrom } from "./cookies";

/** Signs up over HTTP and returns the session cookie and the new user's id. */
export async function signUpOverHttp(options: { email?: string; password?: string; name?: string; ip?: string } = {}) {
  const email = options.email ?? uniqueEmail();
  const response = await authPost(
    "/sign-up/email",
    { name: options.name ?? "Test User", email, password: options.password ?? STRONG_PASSWORD },
    { ip: options.ip ?? randomIp() },
  );
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { user: { id: string } };
  return { email, userId: body.user.id, cookie: cookiesOf(response) };
}

export interface ActionOutcome {
  status: number;
  headers: Headers;
  location: string | null;
  data: unknown;
}

type RouteHandler = (args: never) => unknown;

/**
 * Runs a route's action or loader like React Router would: a Request plus a context
 * carrying the request meta. Thrown and returned responses (redirects) are both outcomes.
 */
export async function runRoute(
  handler: RouteHandler,
  request: Request,
  meta: { clientIp?: string; requestId?: string } = {},
): Promise<ActionOutcome> {
  const context = new RouterContextProvider();
  context.set(requestMetaContext, {
    requestId: meta.requestId ?? "test-request",
    clientIp: meta.clientIp ?? "10.0.0.1",
  });
  let result: unknown;
  try {
    result = await (handler as (args: unknown) => unknown)({ request, context, params: {} });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    return { status: result.status, headers: result.headers, location: result.headers.get("location"), data: null };
  }
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const { init, data } = result as { init?: ResponseInit | null; data: unknown };
    return { status: init?.status ?? 200, headers: new Headers(init?.headers), location: null, data };
  }
  if (result instanceof Error) throw result;
  return { status: 200, headers: new Headers(), location: null, data: result };
}

/** A form post to an app page, as a browser without JavaScript sends it. */
export function formPost(path: string, fields: Record<string, string>, options: ClientOptions = {}): Request {
  const headers = clientHeaders(options);
  headers.set("content-type", "application/x-www-form-urlencoded");
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
}

export function pageGet(path: string, options: ClientOptions = {}): Request {
  return new Request(`${ORIGIN}${path}`, { headers: clientHeaders(options) });
}

/** The form errors (by field; "" is the form itself) of a Conform reply returned by an action. */
export function replyErrors(data: unknown): Record<string, string[]> {
  const reply = (data as { result?: unknown })?.result ?? data;
  return ((reply as { error?: Record<string, string[] | null> })?.error ?? {}) as Record<string, string[]>;
}
