// Task rules, shared by the HTML forms (Conform), the JSON API and the data module.
import { z } from "zod";
import { labelName } from "~/labels/label-schema";
import { projectId } from "~/projects/project-schema";
import { CONTROL, CONTROL_EXCEPT_LINES, oneOf } from "~/text-rules";
import { PRIORITIES } from "./priority";
import {
  MONTHLY_MODES,
  normalizeRepeatRule,
  REPEAT_FREQUENCIES,
  type Repeat,
  REPEAT_MODES,
  REPEAT_RULE_MAX,
  repeatRuleProblem,
  WEEKDAY_CODES,
} from "./repeat-rule";
import { timeZoneName } from "./time-zone";
import { ReminderFormSlotSchema, ReminderListSchema, type ReminderInput } from "~/reminders/reminder-schema";
import { StepListSchema } from "./steps/step-schema";

/** A calendar date as written in forms, JSON and cursors. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const CATEGORY_MAX = 50;

const title = z
  .string({ error: "Title is required" })
  .trim()
  .min(1, "Title is required")
  .max(TITLE_MAX, `Title must be at most ${TITLE_MAX} characters`)
  .refine((value) => !CONTROL.test(value), "Title cannot contain control characters");

const description = z
  .string({ error: "Description must be text" })
  .max(DESCRIPTION_MAX, `Description must be at most ${DESCRIPTION_MAX} characters`)
  .refine((value) => !CONTROL_EXCEPT_LINES.test(value), "Description cannot contain control characters")
  // Browsers submit textarea line breaks as CRLF: store one kind.
  .transform((value) => value.replace(/\r\n?/g, "\n"));

export const priority = z.enum(PRIORITIES, { error: `Priority must be ${oneOf(PRIORITIES)}` });

export const category = z
  .string({ error: "Category must be text" })
  .trim()
  .max(CATEGORY_MAX, `Category must be at most ${CATEGORY_MAX} characters`)
  .refine((value) => !CONTROL.test(value), "Category cannot contain control characters")
  .transform((value) => value || null);

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export const isoDate = z
  .string({ error: "Due date must be a date (YYYY-MM-DD)" })
  // abort: a malformed value gets one message, not this one and "not a real date" too.
  .regex(DATE_PATTERN, { error: "Due date must be a date (YYYY-MM-DD)", abort: true })
  .refine((value) => {
    const [year, month, day] = value.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, "Due date must be a real calendar date");

/** A wall-clock time, 24 hours (the due time on the due date, in the task's zone). */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const localTime = z
  .string({ error: "Due time must be a time (HH:MM)" })
  .regex(TIME_PATTERN, "Due time must be a time (HH:MM, 00:00 to 23:59)");

const completed = z.boolean({ error: "Completed must be true or false" });

/** Label names (each matched to one of the person's labels ignoring case). */
const labels = z.array(labelName, { error: "Labels must be a list of label names" });

export const REPEAT_NEEDS_DUE_DATE = "A repeating task needs a due date";

/** `{ rule, mode }`: an RRULE without DTSTART (the due date starts it), from the due date or from completion. */
export const RepeatSchema = z.strictObject(
  {
    rule: z
      .string({ error: "The repeat rule must be an RRULE such as FREQ=WEEKLY;BYDAY=MO,WE" })
      .max(REPEAT_RULE_MAX, `The repeat rule must be at most ${REPEAT_RULE_MAX} characters`)
      .check((context) => {
        const problem = repeatRuleProblem(context.value);
        if (problem) context.issues.push({ code: "custom", message: problem, input: context.value });
      })
      .transform(normalizeRepeatRule),
    mode: z.enum(REPEAT_MODES, { error: `The repeat mode must be ${oneOf(REPEAT_MODES)}` }).default("due"),
  },
  { error: "repeat must be an object { rule, mode }" },
);

/** Every editable field; PUT and POST bodies in the API, and the full edit form. */
/** A due time needs a due date to stand on. */
const dueTimeNeedsDate = {
  check: (fields: { dueDate: string | null; dueTime: string | null }) =>
    fields.dueTime === null || fields.dueDate !== null,
  message: "A due time needs a due date",
};

export const TaskInputSchema = z
  .strictObject({
    title,
    description: description.default(""),
    priority: priority.default("medium"),
    category: category.nullable().default(null),
    dueDate: isoDate.nullable().default(null),
    dueTime: localTime.nullable().default(null),
    // The zone the due date and time are written in; the account's when omitted (decision 090).
    timeZone: timeZoneName.optional(),
    completed: completed.default(false),
    labels: labels.default([]),
    steps: StepListSchema.default([]),
    // Without one: a new task goes to the Inbox, a replaced one stays where it is.
    projectId: projectId.optional(),
    repeat: RepeatSchema.nullable().default(null),
    // Omitted: a new task has none, a replaced one keeps its own (decision 106).
    reminders: ReminderListSchema.optional().describe(
      'Reminders by email, at most 5: { "before": ISO 8601 duration } (PT0S: at the due time) or { "at": RFC 3339 instant }. Omitted: none on create, unchanged on PUT',
    ),
  })
  .refine(dueTimeNeedsDate.check, { message: dueTimeNeedsDate.message, path: ["dueTime"] })
  .refine((input) => input.repeat === null || input.dueDate !== null, {
    message: REPEAT_NEEDS_DUE_DATE,
    path: ["repeat"],
  });
/** What creates a task; callers that set no due time or repeat may leave them out. */
export type TaskInput = Omit<z.output<typeof TaskInputSchema>, "dueTime" | "repeat" | "reminders"> & {
  dueTime?: string | null;
  repeat?: Repeat | null;
  reminders?: ReminderInput[];
};

/** Only the fields given change (PATCH). */
export const TaskPatchSchema = z.strictObject({
  title: title.optional(),
  description: description.optional(),
  priority: priority.optional(),
  category: category.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
  dueTime: localTime.nullable().optional(),
  timeZone: timeZoneName.optional(),
  completed: completed.optional(),
  labels: labels.optional(),
  steps: StepListSchema.optional(),
  projectId: projectId.optional(),
  repeat: RepeatSchema.nullable().optional(),
  reminders: ReminderListSchema.optional().describe(
    "Replaces the task's reminders (one already there keeps its state)",
  ),
});
export type TaskPatch = Omit<z.output<typeof TaskPatchSchema>, "reminders"> & { reminders?: ReminderInput[] };

/**
 * The HTML create/edit form. Conform turns empty fields into `undefined`, so optional
 * text becomes "" / null here, and the checkbox is present only when ticked.
 */
export const TaskFormSchema = z
  .object({
    title,
    description: description.optional().transform((value) => value ?? ""),
    priority: priority.default("medium"),
    category: category.optional().transform((value) => value ?? null),
    dueDate: isoDate.optional().transform((value) => value ?? null),
    dueTime: localTime.optional().transform((value) => value ?? null),
    completed: z.boolean().default(false),
    // The ticked checkboxes, plus a label to create on the spot (the picker's "New label").
    labels: labels.default([]),
    newLabel: labelName.optional(),
    // The project picker; without one, the Inbox (a new task) or where it is (an edit).
    projectId: projectId.optional(),
    // Quick add (the create form): keep the title as typed.
    literal: z.boolean().default(false),
    // The repeat, as plain inputs (repeatFromForm makes the RRULE).
    repeatFrequency: z
      .enum(
        REPEAT_FREQUENCIES.map((each) => each.value),
        { error: "Choose how often it repeats" },
      )
      .optional(),
    repeatInterval: z
      .number({ error: "Every must be a whole number from 1 to 999" })
      .int("Every must be a whole number from 1 to 999")
      .min(1, "Every must be a whole number from 1 to 999")
      .max(999, "Every must be a whole number from 1 to 999")
      .optional(),
    repeatWeekdays: z.array(z.enum(WEEKDAY_CODES, { error: "Choose weekdays from the list" })).default([]),
    repeatMonthly: z
      .enum(
        MONTHLY_MODES.map((each) => each.value),
        { error: "Choose which day of the month" },
      )
      .optional(),
    repeatFromCompletion: z.boolean().default(false),
    repeatUntil: isoDate.optional(),
    repeatCount: z
      .number({ error: "Times must be a whole number from 1 to 999" })
      .int("Times must be a whole number from 1 to 999")
      .min(1, "Times must be a whole number from 1 to 999")
      .max(999, "Times must be a whole number from 1 to 999")
      .optional(),
    // The reminder slots (remindersFromForm reads them).
    reminders: z.array(ReminderFormSlotSchema).max(10).default([]),
  })
  .refine((form) => form.dueTime === null || form.dueDate !== null, {
    message: "A due time needs a due date",
    path: ["dueTime"],
  });
