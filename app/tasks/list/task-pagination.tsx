import { Link } from "react-router";
import { buttonClass } from "~/ui/button";
import { cx } from "~/ui/cx";
import { taskListHref, type TaskListView } from "./task-list-url";

/**
 * Previous / next page links that keep the filters and sort. `countedAll` false: the pages go
 * on past `pageCount` (a view counts only so far, decision 115); `hasNext` says whether
 * another follows this one.
 */
export function TaskPagination({
  view,
  pageCount,
  countedAll = true,
  hasNext = view.page < pageCount,
}: {
  view: TaskListView;
  pageCount: number;
  countedAll?: boolean;
  hasNext?: boolean;
}) {
  if (countedAll && pageCount <= 1) return null;
  const linkClass = buttonClass("secondary", "py-1.5");
  const disabledClass = cx(linkClass, "pointer-events-none opacity-60");
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3">
      {view.page > 1 ? (
        <Link to={taskListHref({ ...view, page: view.page - 1 })} className={linkClass} rel="prev">
          Previous
        </Link>
      ) : (
        <span className={disabledClass} aria-hidden="true">
          Previous
        </span>
      )}
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {countedAll
          ? `Page ${view.page} of ${pageCount}`
          : view.page < pageCount
            ? `Page ${view.page} of more than ${pageCount}`
            : `Page ${view.page}`}
      </p>
      {hasNext ? (
        <Link to={taskListHref({ ...view, page: view.page + 1 })} className={linkClass} rel="next">
          Next
        </Link>
      ) : (
        <span className={disabledClass} aria-hidden="true">
          Next
        </span>
      )}
    </nav>
  );
}
