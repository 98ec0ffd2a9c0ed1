// A project's calendar feed (decision 119): the signed-in member's own secret address of the
// project's tasks, turned on, rotated and off here. Any member may have one; a non-member gets
// the project's 404.
import { data } from "react-router";
import { requireUser } from "~/auth/session.server";
import { CalendarFeedPanel } from "~/calendar/calendar-feed-panel";
import { calendarFeedFormAction } from "~/calendar/feed-form-action.server";
import { FeedProjectNotFoundError, getCalendarFeed } from "~/calendar/feeds.server";
import { ProjectPageHeader } from "~/projects/project-page-header";
import { ProjectErrorBoundary } from "~/projects/project-not-found";
import { getProjectForUser } from "~/projects/projects.server";
import type { Route } from "./+types/projects.$projectId.calendar-feed";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Calendar feed · ${loaderData.project.name} · Tasklane` : "Project not found · Tasklane" },
];

async function projectOr404(userId: string, projectId: string) {
  const project = await getProjectForUser(userId, projectId);
  if (!project) throw data("Project not found", { status: 404 });
  return project;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const project = await projectOr404(user.id, params.projectId);
  try {
    const feed = await getCalendarFeed({ userId: user.id, projectId: project.id });
    return { project: { id: project.id, name: project.name, color: project.color }, feed };
  } catch (error) {
    if (error instanceof FeedProjectNotFoundError) throw data("Project not found", { status: 404 });
    throw error;
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const project = await projectOr404(user.id, params.projectId);
  try {
    return await calendarFeedFormAction(
      request,
      { userId: user.id, projectId: project.id },
      `/projects/${project.id}/calendar-feed`,
    );
  } catch (error) {
    if (error instanceof FeedProjectNotFoundError) throw data("Project not found", { status: 404 });
    throw error;
  }
}

export default function ProjectCalendarFeedPage({ loaderData }: Route.ComponentProps) {
  const { project, feed } = loaderData;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <ProjectPageHeader project={project} title="Calendar feed" />
      <CalendarFeedPanel
        action={`/projects/${project.id}/calendar-feed`}
        url={feed?.url ?? null}
        webcalUrl={feed?.webcalUrl ?? null}
        what={`the tasks of “${project.name}”`}
      />
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ProjectErrorBoundary error={error} />;
}
