import { safeRedirectPath } from "~/safe-redirect";
import { isUuid } from "~/text-rules";
import { hasActiveFilters, listQueryParams, type TaskListQuery } from "./task-list-query";

export const TASKS_PER_PAGE = 50;

/** What the list shows: filters and sort from the URL, plus the page number. */
export interface TaskListView extends TaskListQuery {
  page: number;
}

/** Page numbers come from URLs: anything but a positive integer is page 1. */
export function readPage(params: URLSearchParams): number {
  const page = Number(params.get("page"));
  return Number.isSafeInteger(page) && page > 1 ? page : 1;
}

/** Where a list lives: one project's page (the project filter is its path), or every task. */
export function taskListPath(project: string | undefined): string {
  return project ? `/projects/${project}` : "/tasks";
}

/** The page a view's list lives on: Today's or Upcoming's own, a project's, or every task's. */
export function taskListBase(view: Pick<TaskListQuery, "project" | "view">): string {
  return view.view && !view.project ? `/${view.view}` : taskListPath(view.project);
}

/** The URL for a view, leaving out defaults so links stay short and bookmarkable. */
export function taskListHref(view: TaskListView): string {
  // Today and Upcoming have pages of their own (across every unarchived project).
  const path = taskListBase(view);
  const params = listQueryParams({
    ...view,
    project: undefined,
    view: path === `/${view.view}` ? undefined : view.view,
  });
  if (view.page > 1) params.set("page", String(view.page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** A filter the person chose hides some tasks (the project or the view a page shows is not one). */
export function hasChosenFilters(view: TaskListQuery): boolean {
  return hasActiveFilters({ ...view, project: undefined, view: undefined });
}

/**
 * The list view a task's pages return to (?back= or a posted `back` field): only a list URL
 * of this site (/tasks or a project's page), so the parameter can neither leave the site nor
 * land somewhere unrelated.
 */
export function safeTaskListHref(value: unknown): string {
  const path = safeRedirectPath(value, "/tasks");
  const [pathname = ""] = path.split("?");
  if (pathname === "/tasks" || pathname === "/today" || pathname === "/upcoming") return path;
  const project = /^\/projects\/([^/]+)$/.exec(pathname)?.[1];
  return project && isUuid(project) ? path : "/tasks";
}

/** The query that carries the list view to return to ("" for the plain list): for many links to one view, build it once. */
export function backQuery(back: string): string {
  return back === "/tasks" ? "" : `?${new URLSearchParams({ back })}`;
}

/** `href` carrying the list view to return to; the plain list needs no parameter. */
export function withBack(href: string, back: string): string {
  return href + backQuery(back);
}
