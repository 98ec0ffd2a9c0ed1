import { accountTimeZone } from "~/tasks/time-zone";
import { redirect, useRouteLoaderData } from "react-router";
import { requireUser } from "~/auth/session.server";
import { loadTaskListPage, taskListPageAction } from "~/tasks/list/task-list-page.server";
import { TaskListPage } from "~/tasks/list/task-list-page";
import { readTaskListQuery } from "~/tasks/list/task-list-query";
import { readPage, taskListHref } from "~/tasks/list/task-list-url";
import type { loader as appLoader } from "./_app";
import type { Route } from "./+types/tasks";

export const meta: Route.MetaFunction = () => [{ title: "Tasks · Tasklane" }];

/** Every task of the person's unarchived projects; `?project=` (the API's filter) is that project's page. */
export async function loader({ request, url, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const query = readTaskListQuery(url.searchParams);
  if (query.project) throw redirect(taskListHref({ ...query, page: readPage(url.searchParams) }));
  return loadTaskListPage(request, url, user);
}

/** A new task goes where the form's picker says, else to `?project=` when posted with one, else the Inbox. */
export async function action({ request, url, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  return taskListPageAction(request, url, user.id, readTaskListQuery(url.searchParams).project, accountTimeZone(user));
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
