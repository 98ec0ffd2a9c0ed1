import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { DeleteAccountSchema } from "~/auth/schemas";
import { Button } from "~/ui/button";
import { FormErrors, InputField } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";

const deleteAccountConstraint = getZodConstraint(DeleteAccountSchema);

export function DeleteAccountForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "delete-account",
    lastResult,
    constraint: deleteAccountConstraint,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccountSchema }),
  });
  const pending = usePendingSubmission("delete-account");
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-sm space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="delete-account" />
      <InputField
        meta={fields.password}
        label="Your password"
        type="password"
        autoComplete="current-password"
        hint="Enter it to confirm. This cannot be undone."
      />
      <Button type="submit" variant="danger" pending={pending}>
        {pending ? "Deleting…" : "Delete my account"}
      </Button>
    </Form>
  );
}
