// What the settings page's own forms do, one named function per intent; the route only
// dispatches to them (the password and address forms have routes of their own).
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { deleteAccount, renameUser, revokeOtherSessions, revokeSession } from "~/auth/account.server";
import { INVALID_PASSWORD } from "~/auth/errors";
import { attemptAuthForm } from "~/auth/failure.server";
import {
  DeleteAccountSchema,
  RevokeOtherSessionsSchema,
  RevokeSessionSchema,
  type SettingsIntent,
  UpdateProfileSchema,
} from "~/auth/schemas";
import { type requireUser, withCookies } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";

export type SettingsActionData = { intent: SettingsIntent; result: SubmissionResult<string[]> };
type SignedIn = Awaited<ReturnType<typeof requireUser>>;
export type IntentArgs = SignedIn & { formData: FormData; headers: Headers; requestId: string };

const fail = (intent: SettingsIntent, result: SubmissionResult<string[]>, status = 400) =>
  data<SettingsActionData>({ intent, result }, { status });
const done = (message: string) => redirectWithFlash("/settings", { kind: "success", message });

export async function updateProfile({ formData, headers, requestId }: IntentArgs) {
  const submission = parseWithZod(formData, { schema: UpdateProfileSchema });
  if (submission.status !== "success") return fail("update-profile", submission.reply());
  const renamed = await attemptAuthForm(submission, () => renameUser(headers, submission.value.name), { requestId });
  if (!renamed.ok) return fail("update-profile", renamed.reply, renamed.status);
  return done("Your name has been updated.");
}

export async function revokeOneSession({ session, formData, headers, requestId }: IntentArgs) {
  const submission = parseWithZod(formData, { schema: RevokeSessionSchema });
  if (submission.status !== "success") return fail("revoke-session", submission.reply());
  if (submission.value.sessionId === session.id) {
    return fail("revoke-session", submission.reply({ formErrors: ["To end this session, use Sign out."] }));
  }
  const revoked = await attemptAuthForm(
    submission,
    () => revokeSession(headers, session.userId, submission.value.sessionId),
    {
      requestId,
    },
  );
  if (!revoked.ok) return fail("revoke-session", revoked.reply, revoked.status);
  if (!revoked.value)
    return fail("revoke-session", submission.reply({ formErrors: ["That session has already ended."] }), 404);
  return done("That session has been signed out.");
}

export async function revokeTheOtherSessions({ formData, headers, requestId }: IntentArgs) {
  const submission = parseWithZod(formData, { schema: RevokeOtherSessionsSchema });
  if (submission.status !== "success") return fail("revoke-other-sessions", submission.reply());
  const revoked = await attemptAuthForm(submission, () => revokeOtherSessions(headers), { requestId });
  if (!revoked.ok) return fail("revoke-other-sessions", revoked.reply, revoked.status);
  return done("All your other sessions have been signed out.");
}

export async function deleteTheAccount({ formData, headers, requestId }: IntentArgs) {
  const hideFields = ["password"];
  const submission = parseWithZod(formData, { schema: DeleteAccountSchema });
  if (submission.status !== "success") return fail("delete-account", submission.reply({ hideFields }));
  const deleted = await attemptAuthForm(submission, () => deleteAccount(headers, submission.value.password), {
    requestId,
    hideFields,
    fieldFor: { [INVALID_PASSWORD]: "password" },
  });
  if (!deleted.ok) return fail("delete-account", deleted.reply, deleted.status);
  return redirectWithFlash(
    "/",
    { kind: "success", message: "Your account and all its tasks have been deleted." },
    { headers: withCookies(deleted.value.setCookies) },
  );
}
