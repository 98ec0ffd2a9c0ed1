// Quick add on the server: the typed text read (quick-add.ts), the #project looked up among
// the person's projects, and the task's fields checked by the same schema as every create.
// Labels are checked by the create itself: an unknown @label creates nothing.
import { z } from "zod";
import { db } from "~/db.server";
import { findLabels } from "~/labels/task-labels.server";
import { listProjectsForUser } from "~/projects/projects.server";
import { dayHeading, todayIn } from "./due-date";
import {
  literalQuickAdd,
  parseQuickAdd,
  type QuickAdd,
  type QuickAddPreview,
  type QuickAddPreviewPart,
} from "./quick-add";
import { describeRepeat } from "./repeat-rule";
import { type TaskInput, TaskInputSchema } from "./task-schema";
import { accountTimeZoneFor } from "./tasks.server";

export const QUICK_ADD_TEXT_MAX = 500;

/** `POST /api/tasks` with `text` and no `title`. */
export const QuickAddRequestSchema = z.strictObject({
  text: z
    .string({ error: "text must be the task as typed" })
    .trim()
    .min(1, "text must not be empty")
    .max(QUICK_ADD_TEXT_MAX, `text must be at most ${QUICK_ADD_TEXT_MAX} characters`),
  parse: z
    .boolean({ error: "parse must be true or false" })
    .default(true)
    .describe("false: the text is the title as typed, nothing read out of it"),
  projectId: z.uuid({ error: "projectId must be a project's id" }).optional(),
});

/** What the text names that the person does not have (a #project), or fields that do not fit. */
export class QuickAddError extends Error {
  constructor(
    readonly issues: { path: string; message: string }[],
    message = issues[0]!.message,
  ) {
    super(message);
  }
}

export interface QuickAddOptions {
  /** The person's zone; read from the account when not given. */
  timeZone?: string;
  now?: Date;
  /** Keep the text as typed ("don't parse"). */
  literal?: boolean;
  /** Where the task goes when the text names no #project. */
  projectId?: string;
}

/** The task `text` asks for, ready for createTaskForUser; throws QuickAddError. */
export async function quickAddInput(
  userId: string,
  text: string,
  { timeZone, now = new Date(), literal = false, projectId }: QuickAddOptions,
): Promise<{ input: TaskInput; parsed: QuickAdd }> {
  // The person's projects are read only when the text may name one (multi-word names are matched).
  const projects = !literal && text.includes("#") ? await listProjectsForUser(userId) : [];
  const parsed = literal
    ? literalQuickAdd(text)
    : parseQuickAdd(text, {
        now,
        timeZone: timeZone ?? (await accountTimeZoneFor(userId)),
        projects: projects.map((each) => each.name),
      });
  let chosenProject = projectId;
  if (parsed.project !== null) {
    const found = projectNamed(projects, parsed.project);
    if (!found) throw new QuickAddError([{ path: "project", message: `No project named “${parsed.project}”` }]);
    chosenProject = found.id;
  }
  const result = TaskInputSchema.safeParse({
    title: parsed.title,
    priority: parsed.priority ?? undefined,
    dueDate: parsed.dueDate,
    dueTime: parsed.dueTime,
    labels: parsed.labels,
    repeat: parsed.repeat,
    projectId: chosenProject,
  });
  if (!result.success)
    throw new QuickAddError(
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join(".") || "text",
        message: issue.message,
      })),
    );
  return { input: result.data, parsed };
}

/** The project `#name` names among the person's (ignoring case and the spaces around it). */
export function projectNamed<P extends { name: string }>(projects: readonly P[], name: string): P | undefined {
  const wanted = name.trim().toLowerCase();
  return projects.find((each) => each.name.trim().toLowerCase() === wanted);
}

/**
 * What quick add would make of `text` (the same parser and look-ups as the create), without
 * making anything: the new-task field's preview as the person types (decision 100).
 */
export async function previewQuickAdd(
  userId: string,
  text: string,
  { timeZone, now = new Date() }: { timeZone: string; now?: Date },
): Promise<QuickAddPreview> {
  const projects = text.includes("#") ? await listProjectsForUser(userId) : [];
  const parsed = parseQuickAdd(text, { now, timeZone, projects: projects.map((each) => each.name) });
  const labels = await findLabels(db, userId, parsed.labels);
  const when = parsed.dueDate ? dueWords(parsed.dueDate, parsed.dueTime, todayIn(timeZone, now)) : "";
  const parts = parsed.parts.map((part): QuickAddPreviewPart => {
    switch (part.kind) {
      case "date":
        return { ...part, meaning: `Due ${when}` };
      case "repeat":
        return { ...part, meaning: `${describeRepeat(parsed.repeat!)}, from ${when}` };
      case "priority":
        return { ...part, meaning: `${parsed.priority![0]!.toUpperCase()}${parsed.priority!.slice(1)} priority` };
      case "project": {
        const found = projectNamed(projects, parsed.project!);
        return found
          ? { ...part, meaning: `In ${found.name}` }
          : { ...part, meaning: `In ${parsed.project}`, problem: `No project named “${parsed.project}”` };
      }
      case "label": {
        const name = part.text.slice(1);
        const found =
          labels.get(name) ?? [...labels.values()].find((each) => each?.name.toLowerCase() === name.toLowerCase());
        return found
          ? { ...part, meaning: `Label ${found.name}` }
          : { ...part, meaning: `Label ${name}`, problem: `No label named “${name}”` };
      }
    }
  });
  return { text, title: parsed.title, parts };
}

/** "Tomorrow at 17:00", "Monday 7 December", "Friday 1 January 2027" (the year when not this one). */
function dueWords(date: string, time: string | null, today: string): string {
  const year = date.slice(0, 4) === today.slice(0, 4) ? "" : ` ${date.slice(0, 4)}`;
  const day = dayHeading(date, today);
  return `${day}${day === "Today" || day === "Tomorrow" ? "" : year}${time ? ` at ${time}` : ""}`;
}
