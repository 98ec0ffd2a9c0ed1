import { redirect } from "react-router";
import { signOut } from "~/auth/account.server";
import { authHeaders, withCookies } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { sameOriginActions } from "~/same-origin.server";
import type { Route } from "./+types/sign-out";

// A resource route: React Router's CSRF check does not cover it, so this does (another site
// could otherwise sign people out).
export const middleware: Route.MiddlewareFunction[] = [sameOriginActions];

// Signing out changes state, so it is a POST only (a GET link could be triggered by any page).
export function loader() {
  return redirect("/");
}

/** Revokes the session on the server; Better Auth's Set-Cookie headers clear it in the browser. */
export async function action({ request, context }: Route.ActionArgs) {
  const { setCookies } = await signOut(authHeaders(request, context));
  return redirectWithFlash(
    "/",
    { kind: "success", message: "You have signed out." },
    { headers: withCookies(setCookies) },
  );
}
