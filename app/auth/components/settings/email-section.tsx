import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useState } from "react";
import { useFetcher } from "react-router";
import { ChangeEmailSchema } from "~/auth/schemas";
import { Button } from "~/ui/button";
import { FormErrors, InputField } from "~/ui/field";
import { useFetcherSettled } from "~/ui/use-fetcher-settled";

const changeEmailConstraint = getZodConstraint(ChangeEmailSchema);

/**
 * The address, whether it is confirmed, and the form that moves the account to another one.
 * The form posts to /settings/email (its own route) through a fetcher, so the settings page
 * stays put and shows a refusal in place; without JavaScript that route's page shows it, and
 * passes its action data as `lastResult`.
 */
export function EmailSection({
  email,
  emailVerified,
  lastResult,
}: {
  email: string;
  emailVerified: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const fetcher = useFetcher<SubmissionResult<string[]>>({ key: "change-email" });
  const [reply, setReply] = useState<SubmissionResult<string[]>>();
  useFetcherSettled(fetcher, setReply);
  const [form, fields] = useForm({
    id: "change-email",
    lastResult: reply ?? lastResult,
    constraint: changeEmailConstraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeEmailSchema }),
  });
  const pending = fetcher.state !== "idle";
  return (
    <div className="space-y-5">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium text-slate-900 dark:text-slate-100">{email}</span>
        {emailVerified ? (
          <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200">
            Confirmed
          </span>
        ) : (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/60 dark:text-amber-100">
            Not confirmed yet
          </span>
        )}
      </p>
      <fetcher.Form method="post" action="/settings/email" {...getFormProps(form)} className="max-w-sm space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField
          meta={fields.newEmail}
          label="New email address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          hint="We send a link there; your address changes when you open it."
        />
        <InputField
          meta={fields.currentPassword}
          label="Current password"
          type="password"
          autoComplete="current-password"
        />
        <Button type="submit" pending={pending}>
          {pending ? "Sending link…" : "Change email address"}
        </Button>
      </fetcher.Form>
    </div>
  );
}
