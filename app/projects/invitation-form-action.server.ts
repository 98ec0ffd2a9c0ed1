// The invitation forms' action (decisions 109, 130): invite, resend and revoke, posted from the
// Members page and from the Share page; each answers back to the page it came from (`page`).
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { replaceWithFlash } from "../flash.server";
import { InvitationFormSchema } from "./invitation-schema";
import {
  AlreadyMemberError,
  InboxNotShareableError,
  inviteToProject,
  MemberLimitError,
  resendInvitation,
  revokeInvitation,
  TooManyInvitationsError,
} from "./invitations.server";
import { InsufficientRoleError } from "./project-access.server";
import { getProjectForUser } from "./projects.server";
import { roleRefusal } from "./role-refusal.server";

export const INVITATION_INTENTS = ["invite", "resend", "revoke"] as const;

export function isInvitationIntent(intent: unknown): intent is (typeof INVITATION_INTENTS)[number] {
  return (INVITATION_INTENTS as readonly unknown[]).includes(intent);
}

const notFound = () => data("Project not found", { status: 404 });

/** Runs one invitation form's intent for `userId` on the project; `page` is where it answers. */
export async function invitationFormAction(userId: string, projectId: string, formData: FormData, page: string) {
  // Only for the answer: a non-member's post gets the page's 404 (the functions below scope by membership themselves).
  if (!(await getProjectForUser(userId, projectId))) throw notFound();
  try {
    switch (formData.get("intent")) {
      case "invite":
        return await invite(userId, projectId, formData, page);
      case "resend":
      case "revoke": {
        const id = String(formData.get("invitationId") ?? "");
        const done =
          formData.get("intent") === "resend"
            ? await resendInvitation(userId, projectId, id)
            : await revokeInvitation(userId, projectId, id);
        if (!done) return replaceWithFlash(page, { kind: "error", message: "That invitation is no longer pending." });
        return replaceWithFlash(page, {
          kind: "success",
          message:
            done === true ? "Invitation revoked: its link no longer works" : `Invitation sent again to ${done.email}`,
        });
      }
      default:
        throw data("Unknown intent", { status: 400 });
    }
  } catch (error) {
    // A member below admin: the reason, with the status every other refused form answers (403).
    if (error instanceof InsufficientRoleError) throw roleRefusal(error);
    if (error instanceof TooManyInvitationsError)
      return replaceWithFlash(page, { kind: "error", message: error.message });
    throw error;
  }
}

/** The invite form: errors beside its fields (400), else back to the page with a toast. */
async function invite(userId: string, projectId: string, formData: FormData, page: string) {
  const submission = parseWithZod(formData, { schema: InvitationFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const invitation = await inviteToProject(userId, projectId, submission.value);
    if (!invitation) throw notFound();
    return replaceWithFlash(page, {
      kind: "success",
      message: `Invitation sent to ${invitation.email} (${invitation.role})`,
    });
  } catch (error) {
    if (error instanceof AlreadyMemberError) {
      return data(submission.reply({ fieldErrors: { email: [error.message] } }), { status: 400 });
    }
    if (error instanceof MemberLimitError || error instanceof InboxNotShareableError) {
      return data(submission.reply({ formErrors: [error.message] }), { status: 409 });
    }
    throw error;
  }
}
