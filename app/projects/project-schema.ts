// Project rules, shared by the project pages, the task form, the JSON API and the data module.
import { z } from "zod";
import { labelColor } from "~/labels/label-schema";
import { type LabelColor } from "~/labels/label-colors";
import { CONTROL } from "~/text-rules";
import type { ProjectRole } from "../../db/values";

export const PROJECT_NAME_MAX = 80;
export const INBOX_NAME = "Inbox";

/** A project as the pages and the API show it. */
export interface Project {
  id: string;
  name: string;
  color: LabelColor;
  /** The person's order, ascending (the Inbox first whatever its position). */
  position: number;
  favorite: boolean;
  archived: boolean;
  inbox: boolean;
  /** All its tasks, done or not. */
  taskCount: number;
  /** Its tasks not yet done: the navigation's count. */
  pendingCount: number;
  /** The reader's role in it (decision 095): `owner` for their own. */
  role: ProjectRole;
  /** How many members it has, the owner included (1: not shared). */
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** 1–80 characters after trimming, no control characters. Unique per person ignoring case (checked by the database). */
export const projectName = z
  .string({ error: "Project name is required" })
  .trim()
  .min(1, "Project name is required")
  .max(PROJECT_NAME_MAX, `Project name must be at most ${PROJECT_NAME_MAX} characters`)
  .refine((value) => !CONTROL.test(value), "Project name cannot contain control characters");

export const projectColor = labelColor;

/** A project named by a client: its id (anything else cannot name one). */
export const projectId = z.uuid({ error: "projectId must be a project's id" });

const favorite = z.boolean({ error: "favorite must be true or false" });
const archived = z.boolean({ error: "archived must be true or false" });
/** Where the project goes in the person's order: 1 is first after the Inbox. */
const position = z
  .int({ error: "position must be a whole number" })
  .min(1, "position must be at least 1")
  .max(100_000, "position must be at most 100000");

/** POST /api/projects and the "new project" form. Without a colour, the palette's next one. */
export const ProjectInputSchema = z.strictObject({
  name: projectName,
  color: projectColor.optional(),
  favorite: favorite.default(false),
});
export type ProjectInput = z.output<typeof ProjectInputSchema>;

/** PATCH /api/projects/{id}: only the fields given change. */
export const ProjectPatchSchema = z.strictObject({
  name: projectName.optional(),
  color: projectColor.optional(),
  favorite: favorite.optional(),
  archived: archived.optional(),
  position: position.optional(),
});
export type ProjectPatch = z.output<typeof ProjectPatchSchema>;

/** The project pages' create/edit form (Conform: empty fields arrive as undefined, a checkbox only when ticked). */
export const ProjectFormSchema = z.object({
  name: projectName,
  color: projectColor,
  favorite: z.boolean().default(false),
});
