// A project's members (decision 095): list them, add one (what an accepted invitation calls),
// change a role, remove one, leave, and hand the project over. Every statement finds the
// project through the actor's own membership (projectsAccessibleTo) in the statement itself;
// someone who may not see the project gets null ("not found"), a member whose role does not
// allow the change InsufficientRoleError.
import { and, asc, eq, ne, or, sql } from "drizzle-orm";
import { hasErrorCode, UNIQUE_VIOLATION } from "~/database-errors.server";
import { type Database, db } from "~/db.server";
import { qualified } from "~/db/sql";
import { isUuid } from "~/text-rules";
import { recordActivity } from "~/activity/record-activity.server";
import { followUnassignment } from "~/reminders/task-reminders.server";
import { project, projectMember, task, taskReminder, user } from "../../db/schema";
import type { AssignableRole, ProjectMember } from "./member-schema";
import { PROJECT_MEMBERS_MAX, PROJECT_ROLES } from "./member-schema";
import {
  InsufficientRoleError,
  type ProjectAccess,
  projectsAccessibleTo,
  roleGrants,
  roleIn,
} from "./project-access.server";
import { forgetSharedProjects, ProjectNameTakenError } from "./projects.server";

/** The person named is not a member of the project (or the id names nobody). */
export class MemberNotFoundError extends Error {
  constructor() {
    super("No such member");
  }
}

/** A refusal a member can do something about: the page shows it, the API answers 409. */
export class MembershipConflictError extends Error {}

const OWNER_HANDS_OVER = "The owner cannot leave or be removed: hand the project over to another member first";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Runs `work`, a change to the memberships of `members`, with the project locked (its
 * membership changes queue) once the actor's role grants `access`; null when they may not see
 * the project. Once it has ended, this process's kept hasSharedProjects answers for `members`
 * are forgotten (decision 135): their next list here reads their memberships again.
 */
async function withProject<T>(
  actorId: string,
  projectId: string,
  access: ProjectAccess,
  members: readonly string[],
  work: (tx: Transaction, found: { ownerId: string; inbox: boolean; name: string }) => Promise<T>,
): Promise<T | null> {
  if (!isUuid(projectId)) return null;
  try {
    return await db.transaction(async (tx) => {
      const [found] = await tx
        .select({ ownerId: project.userId, inbox: project.inbox, name: project.name, role: roleIn(actorId) })
        .from(project)
        .where(and(eq(project.id, projectId), projectsAccessibleTo(actorId, "see")))
        .for("update");
      if (!found) return null;
      if (!roleGrants(found.role, access)) throw new InsufficientRoleError(access);
      return work(tx, found);
    });
  } finally {
    for (const userId of members) forgetSharedProjects(userId);
  }
}

const memberColumns = {
  userId: projectMember.userId,
  name: user.name,
  email: user.email,
  role: projectMember.role,
  createdAt: projectMember.createdAt,
};

// The owner first, then by role (admins, editors, viewers), then by name.
const membersOrder = [
  sql`array_position(array[${sql.raw(
    [...PROJECT_ROLES]
      .reverse()
      .map((role) => `'${role}'`)
      .join(", "),
  )}]::text[], ${qualified(projectMember.role)})`,
  asc(sql`lower(${user.name})`),
  asc(projectMember.userId),
];

/** The project's members (any member may see them); null when the actor may not see the project. */
export async function listProjectMembers(actorId: string, projectId: string): Promise<ProjectMember[] | null> {
  if (!isUuid(projectId)) return null;
  const rows = await db
    .select(memberColumns)
    .from(projectMember)
    .innerJoin(user, eq(user.id, projectMember.userId))
    .where(
      and(
        eq(projectMember.projectId, projectId),
        // The actor's own membership, in the same statement: a non-member reads no row at all.
        sql`${qualified(projectMember.projectId)} in (select m.project_id from ${projectMember} m where m.user_id = ${actorId})`,
      ),
    )
    .orderBy(...membersOrder);
  return rows.length === 0 ? null : rows;
}

async function memberOf(tx: Transaction, projectId: string, userId: string): Promise<ProjectMember | null> {
  const [row] = await tx
    .select(memberColumns)
    .from(projectMember)
    .innerJoin(user, eq(user.id, projectMember.userId))
    .where(and(eq(projectMember.projectId, projectId), eq(projectMember.userId, userId)));
  return row ?? null;
}

/**
 * Makes `userId` a member with `role` (an admin's act: what an accepted invitation calls). A
 * member already keeps their membership and gets `role` unless they are the owner. Throws
 * MembershipConflictError for an Inbox or a project with PROJECT_MEMBERS_MAX members,
 * MemberNotFoundError when no such account exists; null when the actor may not see the project.
 */
export async function addProjectMember(
  actorId: string,
  projectId: string,
  userId: string,
  role: AssignableRole,
): Promise<ProjectMember | null> {
  if (!isUuid(userId)) throw new MemberNotFoundError();
  return withProject(actorId, projectId, "admin", [userId], async (tx, found) => {
    if (found.inbox) throw new MembershipConflictError("An Inbox is never shared");
    const existing = await memberOf(tx, projectId, userId);
    if (existing) {
      if (existing.role === "owner" || existing.role === role) return existing;
      await tx
        .update(projectMember)
        .set({ role })
        .where(and(eq(projectMember.projectId, projectId), eq(projectMember.userId, userId)));
      return memberOf(tx, projectId, userId);
    }
    const [{ count }] = (await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(projectMember)
      .where(eq(projectMember.projectId, projectId))) as [{ count: number }];
    if (count >= PROJECT_MEMBERS_MAX)
      throw new MembershipConflictError(`A project has at most ${PROJECT_MEMBERS_MAX} members`);
    const inserted = await tx
      .insert(projectMember)
      .select(
        tx
          .select({
            projectId: sql`${projectId}::uuid`.as("project_id"),
            userId: user.id,
            role: sql`${role}`.as("role"),
            createdAt: sql`clock_timestamp()`.as("created_at"),
          })
          .from(user)
          .where(eq(user.id, userId)),
      )
      .returning({ userId: projectMember.userId });
    if (inserted.length === 0) throw new MemberNotFoundError();
    await recordActivity(tx, [{ projectId, actorId: userId, kind: "member_joined", details: { role } }]);
    return memberOf(tx, projectId, userId);
  });
}

/**
 * Gives a member another role below owner (an admin's act); MemberNotFoundError when they are
 * not a member, MembershipConflictError for the owner; null when the actor may not see the project.
 */
export async function changeMemberRole(
  actorId: string,
  projectId: string,
  userId: string,
  role: AssignableRole,
): Promise<ProjectMember | null> {
  return withProject(actorId, projectId, "admin", [userId], async (tx) => {
    const target = isUuid(userId) ? await memberOf(tx, projectId, userId) : null;
    if (!target) throw new MemberNotFoundError();
    if (target.role === "owner")
      throw new MembershipConflictError("The owner's role changes only by handing the project over");
    await tx
      .update(projectMember)
      .set({ role })
      .where(and(eq(projectMember.projectId, projectId), eq(projectMember.userId, userId)));
    if (target.role !== role)
      await recordActivity(tx, [
        {
          projectId,
          actorId,
          kind: "member_role_changed",
          subjectUserId: userId,
          details: { from: target.role, to: role },
        },
      ]);
    return { ...target, role };
  });
}

/**
 * Removes a member (an admin's act), or the actor themself (leaving, any member but the owner).
 * Their tasks there are unassigned (the database's ON DELETE SET NULL). Answers who went;
 * null when the actor may not see the project.
 */
export async function removeProjectMember(
  actorId: string,
  projectId: string,
  userId: string,
): Promise<ProjectMember | null> {
  const leaving = userId === actorId;
  return withProject(actorId, projectId, leaving ? "see" : "admin", [userId], async (tx) => {
    const target = isUuid(userId) ? await memberOf(tx, projectId, userId) : null;
    if (!target) throw new MemberNotFoundError();
    if (target.role === "owner") throw new MembershipConflictError(OWNER_HANDS_OVER);
    // The tasks whose reminders may have been theirs: assigned to them, or reminding them.
    const theirs = await tx
      .selectDistinct({ id: task.id })
      .from(task)
      .leftJoin(taskReminder, eq(taskReminder.taskId, task.id))
      .where(and(eq(task.projectId, projectId), or(eq(task.assigneeId, userId), eq(taskReminder.setBy, userId))));
    await tx.delete(projectMember).where(and(eq(projectMember.projectId, projectId), eq(projectMember.userId, userId)));
    // Unassigned by the database (ON DELETE SET NULL): what they set for themselves goes, the
    // rest returns to its setters (decision 097).
    await followUnassignment(
      tx,
      userId,
      theirs.map((row) => row.id),
    );
    await recordActivity(tx, [
      leaving
        ? { projectId, actorId, kind: "member_left" }
        : { projectId, actorId, kind: "member_removed", subjectUserId: userId },
    ]);
    return target;
  });
}

/**
 * Hands the project to another member (the owner's act): they become its owner (project.user_id,
 * its tasks' owner with it), the old owner an admin. ProjectNameTakenError when the new owner
 * has a project of that name already; null when the actor may not see the project.
 */
export async function handOverProject(
  actorId: string,
  projectId: string,
  newOwnerId: string,
): Promise<ProjectMember | null> {
  return withProject(actorId, projectId, "own", [actorId, newOwnerId], async (tx, found) => {
    const target = isUuid(newOwnerId) && newOwnerId !== actorId ? await memberOf(tx, projectId, newOwnerId) : null;
    if (!target) throw new MemberNotFoundError();
    try {
      // Last in the new owner's order; their tasks follow through task_project_fk's ON UPDATE CASCADE.
      await tx
        .update(project)
        .set({
          userId: newOwnerId,
          position: sql`(select coalesce(max(p.position), 0) + 1 from ${project} p where p.user_id = ${newOwnerId})`,
          updatedAt: sql`clock_timestamp()`,
        })
        .where(eq(project.id, projectId));
    } catch (error) {
      if (hasErrorCode(error, UNIQUE_VIOLATION)) throw new ProjectNameTakenError(found.name);
      throw error;
    }
    await tx
      .update(projectMember)
      .set({ role: "admin" })
      .where(and(eq(projectMember.projectId, projectId), eq(projectMember.userId, actorId)));
    await tx
      .update(projectMember)
      .set({ role: "owner" })
      .where(and(eq(projectMember.projectId, projectId), eq(projectMember.userId, newOwnerId)));
    await recordActivity(tx, [
      {
        projectId,
        actorId,
        kind: "member_role_changed",
        subjectUserId: newOwnerId,
        details: { from: target.role, to: "owner" },
      },
    ]);
    return { ...target, role: "owner" as const };
  });
}

/** The shared projects a person owns, with how many other members each has (account deletion's page). */
export async function listOwnedSharedProjects(
  userId: string,
): Promise<{ id: string; name: string; otherMembers: number }[]> {
  const others = sql<number>`(select count(*) from ${projectMember} m where m.project_id = ${qualified(project.id)} and m.user_id <> ${userId})::int`;
  const rows = await db
    .select({ id: project.id, name: project.name, otherMembers: others })
    .from(project)
    .where(and(eq(project.userId, userId), ne(project.inbox, true)))
    .orderBy(asc(sql`lower(${project.name})`));
  return rows.filter((row) => row.otherMembers > 0);
}
