// Where Better Auth's OAuth provider sends a signed-out browser (decision 123): on to our sign-in
// page (password, second factor or passkey), which sends it back to the authorization request.
import { data, redirect } from "react-router";
import { resumeAuthorizationPath } from "~/connected-apps/authorization-request.server";
import type { Route } from "./+types/oauth.sign-in";

export async function loader({ request }: Route.LoaderArgs) {
  const resume = await resumeAuthorizationPath(new URL(request.url).search.slice(1));
  if (!resume) throw data("This sign-in link has expired or is incomplete: go back to the app and try again.", 400);
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: resume })}`);
}
