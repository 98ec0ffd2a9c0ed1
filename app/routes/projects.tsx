import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link, useRouteLoaderData } from "react-router";
import { requireUser } from "~/auth/session.server";
import { replaceWithFlash } from "~/flash.server";
import { LABEL_COLOR_NAMES } from "~/labels/label-colors";
import { ProjectForm } from "~/projects/project-form";
import { ProjectList } from "~/projects/project-list";
import { ProjectFormSchema } from "~/projects/project-schema";
import { createProjectForUser, ProjectNameTakenError } from "~/projects/projects.server";
import type { loader as appLoader } from "./_app";
import type { Route } from "./+types/projects";

export const meta: Route.MetaFunction = () => [{ title: "Projects · Tasklane" }];

/** Creates a project and opens it; the list's buttons post to each project's own route. */
export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: ProjectFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const project = await createProjectForUser(user.id, submission.value);
    return replaceWithFlash(`/projects/${project.id}`, {
      kind: "success",
      message: `Project “${project.name}” created`,
    });
  } catch (error) {
    if (!(error instanceof ProjectNameTakenError)) throw error;
    return data(submission.reply({ fieldErrors: { name: [error.message] } }), { status: 400 });
  }
}

export default function ProjectsPage({ actionData }: Route.ComponentProps) {
  // The layout's list (the navigation's): no second statement for the same rows.
  const projects = useRouteLoaderData<typeof appLoader>("routes/_app")?.projects ?? [];
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Projects</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          Every task lives in one project; new tasks go to the Inbox unless you choose another.
        </p>
      </div>
      <section
        aria-labelledby="new-project-heading"
        className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800"
      >
        <h2 id="new-project-heading" className="sr-only">
          New project
        </h2>
        <ProjectForm
          id="new-project"
          action="/projects"
          nameLabel="New project"
          submitLabel="Add project"
          // The palette's next colour, so projects differ at a glance.
          defaultValue={{ color: LABEL_COLOR_NAMES[projects.length % LABEL_COLOR_NAMES.length]! }}
          lastResult={actionData}
        />
      </section>
      <section aria-labelledby="your-projects-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="your-projects-heading" className="text-lg font-semibold">
            Your projects
          </h2>
          <Link
            to="/projects/archived"
            className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
          >
            Archived projects
          </Link>
        </div>
        <ProjectList projects={projects} back="/projects" />
      </section>
    </div>
  );
}
