// A project's settings page (name, colour, favourite, archive, delete), and the one action
// every project form posts to: the management page's move and favourite buttons, the
// archived page's and the project page's Unarchive. Each answers with a redirect and a toast.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link } from "react-router";
import { refusingByRole, requireRole } from "~/projects/role-refusal.server";
import { requireUser } from "~/auth/session.server";
import { replaceWithFlash } from "~/flash.server";
import { ProjectDot } from "~/projects/project-badge";
import { toProjectForPage } from "~/projects/project-for-page";
import { ProjectForm } from "~/projects/project-form";
import { ProjectErrorBoundary } from "~/projects/project-not-found";
import { ProjectFormSchema, type ProjectPatch } from "~/projects/project-schema";
import {
  getProjectForUser,
  InboxProtectedError,
  moveProject,
  placeProjectNextTo,
  ProjectNameTakenError,
  updateProjectForUser,
} from "~/projects/projects.server";
import { safeRedirectPath } from "~/safe-redirect";
import { buttonClass } from "~/ui/button";
import type { Route } from "./+types/projects.$projectId.edit";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Edit “${loaderData.project.name}” · Tasklane` : "Project not found · Tasklane" },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const project = await getProjectForUser(user.id, params.projectId);
  if (!project) throw data("Project not found", { status: 404 });
  // A member who may see it but not do this: the page says why (decision 095).
  requireRole(project.role, "admin");
  return { project: { ...toProjectForPage(project), taskCount: project.taskCount } };
}

const GONE = "That project no longer exists. It may have been deleted in another tab.";

export async function action(args: Route.ActionArgs) {
  // A member whose role does not allow it (decision 095): a page that says why.
  return refusingByRole(() => projectAction(args));
}

async function projectAction({ request, params, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const formData = await request.formData();
  const page = `/projects/${params.projectId}`;
  // Where the form was: the management page, the archived page, the project's own page.
  const back = safeRedirectPath(formData.get("back"), `${page}/edit`);
  switch (formData.get("intent")) {
    case "save":
      return save(user.id, params.projectId, formData);
    case "favorite":
      return change(user.id, params.projectId, { favorite: formData.get("favorite") === "true" }, back);
    case "archive":
      return change(user.id, params.projectId, { archived: true }, back);
    case "unarchive":
      return change(user.id, params.projectId, { archived: false }, back);
    case "move": {
      const direction = formData.get("direction");
      if (direction !== "up" && direction !== "down") throw data("direction must be up or down", { status: 400 });
      const project = await moveProject(user.id, params.projectId, direction);
      if (!project) return replaceWithFlash(back, { kind: "error", message: GONE });
      return replaceWithFlash(back, { kind: "success", message: `“${project.name}” moved ${direction}` });
    }
    case "place": {
      // Drag and drop (JavaScript): next to the project it was dropped on.
      const before = formData.get("before");
      const after = formData.get("after");
      const neighbour = typeof before === "string" ? { before } : typeof after === "string" ? { after } : null;
      if (!neighbour) throw data("before or after must name a project", { status: 400 });
      const project = await placeProjectNextTo(user.id, params.projectId, neighbour);
      if (!project) return replaceWithFlash(back, { kind: "error", message: GONE });
      return replaceWithFlash(back, { kind: "success", message: `“${project.name}” moved` });
    }
    default:
      throw data("Unknown intent", { status: 400 });
  }
}

/** The settings form: errors beside its fields (400), else back to the project's page. */
async function save(userId: string, projectId: string, formData: FormData) {
  const submission = parseWithZod(formData, { schema: ProjectFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const project = await updateProjectForUser(userId, projectId, submission.value);
    if (!project) throw data("Project not found", { status: 404 });
    return replaceWithFlash(`/projects/${project.id}`, { kind: "success", message: "Project saved" });
  } catch (error) {
    if (!(error instanceof ProjectNameTakenError)) throw error;
    return data(submission.reply({ fieldErrors: { name: [error.message] } }), { status: 400 });
  }
}

/** One flag (favourite, archived), answered with a toast where the button was. */
async function change(userId: string, projectId: string, patch: ProjectPatch, back: string) {
  try {
    const project = await updateProjectForUser(userId, projectId, patch);
    if (!project) return replaceWithFlash(back, { kind: "error", message: GONE });
    const message =
      patch.archived !== undefined
        ? `“${project.name}” ${patch.archived ? "archived" : "unarchived"}`
        : `“${project.name}” ${patch.favorite ? "added to" : "removed from"} favourites`;
    // An archived project's page still shows it (with Unarchive): stay there, or wherever the button was.
    return replaceWithFlash(back, { kind: "success", message });
  } catch (error) {
    if (!(error instanceof InboxProtectedError)) throw error;
    return replaceWithFlash(back, { kind: "error", message: `${error.message}. You can rename it.` });
  }
}

export default function EditProjectPage({ loaderData, actionData }: Route.ComponentProps) {
  const { project } = loaderData;
  const page = `/projects/${project.id}`;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link to={page} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← Back to {project.name}
        </Link>
        <h1 className="mt-2 flex items-center gap-2 text-2xl font-semibold tracking-tight break-words">
          <ProjectDot color={project.color} className="size-3" />
          Edit project
        </h1>
      </div>
      <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6 dark:bg-slate-900 dark:ring-slate-800">
        <ProjectForm
          key={`${project.id}-${project.name}-${project.color}-${project.favorite}`}
          id={`edit-project-${project.id}`}
          action={`${page}/edit`}
          nameLabel="Name"
          submitLabel="Save"
          defaultValue={{ name: project.name, color: project.color, favorite: project.favorite }}
          lastResult={actionData}
        />
      </div>
      {project.inbox ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          The Inbox is where new tasks go when no project is chosen: it cannot be archived or deleted, but you can
          rename it.
        </p>
      ) : (
        <section
          aria-labelledby="project-archive-heading"
          className="space-y-4 rounded-lg p-4 ring-1 ring-slate-200 dark:ring-slate-800"
        >
          <h2 id="project-archive-heading" className="font-medium">
            Archive or delete
          </h2>
          <Form method="post" action={`${page}/edit`} className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-600 dark:text-slate-300">
              {project.archived
                ? "Archived: out of the navigation and its tasks out of every other list."
                : "Archiving hides it from the navigation and its tasks from every list; unarchive it to have it back whole."}
            </p>
            <input type="hidden" name="back" value={`${page}/edit`} />
            <button
              type="submit"
              name="intent"
              value={project.archived ? "unarchive" : "archive"}
              className={buttonClass("secondary")}
            >
              {project.archived ? "Unarchive" : "Archive"}
            </button>
          </Form>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-600 dark:text-slate-300">
              Deleting it deletes its {project.taskCount === 1 ? "task" : `${project.taskCount} tasks`} too, for good.
            </p>
            <Link to={`${page}/delete`} className={buttonClass("danger")}>
              Delete project…
            </Link>
          </div>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ProjectErrorBoundary error={error} />;
}
