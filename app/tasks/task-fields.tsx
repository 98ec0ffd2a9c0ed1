import type { FieldMetadata } from "@conform-to/react";
import { LabelPicker } from "~/labels/label-picker";
import type { Label } from "~/labels/label-schema";
import type { ProjectForPage } from "~/projects/project-for-page";
import { InputField, SelectField, TextareaField } from "~/ui/field";
import { type Priority, PRIORITY_OPTIONS } from "./priority";
import { RepeatFields, type RepeatFieldsMetadata } from "./repeat-fields";
import { ReminderFields } from "./reminder-fields";
import type { ReminderFormSlot } from "~/reminders/reminder-schema";
import { CATEGORY_MAX, DESCRIPTION_MAX } from "./task-schema";

interface DetailFieldsMetadata extends RepeatFieldsMetadata {
  description: FieldMetadata<string>;
  priority: FieldMetadata<Priority>;
  category: FieldMetadata<string | null>;
  dueDate: FieldMetadata<string | null>;
  dueTime: FieldMetadata<string | null>;
  labels: FieldMetadata<string[]>;
  newLabel: FieldMetadata<string | undefined>;
  projectId: FieldMetadata<string | undefined>;
  reminders: FieldMetadata<ReminderFormSlot[]>;
}

/** Everything but the title, shared by the create and edit forms. */
export function TaskDetailFields({
  fields,
  categories,
  labels,
  projects,
}: {
  fields: DetailFieldsMetadata;
  categories: string[];
  /** The person's labels, to choose from. */
  labels: readonly Label[];
  /** Where the task may live (the Inbox first). */
  projects: readonly ProjectForPage[];
}) {
  const categoryListId = `${fields.category.id}-suggestions`;
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <TextareaField
        meta={fields.description}
        label="Description"
        className="sm:col-span-3"
        maxLength={DESCRIPTION_MAX}
      />
      <SelectField
        meta={fields.projectId}
        label="Project"
        options={projects.map((project) => ({ value: project.id, label: project.name }))}
      />
      <SelectField meta={fields.priority} label="Priority" options={PRIORITY_OPTIONS} />
      <InputField
        meta={fields.category}
        label="Category"
        list={categories.length ? categoryListId : undefined}
        maxLength={CATEGORY_MAX}
        autoComplete="off"
      />
      {categories.length ? (
        <datalist id={categoryListId}>
          {categories.map((category) => (
            <option key={category} value={category} />
          ))}
        </datalist>
      ) : null}
      <InputField meta={fields.dueDate} label="Due date" type="date" />
      {/* Optional; in the account's time zone (decision 090). */}
      <InputField meta={fields.dueTime} label="Due time" type="time" />
      <LabelPicker labels={labels} chosen={fields.labels} newLabel={fields.newLabel} />
      <RepeatFields fields={fields} />
      <ReminderFields field={fields.reminders} />
    </div>
  );
}

/** Fields shown inside the create form's "More options" disclosure. */
export const DETAIL_FIELD_NAMES = [
  "description",
  "projectId",
  "priority",
  "category",
  "dueDate",
  "dueTime",
  "labels",
  "newLabel",
  "repeatFrequency",
  "repeatInterval",
  "repeatWeekdays",
  "repeatMonthly",
  "repeatFromCompletion",
  "repeatUntil",
  "repeatCount",
  "reminders",
] as const;
