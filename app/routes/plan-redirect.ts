// The plan's page paths, for links and bookmarks written to it: each has a page of ours.
import { redirect } from "react-router";
import type { Route } from "./+types/plan-redirect";

const PLAN_PAGES: Record<string, string> = { "/login": "/sign-in", "/register": "/sign-up", "/dashboard": "/tasks" };

export function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  return redirect(`${PLAN_PAGES[url.pathname.replace(/\/$/, "")] ?? "/"}${url.search}`, 301);
}
