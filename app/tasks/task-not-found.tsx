import { isRouteErrorResponse } from "react-router";
import { ErrorPage } from "~/ui/error-page";
import { roleRefusalMessage } from "~/projects/role-refusal";

/**
 * The error boundary of the single-task pages. A missing task, a malformed id and another
 * user's task all land here with the same 404 and the same words: nothing tells them apart.
 */
export function TaskErrorBoundary({ error }: { error: unknown }) {
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // A member whose role does not allow what they asked: the reason, and the way back.
  const refusal = roleRefusalMessage(error);
  if (refusal)
    return <ErrorPage title="Not allowed" detail={refusal} action={{ to: "/tasks", label: "Back to tasks" }} />;
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
