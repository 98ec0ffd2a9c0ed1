// What a role refusal (a 403 from refusingByRole, decision 095) says, for the error boundaries.
import { isRouteErrorResponse } from "react-router";

/** The reason a 403 carries; null for any other error. */
export function roleRefusalMessage(error: unknown): string | null {
  return isRouteErrorResponse(error) && error.status === 403 && typeof error.data === "string" ? error.data : null;
}
