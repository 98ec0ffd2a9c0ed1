import { accountTimeZone } from "~/tasks/time-zone";
import { useRouteLoaderData } from "react-router";
import { requireUser } from "~/auth/session.server";
import { loadTaskListPage, taskListPageAction } from "~/tasks/list/task-list-page.server";
import { TaskListPage } from "~/tasks/list/task-list-page";
import type { loader as appLoader } from "./_app";
import type { Route } from "./+types/tasks";

export const meta: Route.MetaFunction = () => [{ title: "Tasks · Tasklane" }];

/** Every task of the person's unarchived projects (a `project` in the query is a project's page's business). */
export async function loader({ request, url, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  return loadTaskListPage(request, url, user);
}

/** A new task goes where the form's picker says (the Inbox unless changed). */
export async function action({ request, url, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  return taskListPageAction(request, url, user.id, undefined, accountTimeZone(user));
}

export default function TasksPage({ loaderData, actionData }: Route.ComponentProps) {
  const projects = useRouteLoaderData<typeof appLoader>("routes/_app")?.projects ?? [];
  return (
    <TaskListPage
      loaderData={loaderData}
      actionData={actionData}
      projects={projects}
      heading={<h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>}
    />
  );
}
