// The JSON API's wire format for project members: the serializer and the schemas that describe it.
import { z } from "zod";
import { PROJECT_ROLES, type ProjectMember } from "~/projects/member-schema";

export const MemberJsonSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string().describe("Shown to the project's other members"),
  role: z.enum(PROJECT_ROLES).describe("viewer < editor < admin < owner, each including the one before"),
  joinedAt: z.iso.datetime(),
});
export type MemberJson = z.infer<typeof MemberJsonSchema>;

export const MemberListJsonSchema = z.object({
  members: z.array(MemberJsonSchema).describe("The owner first, then admins, editors and viewers, each A to Z"),
});

export function memberJson(member: ProjectMember): MemberJson {
  return {
    userId: member.userId,
    name: member.name,
    email: member.email,
    role: member.role,
    joinedAt: member.createdAt.toISOString(),
  };
}
