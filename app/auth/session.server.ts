import { redirect } from "react-router";
import { auth } from "~/auth/auth.server";

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
