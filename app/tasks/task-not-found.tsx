import { isRouteErrorResponse } from "react-router";
import { ErrorPage } from "~/ui/error-page";

/**
 * The error boundary of the single-task pages. A missing task, a malformed id and another
 * user's task all land here with the same 404 and the same words: nothing tells them apart.
 */
export function TaskErrorBoundary({ error }: { error: unknown }) {
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <ErrorPage
      title={notFound ? "Task not found" : "Something went wrong"}
      detail={
        notFound
          ? "This task does not exist. It may have been deleted, or the link may be wrong."
          : "An unexpected error occurred. Please try again."
      }
      action={{ to: "/tasks", label: "Back to tasks" }}
    />
  );
}
