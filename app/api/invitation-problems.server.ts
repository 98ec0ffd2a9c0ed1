// The API's answers to the refusals of app/projects/invitations.server.ts (the handler maps
// the errors every route shares; these are the invitation routes' own).
import {
  AlreadyMemberError,
  InboxNotShareableError,
  InvitationRefusedError,
  MemberLimitError,
  TooManyInvitationsError,
} from "~/projects/invitations.server";
import { problem } from "./problem.server";

const REFUSAL_STATUS = { invalid: 404, expired: 410, "wrong-account": 403, full: 409 } as const;

/** Runs `work`, answering an invitation refusal as a problem; anything else goes on to the handler. */
export async function answeringInvitationRefusals(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AlreadyMemberError || error instanceof MemberLimitError) {
      return problem(409, { detail: error.message });
    }
    if (error instanceof InboxNotShareableError) return problem(409, { detail: error.message });
    if (error instanceof TooManyInvitationsError) {
      return problem(429, { detail: error.message, headers: { "Retry-After": String(error.retryAfterSeconds) } });
    }
    if (error instanceof InvitationRefusedError) {
      return problem(REFUSAL_STATUS[error.reason], {
        detail: error.message,
        ...(error.reason === "wrong-account" && { code: "wrong_account" }),
      });
    }
    throw error;
  }
}
