import { isRouteErrorResponse, Link } from "react-router";
import { buttonClass } from "~/ui/button";

/**
 * The error boundary of the single-task pages. A missing task, a malformed id and another
 * user's task all land here with the same 404 and the same words: nothing tells them apart.
 */
export function TaskErrorBoundary({ error }: { error: unknown }) {
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="mx-auto max-w-lg py-12 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">{notFound ? "Task not found" : "Something went wrong"}</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">
        {notFound
          ? "This task does not exist. It may have been deleted, or the link may be wrong."
          : "An unexpected error occurred. Please try again."}
      </p>
      <Link to="/tasks" className={buttonClass("primary", "mt-6")}>
        Back to tasks
      </Link>
    </div>
  );
}
