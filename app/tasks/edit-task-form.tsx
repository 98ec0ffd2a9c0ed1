import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "react-router";
import type { Label } from "~/labels/label-schema";
import type { ProjectForPage } from "~/projects/project-for-page";
import { Button, buttonClass } from "~/ui/button";
import { FieldErrors, InputField, SelectField } from "~/ui/field";
import { repeatFormDefaults } from "./repeat-rule";
import { reminderFormDefaults, type ReminderView } from "~/reminders/reminder-schema";
import { dueFor } from "./due-date";
import { TaskDetailFields } from "./task-fields";
import { TaskFormSchema, TITLE_MAX } from "./task-schema";
import type { TaskForPage } from "./task-for-page";

const taskFormConstraint = getZodConstraint(TaskFormSchema);

/** Every field of one task, completed included. A plain <Form>: works the same without JavaScript. */
export function EditTaskForm({
  task,
  categories,
  labels,
  projects,
  assignees,
  back,
  timeZone,
  reminders,
  lastResult,
  readOnlyReason,
}: {
  /** Set for a member who may only view the task (a viewer): the fields show, disabled, with why. */
  readOnlyReason?: string;
  /** The project's members, whom the task can be assigned to (decision 095). */
  assignees: readonly { value: string; label: string }[];
  task: TaskForPage;
  /** Its reminders as stored, for the reminder slots. */
  reminders: readonly ReminderView[];
  /** The account's: the due date and time are shown and saved in it. */
  timeZone: string;
  categories: string[];
  labels: readonly Label[];
  /** Where the task may move (its own project among them). */
  projects: readonly ProjectForPage[];
  /** The list view to return to after saving or on Cancel. */
  back: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "update";
  const [form, fields] = useForm({
    id: `edit-task-${task.id}`,
    lastResult,
    constraint: taskFormConstraint,
    defaultValue: {
      title: task.title,
      description: task.description,
      priority: task.priority,
      category: task.category ?? "",
      dueDate: dueFor(task, timeZone)?.day ?? "",
      dueTime: dueFor(task, timeZone)?.time ?? "",
      completed: task.completed ? "on" : undefined,
      labels: task.labels,
      projectId: task.projectId,
      assigneeId: task.assigneeId ?? "",
      ...repeatFormDefaults(task.repeat),
      reminders: reminderFormDefaults(reminders).map((slot) => ({
        when: slot.when,
        minutes: slot.minutes === undefined ? undefined : String(slot.minutes),
      })),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TaskFormSchema }),
  });

  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="back" value={back} />
      {/* A viewer sees the task as an editor would, every control disabled, and the reason first. */}
      <fieldset
        disabled={readOnlyReason !== undefined}
        aria-describedby={readOnlyReason === undefined ? undefined : `${form.id}-read-only`}
        className="min-w-0 space-y-5"
      >
        {readOnlyReason === undefined ? null : (
          <p id={`${form.id}-read-only`} className="text-sm text-slate-700 dark:text-slate-300">
            {readOnlyReason}
          </p>
        )}
        <InputField meta={fields.title} label="Title" maxLength={TITLE_MAX} autoComplete="off" />
        <TaskDetailFields fields={fields} categories={categories} labels={labels} projects={projects} />
        <SelectField
          meta={fields.assigneeId}
          label="Assigned to"
          options={[{ value: "", label: "Nobody" }, ...assignees]}
        />
        <div>
          <div className="flex items-center gap-2">
            <input
              {...getInputProps(fields.completed, { type: "checkbox" })}
              key={fields.completed.key}
              className="size-4 rounded border-slate-400 accent-indigo-600 dark:accent-indigo-400"
            />
            <label htmlFor={fields.completed.id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
              Completed
            </label>
          </div>
          <FieldErrors id={fields.completed.errorId} errors={fields.completed.errors} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" pending={saving}>
            Save changes
          </Button>
          <Link to={back} className={buttonClass("secondary")}>
            Cancel
          </Link>
        </div>
      </fieldset>
    </Form>
  );
}
