import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "~/ui/button";
import { FormErrors, InputField, SelectField } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";
import { API_KEY_NAME_MAX, CreateApiKeySchema } from "./api-key-schema";
import { API_KEY_LIFETIMES_DAYS, API_KEY_SCOPES, SCOPE_LABELS } from "./key-rules";

const constraint = getZodConstraint(CreateApiKeySchema);
const SCOPE_OPTIONS = API_KEY_SCOPES.map((scope) => ({ value: scope, label: SCOPE_LABELS[scope] }));
const LIFETIME_OPTIONS = API_KEY_LIFETIMES_DAYS.map((days) => ({ value: String(days), label: `${days} days` }));

export function CreateApiKeyForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "create-api-key",
    lastResult,
    constraint,
    defaultValue: { scope: "read", lifetimeDays: "90" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateApiKeySchema }),
  });
  const pending = usePendingSubmission("create-api-key");
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-sm space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="create-api-key" />
      <InputField
        meta={fields.name}
        label="Name"
        maxLength={API_KEY_NAME_MAX}
        hint="The program that will use it, like “Backup script”."
      />
      <SelectField meta={fields.scope} label="Access" options={SCOPE_OPTIONS} />
      <SelectField meta={fields.lifetimeDays} label="Expires after" options={LIFETIME_OPTIONS} />
      <Button type="submit" pending={pending}>
        {pending ? "Creating key…" : "Create key"}
      </Button>
    </Form>
  );
}
