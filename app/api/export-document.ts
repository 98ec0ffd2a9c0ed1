// The export's two forms, written a page of tasks at a time: the JSON document (the API's own
// shapes with a format name and version, decision 103) and Tasklane's CSV. Also what an
// import of such a document checks before its tasks become a plan (import-plan.ts).
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { LABEL_COLOR_NAMES } from "~/labels/label-colors";
import type { Label } from "~/labels/label-schema";
import { commentBody } from "~/comments/comment-schema";
import { ReminderInputSchema } from "~/reminders/reminder-schema";
import { checkedTask, type ImportPlan, type PlannedComment, type PlannedReminder } from "~/tasks/transfer/import-plan";
import { TASKLANE_CSV_COLUMNS, tasklaneCsvRow } from "~/tasks/transfer/tasklane-csv";
import { type ExportScope, exportedComments, exportedReminders, exportedTasks } from "~/tasks/transfer/export.server";
import { REMINDER_SKIP_REASONS, REMINDERS_MAX } from "../../db/values";
import { CommentJsonSchema, commentJson } from "./comment-json";
import { ProjectJsonSchema, projectJson } from "./project-json";
import { LabelJsonSchema, ReminderJsonSchema, reminderJson, TaskJsonSchema, taskJson } from "./task-json";

export const EXPORT_FORMAT = "tasklane-export";
/**
 * Raised when a field's meaning changes. The optional arrays `reminders` and `comments` came
 * later and keep version 1: a reader that does not know them ignores them (decision 098).
 */
export const EXPORT_VERSION = 1;

const ExportedReminderJsonSchema = ReminderJsonSchema.extend({
  taskId: z.uuid().describe("The task (one of the document's) it reminds of"),
});

export const ExportDocumentSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.iso.datetime(),
  exportedBy: z
    .uuid()
    .optional()
    .describe("The person exported (a task's assigneeId equal to it is assigned to whoever imports the file)"),
  labels: z.array(LabelJsonSchema).describe("Every label of the person's, A to Z"),
  projects: z.array(ProjectJsonSchema).describe("The projects exported, in the person's order, archived ones last"),
  tasks: z.array(TaskJsonSchema).describe("Their tasks, oldest first; each names its project by projectId"),
  reminders: z
    .array(ExportedReminderJsonSchema)
    .optional()
    .describe("The reminders the person set on those tasks, each naming its taskId (absent in older exports)"),
  comments: z
    .array(CommentJsonSchema)
    .optional()
    .describe("The comments the person wrote on those tasks, oldest first (absent in older exports)"),
});

const encoder = new TextEncoder();

/** The JSON document as a stream: the head, then each task as it is read. */
export function exportJsonStream(scope: ExportScope, now = new Date()): ReadableStream<Uint8Array> {
  return streamOf(async function* () {
    const head = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: now.toISOString(),
      exportedBy: scope.userId,
    };
    yield `${JSON.stringify(head).slice(0, -1)},\n"labels":${JSON.stringify(scope.labels.map(labelJson))},\n`;
    yield `"projects":${JSON.stringify(scope.projects.map(projectJson))},\n"tasks":[`;
    let first = true;
    for await (const page of exportedTasks(scope)) {
      yield page.map((each) => `${first ? ((first = false), "\n") : ",\n"}${JSON.stringify(taskJson(each))}`).join("");
    }
    yield '\n],\n"reminders":[';
    first = true;
    for await (const page of exportedReminders(scope))
      yield page
        .map(
          (each) =>
            `${first ? ((first = false), "\n") : ",\n"}${JSON.stringify({ taskId: each.taskId, ...reminderJson(each) })}`,
        )
        .join("");
    yield '\n],\n"comments":[';
    first = true;
    for await (const page of exportedComments(scope))
      yield page
        .map((each) => `${first ? ((first = false), "\n") : ",\n"}${JSON.stringify(commentJson(each))}`)
        .join("");
    yield "\n]}\n";
  });
}

/** Tasklane's CSV as a stream: the header, then a row per task. */
export function exportCsvStream(scope: ExportScope): ReadableStream<Uint8Array> {
  const names = new Map(scope.projects.map((each) => [each.id, each.name]));
  return streamOf(async function* () {
    yield stringify([[...TASKLANE_CSV_COLUMNS]]);
    for await (const page of exportedTasks(scope))
      yield stringify(page.map((each) => tasklaneCsvRow(each, names.get(each.projectId) ?? "")));
  });
}

function streamOf(chunks: () => AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const iterator = chunks();
  // Pulled: the next page is read only when the client has taken the last one.
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
}

const labelJson = ({ id, name, color }: Label) => ({ id, name, color });

const instant = z.iso
  .datetime({ offset: true, error: "must be an RFC 3339 date and time" })
  .nullable()
  .optional()
  .transform((value) => (value ? new Date(value) : null));

// What an import needs of a document: the checks that keep its references straight. Each
// task's fields are then checked by the task schema itself.
const ImportedDocumentSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `format must be “${EXPORT_FORMAT}”: is this Tasklane's export?` }),
  version: z.literal(EXPORT_VERSION, { error: `version must be ${EXPORT_VERSION}` }),
  exportedBy: z.string().optional(),
  labels: z.array(z.object({ name: z.string(), color: z.enum(LABEL_COLOR_NAMES).optional() })).default([]),
  projects: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        color: z.enum(LABEL_COLOR_NAMES).optional(),
        favorite: z.boolean().optional(),
        archived: z.boolean().optional(),
        inbox: z.boolean().optional(),
      }),
    )
    .default([]),
  tasks: z.array(z.record(z.string(), z.unknown())),
  // Each recreated on its task, set or written by the importing person (decision 098).
  reminders: z
    .array(
      z.object({
        taskId: z.string(),
        before: z.string().optional(),
        at: z.string().optional(),
        sendAt: instant,
        sentAt: instant,
        status: z.enum(["pending", "sent", "skipped"]).default("pending"),
        skipReason: z.enum(REMINDER_SKIP_REASONS).nullable().default(null),
      }),
    )
    .default([]),
  comments: z
    .array(z.object({ taskId: z.string(), body: commentBody, createdAt: instant, editedAt: instant }))
    .default([]),
});

/** Adds a document's projects, labels and tasks to the plan, or its errors (by path, no line). */
export function readExportDocument(plan: ImportPlan, value: unknown) {
  const result = ImportedDocumentSchema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues.slice(0, 100))
      plan.errors.push({ line: null, message: `${issue.path.map(String).join(".") || "document"}: ${issue.message}` });
    return;
  }
  const document = result.data;
  const { reminders, comments } = remindersAndComments(plan, document);
  const projectNames = new Map(document.projects.map((each) => [each.id, each.name]));
  plan.projects.push(...document.projects);
  plan.labels.push(...document.labels);
  document.tasks.forEach((fields, index) => {
    const where = `tasks.${index}`;
    const project = typeof fields.projectId === "string" ? projectNames.get(fields.projectId) : undefined;
    if (project === undefined) {
      plan.errors.push({ line: null, message: `${where}.projectId: not one of the document's projects` });
      return;
    }
    const { title, description, completed, priority, category, dueDate, dueTime, timeZone, labels, steps, repeat } =
      fields;
    const input = checkedTask(
      plan,
      null,
      {
        title,
        description,
        completed,
        priority,
        category,
        dueDate,
        dueTime,
        timeZone: timeZone ?? undefined,
        labels,
        steps,
        repeat,
      },
      where,
    );
    const createdAt = typeof fields.createdAt === "string" ? new Date(fields.createdAt) : undefined;
    if (!input) return;
    const fileId = typeof fields.id === "string" ? fields.id : undefined;
    // Assigned to the person who exported: to the person importing. Anyone else is not in this account.
    const assignedToImporter = fields.assigneeId != null && fields.assigneeId === document.exportedBy;
    if (fields.assigneeId != null && !assignedToImporter)
      plan.notes.push({
        line: null,
        message: `${where}.assigneeId: assigned to someone other than the person exported; imported without an assignee`,
      });
    plan.tasks.push({
      line: null,
      input,
      project,
      createdAt: createdAt && !Number.isNaN(createdAt.getTime()) ? createdAt : undefined,
      fileId,
      repeatOf: typeof fields.repeatOf === "string" ? fields.repeatOf : null,
      comments: (fileId && comments.get(fileId)) || undefined,
      reminders: (fileId && reminders.get(fileId)) || undefined,
      ...(assignedToImporter && { assignedToImporter }),
    });
  });
}

/** The document's reminders and comments by the file's task id; a reference to no task of it is an error. */
function remindersAndComments(plan: ImportPlan, document: z.output<typeof ImportedDocumentSchema>) {
  const taskIds = new Set(document.tasks.map((fields) => fields.id).filter((id) => typeof id === "string"));
  const reminders = new Map<string, PlannedReminder[]>();
  const comments = new Map<string, PlannedComment[]>();
  document.reminders.forEach(({ taskId, before, at, status, sendAt, sentAt, skipReason }, index) => {
    const where = `reminders.${index}`;
    if (!taskIds.has(taskId))
      return plan.errors.push({ line: null, message: `${where}.taskId: not one of the document's tasks` });
    const rule = ReminderInputSchema.safeParse({ before, at });
    if (!rule.success) return plan.errors.push({ line: null, message: `${where}: ${rule.error.issues[0]!.message}` });
    const list = reminders.get(taskId) ?? [];
    if (list.length === REMINDERS_MAX)
      return plan.errors.push({ line: null, message: `${where}: a task has at most ${REMINDERS_MAX} reminders` });
    list.push({ input: rule.data, ...(status !== "pending" && { record: { status, sendAt, sentAt, skipReason } }) });
    reminders.set(taskId, list);
  });
  document.comments.forEach(({ taskId, body, createdAt, editedAt }, index) => {
    if (!taskIds.has(taskId))
      return plan.errors.push({ line: null, message: `comments.${index}.taskId: not one of the document's tasks` });
    comments.set(taskId, [...(comments.get(taskId) ?? []), { body, createdAt: createdAt ?? undefined, editedAt }]);
  });
  return { reminders, comments };
}
