import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { UpdateProfileSchema } from "~/auth/schemas";
import { Button } from "~/ui/button";
import { FormErrors, InputField } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";

const updateProfileConstraint = getZodConstraint(UpdateProfileSchema);

export function ProfileForm({ name, lastResult }: { name: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "update-profile",
    lastResult,
    defaultValue: { name },
    constraint: updateProfileConstraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateProfileSchema }),
  });
  const pending = usePendingSubmission("update-profile");
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="update-profile" />
      <InputField meta={fields.name} label="Name" autoComplete="name" className="max-w-sm" />
      <Button type="submit" pending={pending}>
        {pending ? "Saving…" : "Save name"}
      </Button>
    </Form>
  );
}
