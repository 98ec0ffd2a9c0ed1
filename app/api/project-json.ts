// The JSON API's wire format for projects: the serializer and the schemas that describe it.
import { z } from "zod";
import { LABEL_COLOR_NAMES } from "~/labels/label-colors";
import { PROJECT_ROLES } from "~/projects/member-schema";
import type { Project } from "~/projects/project-schema";

export const ProjectJsonSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  color: z.enum(LABEL_COLOR_NAMES),
  position: z.int().describe("The user's order, ascending; the Inbox comes first whatever its position"),
  favorite: z.boolean(),
  archived: z.boolean(),
  inbox: z.boolean().describe("The Inbox: every account has one; it cannot be deleted or archived"),
  taskCount: z.int().describe("How many tasks it holds, done or not"),
  role: z
    .enum(PROJECT_ROLES)
    .describe("The caller's role in it: owner for their own (viewer < editor < admin < owner)"),
  memberCount: z.int().describe("How many members it has, the owner included (1: not shared)"),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ProjectJson = z.infer<typeof ProjectJsonSchema>;

export const ProjectListJsonSchema = z.object({
  projects: z.array(ProjectJsonSchema).describe("In the user's order: the Inbox, then by position"),
});

/** GET /api/projects: the unarchived projects, or with archived=true the archived ones. */
export const ProjectListRequestSchema = z.object({
  archived: z
    .enum(["true", "false"], { error: "archived must be true or false" })
    .default("false")
    .describe("true: the archived projects instead of the others"),
});

export function projectJson(project: Project): ProjectJson {
  return {
    id: project.id,
    name: project.name,
    color: project.color,
    position: project.position,
    favorite: project.favorite,
    archived: project.archived,
    inbox: project.inbox,
    taskCount: project.taskCount,
    role: project.role,
    memberCount: project.memberCount,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}
