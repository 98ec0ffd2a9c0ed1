// The browser's answer to a member whose role does not allow what they asked (decision 095):
// a 403 page that says so (the project and task pages' error boundaries show its words).
// Someone who may not see the project never gets here: they get the 404 of a missing id.
import { data } from "react-router";
import { InsufficientRoleError } from "./project-access.server";

/** Runs a form action's work; a role refusal becomes a 403 with the reason. */
export async function refusingByRole<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InsufficientRoleError) throw data(error.message, { status: 403 });
    throw error;
  }
}
