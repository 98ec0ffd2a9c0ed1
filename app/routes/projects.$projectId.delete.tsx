// Deleting a project: a page that says how many tasks go with it, and the action its button posts.
import { data, Link } from "react-router";
import { refusingByRole, requireRole } from "~/projects/role-refusal.server";
import { requireUser } from "~/auth/session.server";
import { replaceWithFlash } from "~/flash.server";
import { ProjectErrorBoundary } from "~/projects/project-not-found";
import { deleteProjectForUser, getProjectForUser, InboxProtectedError } from "~/projects/projects.server";
import { buttonClass } from "~/ui/button";
import { ConfirmDeletePage } from "~/ui/confirm-delete-page";
import type { Route } from "./+types/projects.$projectId.delete";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Delete “${loaderData.project.name}”? · Tasklane` : "Project not found · Tasklane" },
];

const tasksCount = (count: number) => (count === 1 ? "1 task" : `${count} tasks`);

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const project = await getProjectForUser(user.id, params.projectId);
  if (!project) throw data("Project not found", { status: 404 });
  // A member who may see it but not do this: the page says why (decision 095).
  requireRole(project.role, "own");
  const { id, name, inbox, taskCount } = project;
  return { project: { id, name, inbox, taskCount } };
}

export async function action(args: Route.ActionArgs) {
  // A member whose role does not allow it (decision 095): a page that says why.
  return refusingByRole(() => projectAction(args));
}

async function projectAction({ request, params, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  try {
    const project = await deleteProjectForUser(user.id, params.projectId);
    if (!project) throw data("Project not found", { status: 404 });
    return replaceWithFlash("/tasks", {
      kind: "success",
      message: `Project “${project.name}” deleted, with ${tasksCount(project.taskCount)}`,
    });
  } catch (error) {
    if (!(error instanceof InboxProtectedError)) throw error;
    return replaceWithFlash(`/projects/${params.projectId}/edit`, {
      kind: "error",
      message: `${error.message}. You can rename it.`,
    });
  }
}

export default function DeleteProjectPage({ loaderData }: Route.ComponentProps) {
  const { project } = loaderData;
  const back = `/projects/${project.id}/edit`;
  if (project.inbox) {
    return (
      <div className="mx-auto max-w-lg space-y-4 py-8">
        <h1 className="text-2xl font-semibold tracking-tight">The Inbox cannot be deleted</h1>
        <p className="text-slate-700 dark:text-slate-300">
          New tasks go to “{project.name}” when no project is chosen, so it stays. You can rename it.
        </p>
        <Link to={back} className={buttonClass("secondary")}>
          Back
        </Link>
      </div>
    );
  }
  return (
    <ConfirmDeletePage
      title={`Delete “${project.name}”?`}
      action={`/projects/${project.id}/delete`}
      fields={[]}
      confirm={{ label: "Delete project" }}
      back={back}
    >
      <p className="text-slate-700 dark:text-slate-300">
        {project.taskCount === 0 ? (
          "It has no tasks. "
        ) : (
          <>
            <strong className="font-semibold">
              Its {tasksCount(project.taskCount)} {project.taskCount === 1 ? "goes" : "go"} with it.
            </strong>{" "}
          </>
        )}
        There is no undo. To keep its tasks out of sight instead, archive it.
      </p>
    </ConfirmDeletePage>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ProjectErrorBoundary error={error} />;
}
