import { safeRedirectPath } from "~/safe-redirect";
import { listQueryParams, type TaskListQuery } from "./task-list-query";

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

/** The /tasks URL for a view, leaving out defaults so links stay short and bookmarkable. */
export function taskListHref(view: TaskListView): string {
  const params = listQueryParams(view);
  if (view.page > 1) params.set("page", String(view.page));
  const search = params.toString();
  return search ? `/tasks?${search}` : "/tasks";
}

/**
 * The list view a task's pages return to (?back= or a posted `back` field): only a /tasks URL
 * of this site, so the parameter can neither leave the site nor land somewhere unrelated.
 */
export function safeTaskListHref(value: unknown): string {
  const path = safeRedirectPath(value, "/tasks");
  return path === "/tasks" || path.startsWith("/tasks?") ? path : "/tasks";
}

/** The query that carries the list view to return to ("" for the plain list): for many links to one view, build it once. */
export function backQuery(back: string): string {
  return back === "/tasks" ? "" : `?${new URLSearchParams({ back })}`;
}

/** `href` carrying the list view to return to; the plain list needs no parameter. */
export function withBack(href: string, back: string): string {
  return href + backQuery(back);
}
