import { accountTimeZone } from "~/tasks/time-zone";
import { data, Form, Link, useRouteLoaderData } from "react-router";
import { requireUser } from "~/auth/session.server";
import { ProjectDot } from "~/projects/project-badge";
import { toProjectForPage } from "~/projects/project-for-page";
import { ProjectErrorBoundary } from "~/projects/project-not-found";
import { getProjectForUser } from "~/projects/projects.server";
import { loadTaskListPage, taskListPageAction } from "~/tasks/list/task-list-page.server";
import { TaskListPage } from "~/tasks/list/task-list-page";
import { buttonClass } from "~/ui/button";
import type { loader as appLoader } from "./_app";
import type { Route } from "./+types/projects.$projectId";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.project.name} · Tasklane` : "Project not found · Tasklane" },
];

/** Another person's project, a deleted one and a malformed id: the same 404. */
async function projectOr404(userId: string, projectId: string) {
  const project = await getProjectForUser(userId, projectId);
  if (!project) throw data("Project not found", { status: 404 });
  return project;
}

/** One project's tasks (also an archived one's, reached from the archived projects' page). */
export async function loader({ request, url, params, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const project = await projectOr404(user.id, params.projectId);
  const list = await loadTaskListPage(request, url, user, project.id);
  return { ...list, project: toProjectForPage(project) };
}

/** The list's actions; a new task goes to this project unless its picker says otherwise. */
export async function action({ request, url, params, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const project = await projectOr404(user.id, params.projectId);
  return taskListPageAction(request, url, user.id, project.id, accountTimeZone(user));
}

export default function ProjectPage({ loaderData, actionData }: Route.ComponentProps) {
  const { project } = loaderData;
  const unarchived = useRouteLoaderData<typeof appLoader>("routes/_app")?.projects ?? [];
  // An archived project is not in the navigation's list: the picker still offers it here.
  const projects = project.archived ? [...unarchived, project] : unarchived;
  return (
    <div className="space-y-4">
      {project.archived ? (
        <Form
          method="post"
          action={`/projects/${project.id}/edit`}
          className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800"
        >
          <p>This project is archived: its tasks are left out of every other list.</p>
          <input type="hidden" name="back" value={`/projects/${project.id}`} />
          <button type="submit" name="intent" value="unarchive" className={buttonClass("secondary")}>
            Unarchive
          </button>
        </Form>
      ) : null}
      <TaskListPage
        loaderData={loaderData}
        actionData={actionData}
        projects={projects}
        heading={
          <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
            <h1 className="flex min-w-0 items-center gap-2 text-2xl font-semibold tracking-tight break-words">
              <ProjectDot color={project.color} className="size-3" />
              {project.name}
            </h1>
            {project.role === "admin" || project.role === "owner" ? (
              <Link
                to={`/projects/${project.id}/edit`}
                className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                aria-label={`Edit project “${project.name}”`}
              >
                Edit project
              </Link>
            ) : null}
            <Link
              to={`/projects/${project.id}/members`}
              className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
            >
              {project.memberCount > 1 ? `Members (${project.memberCount})` : "Share"}
            </Link>
            {project.role !== "owner" ? (
              <span className="text-sm text-slate-600 dark:text-slate-300" data-testid="project-role">
                Shared with you: {project.role}
              </span>
            ) : null}
            <Link
              to={`/projects/${project.id}/activity`}
              className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
              aria-label={`Activity of “${project.name}”`}
            >
              Activity
            </Link>
            <Link
              to={`/projects/${project.id}/calendar-feed`}
              className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
              aria-label={`Calendar feed of “${project.name}”`}
            >
              Calendar feed
            </Link>
            {/* Downloads (resource routes): a full page load, not client-side navigation. */}
            <a
              href={`/settings/data/export?format=json&project=${project.id}`}
              download
              className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
              aria-label={`Export JSON of “${project.name}”`}
            >
              Export JSON
            </a>
            <a
              href={`/settings/data/export?format=csv&project=${project.id}`}
              download
              className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
              aria-label={`Export CSV of “${project.name}”`}
            >
              Export CSV
            </a>
            {/* Inviting is an admin's: an editor or viewer would only meet a refusal there. */}
            {project.inbox || !(project.role === "admin" || project.role === "owner") ? null : (
              <Link
                to={`/projects/${project.id}/invitations`}
                className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                aria-label={`Share project “${project.name}”`}
              >
                Share
              </Link>
            )}
          </div>
        }
      />
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ProjectErrorBoundary error={error} />;
}
