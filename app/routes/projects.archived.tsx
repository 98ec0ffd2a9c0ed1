import { Link } from "react-router";
import { requireUser } from "~/auth/session.server";
import { toProjectForPage } from "~/projects/project-for-page";
import { ProjectList } from "~/projects/project-list";
import { listProjectsForUser } from "~/projects/projects.server";
import type { Route } from "./+types/projects.archived";

export const meta: Route.MetaFunction = () => [{ title: "Archived projects · Tasklane" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const projects = await listProjectsForUser(user.id, { archived: true });
  return { projects: projects.map(toProjectForPage) };
}

export default function ArchivedProjectsPage({ loaderData }: Route.ComponentProps) {
  const { projects } = loaderData;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link to="/projects" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← Projects
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Archived projects</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          Out of the navigation, and their tasks out of every list. Unarchive one to have it back whole.
        </p>
      </div>
      {projects.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">No archived projects.</p>
      ) : (
        <ProjectList projects={projects} back="/projects/archived" />
      )}
    </div>
  );
}
