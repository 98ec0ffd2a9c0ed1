import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useFetcher } from "react-router";
import { Button, buttonClass } from "~/ui/button";
import { cx } from "~/ui/cx";
import { FieldErrors, inputClass, InputField } from "~/ui/field";
import { useFetcherSettled } from "~/ui/use-fetcher-settled";
import {
  type StepFailure,
  STEP_ADD_FORM,
  STEP_TEXT_MAX,
  StepAddFormSchema,
  stepProgress,
  stepRowFormId,
  StepRowFormSchema,
  stepToggleFormId,
  STEPS_MAX,
  type TaskStep,
} from "./step-schema";

const addConstraint = getZodConstraint(StepAddFormSchema);
const rowConstraint = getZodConstraint(StepRowFormSchema);

const iconButtonClass = buttonClass("ghost", "px-2 py-1.5 disabled:opacity-40 disabled:hover:bg-transparent");
const toggleClass = {
  done: "grid size-6 shrink-0 place-items-center rounded-md ring-2 ring-inset transition-colors bg-emerald-700 text-white ring-emerald-700 hover:bg-emerald-600 dark:bg-emerald-400 dark:text-slate-950 dark:ring-emerald-400",
  open: "grid size-6 shrink-0 place-items-center rounded-md ring-2 ring-inset transition-colors text-transparent ring-slate-400 hover:text-slate-400 dark:ring-slate-500 dark:hover:text-slate-500",
};

/**
 * The task's checklist: every step a row of small forms (tick, rename, move, delete) and a
 * field that adds one. Plain posts to the page's action without JavaScript; with it, fetchers:
 * no reload, a tick or a delete shows at once, a refusal stays next to its step.
 * `failure`: the page's action data after a plain post. `readOnly` (a viewer): the steps as
 * text with their state, no forms; the action refuses a viewer's post all the same.
 */
export function StepList({
  taskId,
  steps,
  back,
  failure,
  readOnly = false,
}: {
  taskId: string;
  steps: readonly TaskStep[];
  back: string;
  failure?: StepFailure;
  readOnly?: boolean;
}) {
  const progress = stepProgress(steps);
  const rendered = new Set(steps.flatMap((step) => [stepRowFormId(step.id), stepToggleFormId(step.id)]));
  // A refusal about a step no longer shown (deleted meanwhile) has no row to sit in.
  const orphan = failure?.message && !rendered.has(failure.form) ? failure.message : undefined;
  return (
    <section
      id="steps"
      aria-labelledby="steps-heading"
      className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6 dark:bg-slate-900 dark:ring-slate-800"
    >
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="steps-heading" className="font-medium">
          Steps
        </h2>
        {progress.total > 0 ? (
          <p className="text-sm text-slate-600 tabular-nums dark:text-slate-300">
            {progress.done} of {progress.total} done
          </p>
        ) : null}
      </div>
      {orphan ? <StepMessage id="steps-message" message={orphan} /> : null}
      {steps.length > 0 && readOnly ? (
        <ol className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="step-list">
          {steps.map((step) => (
            <ReadOnlyStepRow key={step.id} step={step} />
          ))}
        </ol>
      ) : steps.length > 0 ? (
        <ol className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="step-list">
          {steps.map((step, index) => (
            <StepRow
              key={step.id}
              step={step}
              position={index + 1}
              last={index === steps.length - 1}
              back={back}
              failure={failure && rendered.has(failure.form) ? failure : undefined}
            />
          ))}
        </ol>
      ) : readOnly ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">No steps.</p>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          No steps yet. Break the task into steps to tick off one by one.
        </p>
      )}
      {readOnly ? null : steps.length < STEPS_MAX ? (
        <AddStepForm taskId={taskId} back={back} failure={failure?.form === STEP_ADD_FORM ? failure : undefined} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          This task has {STEPS_MAX} steps, the most it can hold.
        </p>
      )}
    </section>
  );
}

/** A step as a viewer sees it: its state and text, nothing to press. */
function ReadOnlyStepRow({ step }: { step: TaskStep }) {
  return (
    <li className="flex items-start gap-2 py-2" data-testid="step" data-step-id={step.id}>
      <span aria-hidden="true" className={cx(step.done ? toggleClass.done : toggleClass.open, "mt-0.5")}>
        <CheckMark />
      </span>
      <span className={cx("min-w-0 flex-1 break-words", step.done && "text-slate-500 line-through")}>
        <span className="sr-only">{step.done ? "Done: " : "Not done: "}</span>
        {step.text}
      </span>
    </li>
  );
}

function StepRow({
  step,
  position,
  last,
  back,
  failure,
}: {
  step: TaskStep;
  position: number;
  last: boolean;
  back: string;
  failure?: StepFailure;
}) {
  const rowFormId = stepRowFormId(step.id);
  const toggleFormId = stepToggleFormId(step.id);
  const toggle = useFetcher<StepFailure>({ key: toggleFormId });
  const row = useFetcher<StepFailure>({ key: rowFormId });
  const rowFailure = row.data ?? (failure?.form === rowFormId ? failure : undefined);
  const toggleFailure = toggle.data ?? (failure?.form === toggleFormId ? failure : undefined);
  const [form, fields] = useForm({
    id: rowFormId,
    lastResult: rowFailure?.result,
    constraint: rowConstraint,
    defaultValue: { text: step.text },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StepRowFormSchema }),
  });
  // Shown as submitted while the tick is on its way; a delete hides the row until it fails.
  const pendingDone = toggle.formData?.get("done");
  const done = pendingDone === undefined ? step.done : pendingDone === "true";
  if (row.formData?.get("intent") === "step-delete") return null;
  const textProps = getInputProps(fields.text, { type: "text" });
  const message = rowFailure?.message ?? toggleFailure?.message;
  return (
    <li className="py-2" data-testid="step" data-step-id={step.id}>
      <div className="flex items-start gap-2">
        <toggle.Form method="post" id={toggleFormId} preventScrollReset className="mt-1.5">
          <input type="hidden" name="intent" value="step-toggle" />
          <input type="hidden" name="stepId" value={step.id} />
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="done" value={String(!done)} />
          <button
            type="submit"
            aria-label={done ? `Mark “${step.text}” not done` : `Mark “${step.text}” done`}
            className={done ? toggleClass.done : toggleClass.open}
          >
            <CheckMark />
          </button>
        </toggle.Form>
        <row.Form
          method="post"
          preventScrollReset
          {...getFormProps(form)}
          className="flex min-w-0 flex-1 flex-wrap items-center gap-1 sm:flex-nowrap"
        >
          <input type="hidden" name="stepId" value={step.id} />
          <input type="hidden" name="back" value={back} />
          <label htmlFor={fields.text.id} className="sr-only">
            Step {position}
          </label>
          <input
            {...textProps}
            key={textProps.key}
            maxLength={STEP_TEXT_MAX}
            autoComplete="off"
            aria-describedby={fields.text.errors?.length ? fields.text.errorId : undefined}
            className={cx(
              inputClass,
              "min-w-0 flex-1 basis-full py-1.5 sm:basis-40",
              done && "text-slate-500 line-through",
            )}
          />
          {/* On a phone the buttons take a line of their own under the text, at its right. */}
          <div className="ml-auto flex shrink-0 items-center gap-1">
            {/* First in the form: Enter in the field renames. */}
            <button type="submit" name="intent" value="step-rename" className={iconButtonClass}>
              Save<span className="sr-only"> step {position}</span>
            </button>
            <button
              type="submit"
              name="intent"
              value="step-up"
              disabled={position === 1}
              aria-label={`Move “${step.text}” up`}
              className={iconButtonClass}
            >
              <Arrow direction="up" />
            </button>
            <button
              type="submit"
              name="intent"
              value="step-down"
              disabled={last}
              aria-label={`Move “${step.text}” down`}
              className={iconButtonClass}
            >
              <Arrow direction="down" />
            </button>
            <button
              type="submit"
              name="intent"
              value="step-delete"
              aria-label={`Delete “${step.text}”`}
              className={iconButtonClass}
            >
              <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
                <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
              </svg>
            </button>
          </div>
        </row.Form>
      </div>
      <div className="pl-8">
        <FieldErrors id={fields.text.errorId} errors={fields.text.errors} />
        {message ? <StepMessage id={`${rowFormId}-message`} message={message} /> : null}
      </div>
    </li>
  );
}

function AddStepForm({ taskId, back, failure }: { taskId: string; back: string; failure?: StepFailure }) {
  const fetcher = useFetcher<StepFailure>({ key: `${STEP_ADD_FORM}-${taskId}` });
  const [form, fields] = useForm({
    id: STEP_ADD_FORM,
    lastResult: fetcher.data?.result ?? failure?.result,
    constraint: addConstraint,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StepAddFormSchema }),
  });
  // Added (a redirect, no reply): an empty field, the cursor in it, for the next step.
  useFetcherSettled(fetcher, (settled) => {
    if (settled !== undefined) return;
    form.reset();
    document.getElementById(fields.text.id)?.focus();
  });
  return (
    <fetcher.Form method="post" preventScrollReset {...getFormProps(form)} className="flex items-start gap-2">
      <input type="hidden" name="intent" value="step-add" />
      <input type="hidden" name="back" value={back} />
      <InputField
        meta={fields.text}
        label="New step"
        placeholder="Add a step"
        maxLength={STEP_TEXT_MAX}
        autoComplete="off"
        className="flex-1"
      />
      <Button type="submit" variant="secondary" pending={fetcher.state !== "idle"} className="mt-7">
        Add step
      </Button>
    </fetcher.Form>
  );
}

function StepMessage({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
      {message}
    </p>
  );
}

function CheckMark() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
      <path
        fillRule="evenodd"
        d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

function Arrow({ direction }: { direction: "up" | "down" }) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="currentColor"
      className={cx("size-4", direction === "down" && "rotate-180")}
      aria-hidden="true"
    >
      <path
        fillRule="evenodd"
        d="M10 17a.75.75 0 0 1-.75-.75V5.6L5.3 9.8a.75.75 0 1 1-1.1-1.04l5.25-5.5a.75.75 0 0 1 1.1 0l5.25 5.5a.75.75 0 1 1-1.1 1.04l-3.95-4.2v10.65A.75.75 0 0 1 10 17Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
