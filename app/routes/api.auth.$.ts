import { auth } from "~/auth/auth.server";
import type { Route } from "./+types/api.auth.$";

/** Better Auth's answers carry sessions, tokens and personal data: no cache may keep them. */
function uncached(response: Response): Response {
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
  return response;
}

export async function loader({ request }: Route.LoaderArgs) {
  return uncached(await auth.handler(request));
}

export async function action({ request }: Route.ActionArgs) {
  return uncached(await auth.handler(request));
}
