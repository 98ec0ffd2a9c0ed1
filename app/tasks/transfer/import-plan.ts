// What an import writes, whatever file it came from: the projects, labels and tasks, each task
// already checked by the schema every task write uses. import.server.ts writes a plan whole.
import type { z } from "zod";
import type { LabelColor } from "~/labels/label-colors";
import type { ReminderInput } from "~/reminders/reminder-schema";
import type { ReminderStatus } from "../../../db/values";
import { type TaskInput, TaskInputSchema } from "../task-schema";
import type { ImportError } from "./import-file";

export interface PlannedProject {
  name: string;
  color?: LabelColor;
  favorite?: boolean;
  archived?: boolean;
  /** The file's Inbox: its tasks go to the person's Inbox. */
  inbox?: boolean;
}

export interface PlannedTask {
  /** Where the task is in the file (null in JSON). */
  line: number | null;
  input: Omit<TaskInput, "projectId">;
  /** The name of the file's project it belongs to; null: the import's target. */
  project: string | null;
  /** Kept from an export; else now. */
  createdAt?: Date;
  /** The file's id for the task and for the task it repeats, so the link survives new ids. */
  fileId?: string;
  repeatOf?: string | null;
  /** Comments on it, written by the importing person (a Todoist note, or the export's comments they wrote). */
  comments?: PlannedComment[];
  /** Its reminders, set by the importing person. */
  reminders?: PlannedReminder[];
  /** Assigned to the importing person (Todoist's RESPONSIBLE naming them). */
  assignedToImporter?: boolean;
}

export interface PlannedComment {
  body: string;
  /** Kept from an export; else now. */
  createdAt?: Date;
  editedAt?: Date | null;
}

export interface PlannedReminder {
  input: ReminderInput;
  /** An export's sent or skipped reminder keeps that record while its time is the same; else it is scheduled anew. */
  record?: {
    status: Exclude<ReminderStatus, "pending">;
    sendAt: Date | null;
    sentAt: Date | null;
    skipReason: string | null;
  };
}

export interface ImportPlan {
  projects: PlannedProject[];
  labels: { name: string; color?: LabelColor }[];
  tasks: PlannedTask[];
  errors: ImportError[];
  /** What the import does differently from the file without refusing it (a row's RESPONSIBLE ignored). */
  notes: ImportError[];
}

/** An empty plan to fill. */
export function newPlan(): ImportPlan {
  return { projects: [], labels: [], tasks: [], errors: [], notes: [] };
}

/** Checks `fields` with the task schema: the task's input, or the plan's errors for its line. */
export function checkedTask(
  plan: ImportPlan,
  line: number | null,
  fields: Record<string, unknown>,
  where = "",
): z.output<typeof TaskInputSchema> | null {
  const result = TaskInputSchema.safeParse(fields);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".");
    plan.errors.push({
      line,
      message: `${where}${where && path ? `.${path}` : path}${where || path ? ": " : ""}${issue.message}`,
    });
  }
  return null;
}
