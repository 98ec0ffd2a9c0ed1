import { createContext, type MiddlewareFunction, redirect, type RouterContextProvider } from "react-router";
import { and, gt, inArray, sql } from "drizzle-orm";
import { session as sessionTable } from "../../db/schema";
import { auth } from "~/auth/auth.server";
import { db } from "~/db.server";
import { DEFAULT_SIGNED_IN_PATH, pagePath } from "~/safe-redirect";
import { requestMetaContext } from "~/request-context";

export type SessionData = NonNullable<Awaited<ReturnType<typeof auth.api.getSession>>>;

// The session of the current request, looked up once by sessionMiddleware and shared by
// every loader and action of that request (a layout and its page would otherwise each ask).
const sessionContext = createContext<Promise<SessionData | null> | null>(null);

/**
 * Looks the session up once per request (one database query: the session joined with its
 * user) and forwards the refreshed cookie Better Auth sends when a session slides forward,
 * so a user who only ever loads pages stays signed in past the first week.
 */
export const sessionMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const lookup = auth.api.getSession({ headers: request.headers, returnHeaders: true });
  context.set(
    sessionContext,
    lookup.then(({ response }) => response),
  );
  const response = await next();
  const { headers } = await lookup.catch(() => ({ headers: new Headers() }));
  // An action that signed out (or in) has set the session cookie itself: never undo that.
  const alreadySet = new Set(response.headers.getSetCookie().map((cookie) => cookie.split("=")[0]));
  for (const cookie of headers.getSetCookie()) {
    if (!alreadySet.has(cookie.split("=")[0])) response.headers.append("Set-Cookie", cookie);
  }
  return response;
};

/** The signed-in user's session, or null. Reads the session cookie (or a bearer session token). */
export async function getSession(
  request: Request,
  context?: Readonly<RouterContextProvider>,
): Promise<SessionData | null> {
  return (context?.get(sessionContext) ?? null) || auth.api.getSession({ headers: request.headers });
}

/** Guard for protected loaders and actions: no valid session redirects to sign-in and back. */
export async function requireUser(request: Request, context?: Readonly<RouterContextProvider>): Promise<SessionData> {
  const session = await getSession(request, context);
  if (session) return session;
  const redirectTo = pagePath(new URL(request.url));
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo })}`);
}

/** Guard for the sign-in and sign-up pages: someone already signed in goes to their tasks. */
export async function requireAnonymous(request: Request, context?: Readonly<RouterContextProvider>): Promise<void> {
  if (await getSession(request, context)) throw redirect(DEFAULT_SIGNED_IN_PATH);
}

/**
 * The request's headers for a server-side auth.api call, with x-client-ip set from the
 * request context, so Better Auth's hooks limit and audit by the real client address
 * (server.js already sets it; the Vite dev server does not).
 */
export function authHeaders(request: Request, context: Readonly<RouterContextProvider>): Headers {
  const headers = new Headers(request.headers);
  headers.set("x-client-ip", context.get(requestMetaContext).clientIp);
  return headers;
}

/** Set-Cookie values from Better Auth, ready for a redirect's ResponseInit. */
export function withCookies(setCookies: readonly string[], init: Headers = new Headers()): Headers {
  for (const cookie of setCookies) init.append("Set-Cookie", cookie);
  return init;
}

/**
 * Which of these sessions still stand (not signed out, revoked or expired): open event streams
 * ask (decision 127). The session row is the truth (no cookie cache, see auth.server.ts).
 */
export async function standingSessions(sessionIds: readonly string[]): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const rows = await db
    .select({ id: sessionTable.id })
    .from(sessionTable)
    .where(and(inArray(sessionTable.id, [...sessionIds]), gt(sessionTable.expiresAt, sql`now()`)));
  return new Set(rows.map((row) => row.id));
}
