// The browser's answer to a member whose role does not allow what they asked (decision 095):
// a 403 page that says so (the project and task pages' error boundaries show its words).
// Someone who may not see the project never gets here: they get the 404 of a missing id.
// The one place a role refusal becomes a browser's 403 (the API's is in app/api/handler.server.ts).
import { data } from "react-router";
import { InsufficientRoleError, roleGrants, type ProjectAccess } from "./project-access.server";
import type { ProjectRole } from "../../db/values";

/** The 403 a route throws for a role refusal, with its reason. */
export function roleRefusal(error: InsufficientRoleError) {
  return data(error.message, { status: 403 });
}

/** In a loader, after the project was found: a 403 with the reason unless `role` grants `needed`. */
export function requireRole(role: ProjectRole, needed: ProjectAccess): void {
  if (!roleGrants(role, needed)) throw roleRefusal(new InsufficientRoleError(needed));
}

/** Runs a form action's work; a role refusal becomes a 403 with the reason. */
export async function refusingByRole<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InsufficientRoleError) throw roleRefusal(error);
    throw error;
  }
}
