import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useState } from "react";
import { type FetcherWithComponents, useFetcher } from "react-router";
import { NewPasswordField } from "~/auth/components/new-password-field";
import { ChangePasswordSchema } from "~/auth/schemas";
import { Button } from "~/ui/button";
import { CheckboxField, FormErrors, InputField } from "~/ui/field";
import { useFetcherSettled } from "~/ui/use-fetcher-settled";

const changePasswordConstraint = getZodConstraint(ChangePasswordSchema);

type Reply = SubmissionResult<string[]>;

/**
 * Posts to /settings/password (its own route) through a fetcher, so the settings page stays
 * put and shows a refusal in place; without JavaScript that route's page shows it.
 * `lastResult` is that page's own action data. After a success (a redirect, no reply) a new
 * key starts the form over, so no password lingers on screen and the checklist is blank again.
 */
export function ChangePasswordForm({ lastResult }: { lastResult?: Reply }) {
  const fetcher = useFetcher<Reply>({ key: "change-password" });
  const [reply, setReply] = useState<Reply>();
  const [generation, setGeneration] = useState(0);
  useFetcherSettled(fetcher, (settled) => {
    setReply(settled);
    if (settled === undefined) setGeneration((count) => count + 1);
  });
  return <PasswordFields key={generation} fetcher={fetcher} lastResult={reply ?? lastResult} />;
}

function PasswordFields({ fetcher, lastResult }: { fetcher: FetcherWithComponents<Reply>; lastResult?: Reply }) {
  const [form, fields] = useForm({
    id: "change-password",
    lastResult,
    constraint: changePasswordConstraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  const pending = fetcher.state !== "idle";

  return (
    <fetcher.Form method="post" action="/settings/password" {...getFormProps(form)} className="max-w-sm space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <InputField
        meta={fields.currentPassword}
        label="Current password"
        type="password"
        autoComplete="current-password"
      />
      <NewPasswordField meta={fields.newPassword} label="New password" />
      <CheckboxField meta={fields.signOutOtherSessions} label="Sign out my other sessions" />
      <CheckboxField meta={fields.revokeApiKeys} label="Also revoke all my API keys" />
      <Button type="submit" pending={pending}>
        {pending ? "Changing password…" : "Change password"}
      </Button>
    </fetcher.Form>
  );
}
