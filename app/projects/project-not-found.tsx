import { isRouteErrorResponse } from "react-router";
import { ErrorPage } from "~/ui/error-page";
import { roleRefusalMessage } from "~/projects/role-refusal";

/**
 * The error boundary of the project pages. A missing project, a malformed id and another
 * person's project all land here with the same 404 and the same words.
 */
export function ProjectErrorBoundary({ error }: { error: unknown }) {
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // A member whose role does not allow what they asked: the reason, and the way back.
  const refusal = roleRefusalMessage(error);
  if (refusal)
    return <ErrorPage title="Not allowed" detail={refusal} action={{ to: "/tasks", label: "Back to tasks" }} />;
  return (
    <ErrorPage
      title={notFound ? "Project not found" : "Something went wrong"}
      detail={
        notFound
          ? "This project does not exist. It may have been deleted, or the link may be wrong."
          : "An unexpected error occurred. Please try again."
      }
      action={{ to: "/tasks", label: "Back to tasks" }}
    />
  );
}
