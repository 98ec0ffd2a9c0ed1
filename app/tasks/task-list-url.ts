import { safeRedirectPath } from "~/auth/redirect";
import { defaultOrder, type TaskListQuery } from "./task-schema";

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

/** True when a filter (not the sort) hides some of the user's tasks. */
export function hasActiveFilters(query: TaskListQuery): boolean {
  return query.status !== "all" || Boolean(query.priority || query.category || query.q);
}

/** The /tasks URL for a view, leaving out defaults so links stay short and bookmarkable. */
export function taskListHref(view: TaskListView): string {
  const params = new URLSearchParams();
  if (view.status !== "all") params.set("status", view.status);
  if (view.priority) params.set("priority", view.priority);
  if (view.category) params.set("category", view.category);
  if (view.q) params.set("q", view.q);
  if (view.sort !== "created") params.set("sort", view.sort);
  if (view.order && view.order !== defaultOrder(view.sort)) params.set("order", view.order);
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

/** `href` carrying the list view to return to; the plain list needs no parameter. */
export function withBack(href: string, back: string): string {
  return back === "/tasks" ? href : `${href}?${new URLSearchParams({ back })}`;
}
