import { getFormProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "react-router";
import { ColorOptions } from "~/labels/label-list";
import type { LabelColor } from "~/labels/label-colors";
import { Button } from "~/ui/button";
import { CheckboxField, FieldErrors, InputField, inputClass, labelClass } from "~/ui/field";
import { cx } from "~/ui/cx";
import { PROJECT_NAME_MAX, ProjectFormSchema } from "./project-schema";

const projectFormConstraint = getZodConstraint(ProjectFormSchema);

/**
 * A project's name, colour and favourite flag: the "new project" form and the edit page's.
 * A plain <Form>: the same with and without JavaScript, errors next to the fields.
 */
export function ProjectForm({
  id,
  action,
  defaultValue,
  lastResult,
  submitLabel,
  nameLabel,
}: {
  id: string;
  action: string;
  defaultValue: { name?: string; color: LabelColor; favorite?: boolean };
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  nameLabel: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id,
    lastResult: navigation.state === "idle" ? lastResult : undefined,
    constraint: projectFormConstraint,
    defaultValue: { ...defaultValue, favorite: defaultValue.favorite ? "on" : undefined },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProjectFormSchema }),
  });
  const colorProps = getSelectProps(fields.color);
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value="save" />
      <div className="flex flex-wrap items-start gap-3">
        <InputField
          meta={fields.name}
          label={nameLabel}
          maxLength={PROJECT_NAME_MAX}
          autoComplete="off"
          className="min-w-0 flex-1 basis-44"
        />
        <div>
          <label htmlFor={fields.color.id} className={labelClass}>
            Colour
          </label>
          <select {...colorProps} key={colorProps.key} className={cx(inputClass, "mt-1.5 w-32")}>
            <ColorOptions />
          </select>
          <FieldErrors id={fields.color.errorId} errors={fields.color.errors} />
        </div>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <CheckboxField meta={fields.favorite} label="Favourite (listed first in the navigation)" />
        <Button
          type="submit"
          pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "save"}
        >
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
