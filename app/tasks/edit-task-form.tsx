import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "react-router";
import type { Label } from "~/labels/label-schema";
import type { ProjectForPage } from "~/projects/project-for-page";
import { Button, buttonClass } from "~/ui/button";
import { FieldErrors, InputField } from "~/ui/field";
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
  back,
  timeZone,
  reminders,
  lastResult,
}: {
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
    <Form method="post" {...getFormProps(form)} className="space-y-5">
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="back" value={back} />
      <InputField meta={fields.title} label="Title" maxLength={TITLE_MAX} autoComplete="off" />
      <TaskDetailFields fields={fields} categories={categories} labels={labels} projects={projects} />
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
    </Form>
  );
}
