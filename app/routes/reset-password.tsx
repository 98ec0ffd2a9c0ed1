import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link } from "react-router";
import { resetPassword } from "~/auth/account.server";
import { AuthPage, textLinkClass } from "~/auth/components/auth-page";
import { Notice } from "~/auth/components/notice";
import { NewPasswordField } from "~/auth/components/new-password-field";
import { revokeAllApiKeys } from "~/api-keys/api-keys.server";
import { readResetToken } from "~/auth/email-links.server";
import { PASSWORD_TOO_WEAK } from "~/auth/errors";
import { attemptAuthForm } from "~/auth/failure.server";
import { ResetPasswordSchema } from "~/auth/schemas";
import { authHeaders } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";
import { Button, buttonClass } from "~/ui/button";
import { CheckboxField, FormErrors } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/reset-password";

const resetPasswordConstraint = getZodConstraint(ResetPasswordSchema);

export const meta: Route.MetaFunction = () => [{ title: "Choose a new password · Tasklane" }];

// The URL and the page carry a working token: no cache keeps them (the app's Referrer-Policy
// already keeps the URL from other sites).
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

// The link from the email opens this page (GET changes nothing); the form's POST uses the token.
export async function loader({ request }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const usable = token !== "" && (await readResetToken(token)) !== null;
  return data({ token: usable ? token : null }, { status: usable ? 200 : 410 });
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema });
  const hideFields = ["newPassword"];
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields }), linkDead: false }, { status: 400 });
  // Read before the reset uses the token up: whose keys to revoke if asked.
  const owner = submission.value.revokeApiKeys ? await readResetToken(submission.value.token) : null;
  const headers = authHeaders(request, context);
  const reset = await attemptAuthForm(submission, () => resetPassword(headers, submission.value), {
    requestId: context.get(requestMetaContext).requestId,
    hideFields,
    fieldFor: { [PASSWORD_TOO_WEAK]: "newPassword" },
  });
  if (!reset.ok) {
    if (reset.failure.code === "INVALID_TOKEN" || reset.failure.code === "USER_NOT_FOUND") {
      return data({ result: submission.reply({ hideFields }), linkDead: true }, { status: 410 });
    }
    return data({ result: reset.reply, linkDead: false }, { status: reset.status });
  }
  if (owner)
    await revokeAllApiKeys(
      { id: owner.userId, email: null },
      { ipAddress: headers.get("x-client-ip"), userAgent: headers.get("user-agent") },
    );
  // No automatic sign-in: a second factor will sit between the two.
  return redirectWithFlash("/sign-in", {
    kind: "success",
    message: `Your password has been changed and every session signed out${owner ? ", and your API keys revoked" : ""}. Sign in with your new password.`,
  });
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const linkDead = loaderData.token === null || actionData?.linkDead;
  return (
    <AuthPage
      title={linkDead ? "This link no longer works" : "Choose a new password"}
      intro={linkDead ? "Reset links work once, for one hour." : "Pick a password you do not use anywhere else."}
      footer={
        <>
          Remembered it?{" "}
          <Link to="/sign-in" className={textLinkClass}>
            Sign in
          </Link>
        </>
      }
    >
      {linkDead ? (
        <div className="space-y-5">
          <Notice title="The link has expired, has been used or is incomplete" tone="warning">
            <p>Ask for a new one: it takes a minute. If you copied the link by hand, check that nothing is missing.</p>
          </Notice>
          <Link to="/forgot-password" className={buttonClass("primary", "w-full")}>
            Send me a new link
          </Link>
        </div>
      ) : (
        <ResetPasswordForm token={loaderData.token!} lastResult={actionData?.result} />
      )}
    </AuthPage>
  );
}

function ResetPasswordForm({ token, lastResult }: { token: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult,
    constraint: resetPasswordConstraint,
    defaultValue: { token },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  });
  const pending = usePendingSubmission();
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-5">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.token, { type: "hidden" })} key={fields.token.key} />
      <NewPasswordField meta={fields.newPassword} label="New password" />
      <CheckboxField meta={fields.revokeApiKeys} label="Also revoke all my API keys" />
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </Form>
  );
}
