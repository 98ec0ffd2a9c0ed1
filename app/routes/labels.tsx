import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, useNavigation } from "react-router";
import { requireUser } from "~/auth/session.server";
import { replaceWithFlash } from "~/flash.server";
import { ColorOptions, LabelList } from "~/labels/label-list";
import { LABEL_COLOR_NAMES } from "~/labels/label-colors";
import { LABEL_NAME_MAX, LabelFormSchema } from "~/labels/label-schema";
import { createLabelForUser, LabelNameTakenError, listLabelsForUser } from "~/labels/labels.server";
import { Button } from "~/ui/button";
import { FieldErrors, InputField, inputClass, labelClass } from "~/ui/field";
import { cx } from "~/ui/cx";
import type { Route } from "./+types/labels";

export const meta: Route.MetaFunction = () => [{ title: "Labels · Tasklane" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  return { labels: await listLabelsForUser(user.id) };
}

/** Creates a label; renaming, recolouring and deleting have a route each (labels.$labelId*). */
export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: LabelFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await createLabelForUser(user.id, submission.value);
  } catch (error) {
    if (!(error instanceof LabelNameTakenError)) throw error;
    return data(submission.reply({ fieldErrors: { name: [error.message] } }), { status: 400 });
  }
  return replaceWithFlash("/labels", { kind: "success", message: "Label added" });
}

const labelFormConstraint = getZodConstraint(LabelFormSchema);

export default function LabelsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { labels } = loaderData;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "create-label",
    lastResult: navigation.state === "idle" ? actionData : undefined,
    constraint: labelFormConstraint,
    // The next colour of the palette, so new labels differ at a glance.
    defaultValue: { color: LABEL_COLOR_NAMES[labels.length % LABEL_COLOR_NAMES.length] },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LabelFormSchema }),
  });
  const colorProps = getSelectProps(fields.color);

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Labels</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          Give tasks any number of labels, then filter the list by one or more. Deleting a label takes it off its tasks.
        </p>
      </div>
      <Form
        method="post"
        {...getFormProps(form)}
        aria-labelledby="new-label-heading"
        className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800"
      >
        <h2 id="new-label-heading" className="sr-only">
          New label
        </h2>
        <div className="flex flex-wrap items-start gap-3">
          <InputField
            meta={fields.name}
            label="New label"
            maxLength={LABEL_NAME_MAX}
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
          <Button
            type="submit"
            className="mt-7"
            pending={navigation.state === "submitting" && navigation.formAction === "/labels"}
          >
            Add label
          </Button>
        </div>
      </Form>
      <section aria-labelledby="your-labels-heading" className="space-y-3">
        <h2 id="your-labels-heading" className="text-lg font-semibold">
          Your labels
        </h2>
        <LabelList labels={labels} />
      </section>
    </div>
  );
}
