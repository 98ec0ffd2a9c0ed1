import { redirect, type RouterContextProvider } from "react-router";
import { auth } from "~/auth/auth.server";
import { DEFAULT_SIGNED_IN_PATH } from "~/auth/redirect";
import { requestMetaContext } from "~/request-context";

export type SessionData = NonNullable<Awaited<ReturnType<typeof auth.api.getSession>>>;

/** The signed-in user's session, or null. Reads the session cookie (or a bearer session token). */
export async function getSession(request: Request): Promise<SessionData | null> {
  return auth.api.getSession({ headers: request.headers });
}

/** Guard for protected loaders and actions: no valid session redirects to sign-in and back. */
export async function requireUser(request: Request): Promise<SessionData> {
  const session = await getSession(request);
  if (session) return session;
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo })}`);
}

/** Guard for the sign-in and sign-up pages: someone already signed in goes to their tasks. */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getSession(request)) throw redirect(DEFAULT_SIGNED_IN_PATH);
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
