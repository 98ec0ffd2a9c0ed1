// What an import writes, whatever file it came from: the projects, labels and tasks, each task
// already checked by the schema every task write uses. import.server.ts writes a plan whole.
import type { z } from "zod";
import type { LabelColor } from "~/labels/label-colors";
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
}

export interface ImportPlan {
  projects: PlannedProject[];
  labels: { name: string; color?: LabelColor }[];
  tasks: PlannedTask[];
  errors: ImportError[];
}

/** An empty plan to fill. */
export function newPlan(): ImportPlan {
  return { projects: [], labels: [], tasks: [], errors: [] };
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
