// The JSON API's wire format for invitations: the serializer and the schemas that describe it.
import { z } from "zod";
import { INVITATION_ROLES, type PendingInvitation } from "~/projects/invitation-schema";

export const InvitationJsonSchema = z.object({
  id: z.uuid(),
  email: z.string().describe("The invited address (lower-cased)"),
  role: z.enum(INVITATION_ROLES).describe("The role the invitee gets on accepting"),
  invitedBy: z.string().describe("The name of whoever sent it last"),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().describe("7 days after it was sent (or last resent)"),
  expired: z.boolean().describe("Past expiresAt: it can only be resent or revoked"),
});
export type InvitationJson = z.infer<typeof InvitationJsonSchema>;

export const InvitationListJsonSchema = z.object({
  invitations: z.array(InvitationJsonSchema).describe("Pending invitations, oldest first"),
});

export const AcceptedInvitationJsonSchema = z.object({
  projectId: z.uuid().describe("The project the caller is now a member of"),
});

export function invitationJson(invitation: PendingInvitation): InvitationJson {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    invitedBy: invitation.invitedBy,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    expired: invitation.expired,
  };
}
