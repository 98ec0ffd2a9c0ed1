import { Outlet } from "react-router";
import { VerifyEmailNotice } from "~/auth/components/verify-email-notice";
import { LiveUpdateCue, useLiveUpdates } from "~/events/live-updates";
import { requireUser, sessionMiddleware } from "~/auth/session.server";
import { listProjectsForUser } from "~/projects/projects.server";
import { toProjectForPage } from "~/projects/project-for-page";
import { ProjectNav } from "~/projects/project-nav";
import { todayFor } from "~/tasks/due-date";
import { countViewsForUser } from "~/tasks/list/task-list.server";
import { viewCountText } from "~/tasks/list/task-list-query";
import { accountTimeZone, useDetectTimeZone } from "~/tasks/time-zone";
import { AppShell } from "~/ui/app-shell";
import type { Route } from "./+types/_app";

/** Layout of every signed-in page: the guard runs here and again in each child's loader/action. */
// One session lookup per request, shared by this route's loaders and actions (and its children's).
export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  // The navigation's projects and counts, one statement per page; the pages below read them
  // from here (useRouteLoaderData) for their pickers and rows rather than asking again.
  const [projects, dueCounts] = await Promise.all([
    listProjectsForUser(user.id),
    countViewsForUser(user.id, todayFor(accountTimeZone(user))),
  ]);
  return {
    user: { id: user.id, name: user.name, email: user.email, emailVerified: user.emailVerified },
    timeZone: user.timeZone ?? null,
    projects: projects.map(toProjectForPage),
    dueCounts: { today: viewCountText(dueCounts.today), upcoming: viewCountText(dueCounts.upcoming) },
  };
}

// Signed-in pages are personal: never stored by shared caches or the browser's disk cache.
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export default function AppLayout({ loaderData }: Route.ComponentProps) {
  useDetectTimeZone(loaderData.timeZone);
  // One event stream per tab, held across the signed-in pages (decision 108).
  const updated = useLiveUpdates();
  return (
    <AppShell
      user={loaderData.user}
      sidebar={<ProjectNav projects={loaderData.projects} dueCounts={loaderData.dueCounts} />}
    >
      {loaderData.user.emailVerified ? null : <VerifyEmailNotice email={loaderData.user.email} />}
      <Outlet />
      <LiveUpdateCue shown={updated} />
    </AppShell>
  );
}
