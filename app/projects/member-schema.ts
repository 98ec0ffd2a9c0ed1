// Project members (decision 095): what the members page, the JSON API and the domain share.
import { z } from "zod";
import { PROJECT_MEMBERS_MAX, PROJECT_ROLES, type ProjectRole } from "../../db/values";

export { PROJECT_MEMBERS_MAX, PROJECT_ROLES, type ProjectRole };

/** A member as the members page and the API show them. */
export interface ProjectMember {
  userId: string;
  name: string;
  email: string;
  role: ProjectRole;
  /** When they joined (the owner: when the project was made). */
  createdAt: Date;
}

/** The roles an admin gives (owner changes hands only by handing the project over). */
export const ASSIGNABLE_ROLES = ["viewer", "editor", "admin"] as const satisfies readonly ProjectRole[];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export const ROLE_LABELS: Record<ProjectRole, string> = {
  viewer: "Viewer",
  editor: "Editor",
  admin: "Admin",
  owner: "Owner",
};

/** What each role may do, for the members page. */
export const ROLE_HINTS: Record<ProjectRole, string> = {
  viewer: "sees the project and its tasks",
  editor: "also adds, changes, completes and deletes tasks",
  admin: "also manages members and the project's settings",
  owner: "also deletes the project or hands it over",
};

export const assignableRole = z.enum(ASSIGNABLE_ROLES, {
  error: `role must be ${ASSIGNABLE_ROLES.join(", ")}`,
});

/** PATCH /api/projects/{id}/members/{userId}. */
export const MemberPatchSchema = z.strictObject({ role: assignableRole });

const memberId = z.uuid({ error: "Choose a member" });

/** The members page's forms, one per intent (Conform). */
export const MemberRoleFormSchema = z.object({ userId: memberId, role: assignableRole });
export const MemberRemoveFormSchema = z.object({ userId: memberId });
export const HandOverFormSchema = z.object({ userId: memberId });
