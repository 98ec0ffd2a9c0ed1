import { useRouteLoaderData } from "react-router";
import { requireUser } from "~/auth/session.server";
import { loadTaskListPage, taskListPageAction } from "~/tasks/list/task-list-page.server";
import { TaskListPage } from "~/tasks/list/task-list-page";
import { accountTimeZone } from "~/tasks/time-zone";
import type { loader as appLoader } from "./_app";
import type { Route } from "./+types/today";

export const meta: Route.MetaFunction = () => [{ title: "Today · Tasklane" }];

/** Overdue and due today, across every unarchived project, overdue first (decision 091). */
export async function loader({ request, url, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  return loadTaskListPage(request, url, user, undefined, "today");
}

export async function action({ request, url, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  return taskListPageAction(request, url, user.id, undefined, accountTimeZone(user), "today");
}

export default function TodayPage({ loaderData, actionData }: Route.ComponentProps) {
  const projects = useRouteLoaderData<typeof appLoader>("routes/_app")?.projects ?? [];
  return (
    <TaskListPage
      loaderData={loaderData}
      actionData={actionData}
      projects={projects}
      heading={<h1 className="text-2xl font-semibold tracking-tight">Today</h1>}
    />
  );
}
