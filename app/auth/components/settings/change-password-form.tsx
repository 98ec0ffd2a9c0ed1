import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useState } from "react";
import { Form } from "react-router";
import { PasswordChecklist } from "~/auth/components/password-checklist";
import { ChangePasswordSchema } from "~/auth/schemas";
import { Button } from "~/ui/button";
import { CheckboxField, FormErrors, InputField } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";

const changePasswordConstraint = getZodConstraint(ChangePasswordSchema);

/**
 * Success redirects back to this page, which (with JavaScript) keeps the form mounted: a new
 * key after a post that ended without an error starts it over, so no password lingers on
 * screen and the checklist is blank again.
 */
export function ChangePasswordForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const pending = usePendingSubmission("change-password");
  const [wasPending, setWasPending] = useState(pending);
  const [generation, setGeneration] = useState(0);
  if (pending !== wasPending) {
    setWasPending(pending);
    if (!pending && lastResult === undefined) setGeneration((count) => count + 1);
  }
  return <PasswordFields key={generation} lastResult={lastResult} pending={pending} />;
}

function PasswordFields({ lastResult, pending }: { lastResult?: SubmissionResult<string[]>; pending: boolean }) {
  const [form, fields] = useForm({
    id: "change-password",
    lastResult,
    constraint: changePasswordConstraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  const [newPassword, setNewPassword] = useState<string>();

  return (
    <Form method="post" {...getFormProps(form)} className="max-w-sm space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="change-password" />
      <InputField meta={fields.currentPassword} label="Current password" type="password" autoComplete="current-password" />
      <InputField
        meta={fields.newPassword}
        label="New password"
        type="password"
        autoComplete="new-password"
        onChange={(event) => setNewPassword(event.currentTarget.value)}
        hint={<PasswordChecklist password={newPassword} />}
      />
      <CheckboxField meta={fields.signOutOtherSessions} label="Sign out my other sessions" />
      <CheckboxField meta={fields.revokeApiKeys} label="Also revoke all my API keys" />
      <Button type="submit" pending={pending}>
        {pending ? "Changing password…" : "Change password"}
      </Button>
    </Form>
  );
}
