// A project's activity: who did what in it, newest first, a page at a time (decision 112).
import { data, Link } from "react-router";
import { listProjectActivity, parseActivityCursor } from "~/activity/activity.server";
import { activityPhrase, type ActivityForPage } from "~/activity/activity-text";
import { requireUser } from "~/auth/session.server";
import { ProjectPageHeader } from "~/projects/project-page-header";
import { ProjectErrorBoundary } from "~/projects/project-not-found";
import { getProjectForUser } from "~/projects/projects.server";
import { accountTimeZone } from "~/tasks/time-zone";
import { buttonClass } from "~/ui/button";
import { formatInZone } from "~/ui/format-time";
import type { Route } from "./+types/projects.$projectId.activity";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Activity · ${loaderData.project.name} · Tasklane` : "Project not found · Tasklane" },
];

export async function loader({ request, url, params, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const cursor = parseActivityCursor(url.searchParams.get("cursor"));
  const [project, page] = await Promise.all([
    getProjectForUser(user.id, params.projectId),
    listProjectActivity(user.id, params.projectId, { cursor }),
  ]);
  // Not a member (or no such project): the same 404, naming nothing.
  if (!project || !page) throw data("Project not found", { status: 404 });
  const timeZone = accountTimeZone(user);
  const entries: ActivityForPage[] = page.items.map((item) => ({
    id: item.id,
    kind: item.kind,
    createdAt: item.createdAt.toISOString(),
    when: formatInZone(timeZone, item.createdAt),
    actorName: item.actor?.name ?? null,
    taskId: item.task?.id ?? null,
    taskTitle: item.task?.title ?? null,
    otherProjectId: item.otherProject?.id ?? null,
    otherProjectName: item.otherProject?.name ?? null,
    subjectName: item.subject?.name ?? null,
    details: item.details,
  }));
  return {
    project: { id: project.id, name: project.name, color: project.color },
    entries,
    nextCursor: page.nextCursor,
    paged: cursor !== null,
  };
}

export default function ProjectActivityPage({ loaderData }: Route.ComponentProps) {
  const { project, entries, nextCursor, paged } = loaderData;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <ProjectPageHeader project={project} title="Activity" />
      {entries.length > 0 ? (
        <ol
          className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:divide-slate-800 dark:bg-slate-900 dark:ring-slate-800"
          data-testid="activity-list"
        >
          {entries.map((entry) => (
            <li key={entry.id} className="px-4 py-3 text-sm" data-testid="activity">
              <p className="break-words">
                <span className="font-medium">{entry.actorName ?? "A former member"}</span> {activityPhrase(entry)}
              </p>
              <p className="mt-0.5 text-slate-600 dark:text-slate-300">
                <time dateTime={entry.createdAt}>{entry.when}</time>
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {paged ? "Nothing older." : "Nothing has happened in this project yet."}
        </p>
      )}
      <nav aria-label="Activity pages" className="flex gap-3">
        {paged ? (
          <Link to={`/projects/${project.id}/activity`} className={buttonClass("secondary")}>
            Newest
          </Link>
        ) : null}
        {nextCursor ? (
          <Link to={`/projects/${project.id}/activity?cursor=${nextCursor}`} className={buttonClass("secondary")}>
            Older
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ProjectErrorBoundary error={error} />;
}
