// Invitation rules, shared by the members' invite form, the JSON API and the data module.
import { z } from "zod";
import { INVITATION_ROLES, type InvitationRole } from "../../db/values";
import { oneOf } from "~/text-rules";

export { INVITATION_ROLES, type InvitationRole };

/** How long an invitation's link works (issue 29). */
export const INVITATION_TTL_DAYS = 7;

/** What each role may do, for the invite form and the invitation page. */
export const INVITATION_ROLE_LABELS: Record<InvitationRole, string> = {
  viewer: "Viewer: sees the project and its tasks",
  editor: "Editor: also creates, changes and completes its tasks",
  admin: "Admin: also invites and removes members and changes the project",
};

/** Lower-cased, as Better Auth stores addresses: one invitation per project and address. */
export const invitationEmail = z
  .string({ error: "Enter an email address" })
  .trim()
  .min(1, "Enter an email address")
  .max(254, "That email address is too long")
  .pipe(z.email("Enter a valid email address, like name@example.com"))
  .transform((value) => value.toLowerCase());

export const invitationRole = z.enum(INVITATION_ROLES, { error: `role must be ${oneOf(INVITATION_ROLES)}` });

/** POST /api/projects/{id}/invitations and the invite form. */
export const InvitationInputSchema = z.strictObject({ email: invitationEmail, role: invitationRole });
export type InvitationInput = z.output<typeof InvitationInputSchema>;

/** The invite form (Conform: an empty field arrives as undefined). */
export const InvitationFormSchema = z.object({
  email: invitationEmail,
  role: z.enum(INVITATION_ROLES, { error: "Choose a role" }),
});

/** A pending invitation as an admin sees it. */
export interface PendingInvitation {
  id: string;
  email: string;
  role: InvitationRole;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  /** Past its 7 days: it can only be resent or revoked. */
  expired: boolean;
}
