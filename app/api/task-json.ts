// The JSON API's wire format for tasks: the serializer, and the schemas that describe it
// (used to validate list queries and to generate /api/openapi.json).
import { z } from "zod";
import { LABEL_COLOR_NAMES } from "~/labels/label-colors";
import { BulkActionSchema } from "~/tasks/bulk/bulk-actions";
import { PRIORITIES } from "~/tasks/priority";
import { REPEAT_MODES } from "~/tasks/repeat-rule";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { timeZoneName } from "~/tasks/time-zone";
import type { Task } from "~/tasks/tasks.server";
import { formatDuration, type ReminderView } from "~/reminders/reminder-schema";
import { REMINDER_SKIP_REASONS, REMINDER_STATUSES } from "../../db/values";

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 100;

export const ReminderJsonSchema = z.object({
  id: z.uuid(),
  before: z
    .string()
    .optional()
    .describe(
      'How long before the due time, an ISO 8601 duration ("PT0S": at it); a date without a time counts from the reminder hour',
    ),
  at: z.iso.datetime().optional().describe("A fixed instant (instead of before)"),
  sendAt: z.iso
    .datetime()
    .nullable()
    .describe("When it is (or was) mailed; null while there is nothing to remind of (no due date, or completed)"),
  sentAt: z.iso.datetime().nullable().describe("When it was mailed; null until then"),
  status: z.enum(REMINDER_STATUSES).describe("pending, sent, or skipped (see skipReason)"),
  skipReason: z
    .enum(REMINDER_SKIP_REASONS)
    .nullable()
    .describe(
      "passed: its time had passed when set; late: over 24 hours late (the app was down); unverified: the address is not confirmed; unsubscribed: reminder emails are off",
    ),
});

export function reminderJson(reminder: ReminderView): z.infer<typeof ReminderJsonSchema> {
  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    id: reminder.id,
    ...(reminder.beforeSeconds === null
      ? { at: iso(reminder.at)! }
      : { before: formatDuration(reminder.beforeSeconds) }),
    sendAt: iso(reminder.sendAt),
    sentAt: iso(reminder.sentAt),
    status: reminder.status,
    skipReason: reminder.skipReason as z.infer<typeof ReminderJsonSchema>["skipReason"],
  };
}

export const TaskJsonSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  completed: z.boolean(),
  priority: z.enum(PRIORITIES),
  category: z.string().nullable(),
  dueDate: z.iso.date().nullable().describe("The due date as written, in timeZone"),
  dueTime: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .nullable()
    .describe("The due time (HH:MM, 24 hours) on dueDate in timeZone; null: the whole day"),
  timeZone: z
    .string()
    .nullable()
    .describe("The IANA zone dueDate and dueTime were written in; null without a due date"),
  dueAt: z.iso
    .datetime()
    .nullable()
    .describe("Read-only: the instant (RFC 3339), dueDate at dueTime (or the day's start) in timeZone"),
  projectId: z.uuid().describe("The project the task lives in (on create without one: the Inbox)"),
  labels: z.array(z.string()).describe("The names of the task's labels, A to Z ignoring case"),
  repeat: z
    .object({
      rule: z.string().describe("An RFC 5545 RRULE without DTSTART (the due date starts the series)"),
      mode: z
        .enum(REPEAT_MODES)
        .describe("due: the next occurrence counts from the due date; completion: from the day it was completed"),
    })
    .nullable()
    .describe("How the task repeats; null when it does not"),
  repeatOf: z.uuid().nullable().describe("The repeating task whose completion made this one"),
  steps: z
    .array(z.object({ id: z.uuid(), text: z.string(), done: z.boolean() }))
    .describe("The task's checklist, in order (at most 100 steps)"),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  reminders: z
    .array(ReminderJsonSchema)
    .optional()
    .describe("The task's reminders, soonest first: on single-task responses (not in lists or bulk results)"),
});
export type TaskJson = z.infer<typeof TaskJsonSchema>;

export const TaskPageJsonSchema = z.object({
  tasks: z.array(TaskJsonSchema),
  nextCursor: z.string().nullable().describe("Pass back as `cursor` for the next page; null on the last page"),
});

export const BulkResultJsonSchema = z.object({
  action: BulkActionSchema,
  tasks: z
    .array(
      TaskJsonSchema.extend({
        etag: z.string().describe("The task's ETag (as the ETag header of GET /api/tasks/{id}), for If-Match"),
      }),
    )
    .describe(
      "Every task named, as stored after the change, in the order named; empty after a delete. A task that already had the value keeps its ETag",
    ),
  deleted: z.array(z.uuid()).describe("The ids of the deleted tasks (delete only; empty otherwise)"),
});

export const LabelJsonSchema = z.object({ id: z.uuid(), name: z.string(), color: z.enum(LABEL_COLOR_NAMES) });
export const LabelListJsonSchema = z.object({ labels: z.array(LabelJsonSchema).describe("A to Z ignoring case") });

export const MeJsonSchema = z.object({ id: z.uuid(), email: z.email(), name: z.string() });

/** GET and PATCH /api/me: the user and the account's settings. */
export const AccountJsonSchema = MeJsonSchema.extend({
  timeZone: z
    .string()
    .describe("The account's IANA time zone: today, overdue and the list's views follow it (UTC until one is set)"),
  emailVerified: z.boolean().describe("Only a confirmed address receives reminders and digests"),
  reminderHour: z.number().int().describe("The local hour (0-23) reminders on dates without a time count from"),
  remindersByMail: z.boolean().describe("Reminder emails on (the unsubscribe link turns them off)"),
  digest: z
    .object({ enabled: z.boolean(), hour: z.number().int() })
    .describe("The daily digest (overdue and due today) at this local hour, when it has something to say"),
});

const hour = (name: string) =>
  z
    .number({ error: `${name} must be a whole hour from 0 to 23` })
    .int(`${name} must be a whole hour from 0 to 23`)
    .min(0, `${name} must be a whole hour from 0 to 23`)
    .max(23, `${name} must be a whole hour from 0 to 23`);

/** PATCH /api/me: any of the settings. */
export const MePatchSchema = z.strictObject({
  timeZone: timeZoneName.optional(),
  reminderHour: hour("reminderHour")
    .optional()
    .describe("The local hour a reminder on a date without a time counts from"),
  remindersByMail: z.boolean({ error: "remindersByMail must be true or false" }).optional(),
  digest: z
    .strictObject(
      {
        enabled: z.boolean({ error: "digest.enabled must be true or false" }).optional(),
        hour: hour("digest.hour").optional(),
      },
      { error: "digest must be an object { enabled, hour }" },
    )
    .optional(),
});

/** GET /api/tasks: the page's filters and sort, plus paging. Unlike the HTML page, a bad value is a 400. */
export const TaskListRequestSchema = TaskListQuerySchema.extend({
  limit: z.coerce
    .number({ error: `limit must be a whole number from 1 to ${PAGE_SIZE_MAX}` })
    .int(`limit must be a whole number from 1 to ${PAGE_SIZE_MAX}`)
    .min(1, `limit must be a whole number from 1 to ${PAGE_SIZE_MAX}`)
    .max(PAGE_SIZE_MAX, `limit must be a whole number from 1 to ${PAGE_SIZE_MAX}`)
    .default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(1000, "cursor is not valid for this list").optional(),
});

export function taskJson(task: Task): TaskJson {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    completed: task.completed,
    priority: task.priority,
    category: task.category,
    dueDate: task.dueDate,
    dueTime: task.dueTime,
    timeZone: task.timeZone,
    dueAt: task.dueAt && task.dueAt.toISOString(),
    projectId: task.projectId,
    labels: task.labels,
    repeat: task.repeatRule && task.repeatMode ? { rule: task.repeatRule, mode: task.repeatMode } : null,
    repeatOf: task.repeatOf,
    steps: task.steps,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}
