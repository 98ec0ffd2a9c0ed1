// Which projects a person may see or change, and how far: the one home of that rule
// (decisions 081, 095). Every statement that reads or writes projects, and every task statement
// that names a project, takes its condition from here, keyed on the person's membership
// (project_member) in the statement itself: nothing is read first and checked after, and
// nothing is cached, so a removed member's next request finds nothing.
import { type Placeholder, type SQL, sql } from "drizzle-orm";
import { qualified } from "~/db/sql";
import { PROJECT_ROLES, type ProjectRole } from "../../db/values";
import { project, projectMember, task } from "../../db/schema";

/**
 * What a person does with a project, each level including the one before:
 * - `see`: look at it, its tasks and steps (and comment): viewer and up;
 * - `edit`: create, change, complete, move and delete its tasks and steps, assign them: editor and up;
 * - `admin`: its members (below owner) and its settings (name, colour, archive): admin and up;
 * - `own`: delete it, hand it over: the owner alone.
 */
export type ProjectAccess = "see" | "edit" | "admin" | "own";

/** The least role that grants each kind of access. */
export const LEAST_ROLE: Record<ProjectAccess, ProjectRole> = {
  see: "viewer",
  edit: "editor",
  admin: "admin",
  own: "owner",
};

/** The roles that grant `access`: the least one and those above it. */
export function rolesGranting(access: ProjectAccess): readonly ProjectRole[] {
  return PROJECT_ROLES.slice(PROJECT_ROLES.indexOf(LEAST_ROLE[access]));
}

/** Whether `role` grants `access` (for answers that already hold the role, e.g. 403 or 404). */
export function roleGrants(role: ProjectRole | null | undefined, access: ProjectAccess): boolean {
  return role != null && rolesGranting(access).includes(role);
}

type Person = string | SQL | Placeholder;

/**
 * The person may see the project (or task) but their role does not allow this: 403
 * `insufficient_role` in the API, a message in the browser. Never raised to someone who may
 * not see it (they get "not found").
 */
export class InsufficientRoleError extends Error {
  constructor(readonly needed: ProjectAccess = "edit") {
    super(
      needed === "edit"
        ? "You can view this project but not change it: ask an admin to make you an editor"
        : needed === "admin"
          ? "Only the project's admins can do that"
          : "Only the project's owner can do that",
    );
  }
}

const [memberProjectId, memberUserId, memberRole, projectId] = [
  projectMember.projectId,
  projectMember.userId,
  projectMember.role,
  project.id,
].map(qualified);

const roleCondition = (access: ProjectAccess): SQL =>
  access === "see"
    ? sql`true`
    : sql`${memberRole} in (${sql.raw(
        rolesGranting(access)
          .map((role) => `'${role}'`)
          .join(", "),
      )})`;

/**
 * The ids of the projects `person` may `access`, as a subquery (`project_id in (…)`): one probe
 * of project_member's (user_id, project_id) index. What task statements scope by.
 */
export function projectIdsAccessibleTo(person: Person, access: ProjectAccess): SQL {
  return sql`(select ${memberProjectId} from ${projectMember} where ${memberUserId} = ${person} and ${roleCondition(access)})`;
}

/**
 * The condition on `project` rows that `person` may `access`: they are a member with a role
 * that grants it. Qualified columns, so it reads the same inside a task statement's subquery.
 */
export function projectsAccessibleTo(person: Person, access: ProjectAccess): SQL {
  return sql`${projectId} in ${projectIdsAccessibleTo(person, access)}`;
}

/**
 * The condition on `task` rows that `person` may `access`: tasks of a project where their role
 * grants it. Their own projects' tasks are found through task.user_id (the project's owner,
 * decision 095: the owner's index, as before sharing), the others' through the ids of the
 * projects shared with them (an InitPlan: read once per statement, then an index probe per id).
 */
export function tasksAccessibleTo(person: Person, access: ProjectAccess, { shared = true } = {}): SQL {
  const [taskUserId, taskProjectId] = [task.userId, task.projectId].map(qualified);
  // `shared: false` for someone who is no other project's member (hasSharedProjects): their
  // own tasks alone, a condition the owner's index reads in the list's order.
  if (access === "own" || !shared) return sql`${taskUserId} = ${person}`;
  return sql`(${taskUserId} = ${person} or ${taskProjectId} = any(${sharedProjectIds(person, access)}))`;
}

/**
 * The ids of others' projects where `person` is a member whose role grants `access`, as an SQL
 * array: their tasks are the ones tasksAccessibleTo adds to the person's own (task.user_id is
 * each project's owner, never the member).
 */
export function sharedProjectIds(person: Person, access: Exclude<ProjectAccess, "own">): SQL {
  return sql`array(select ${memberProjectId} from ${projectMember} where ${memberUserId} = ${person} and ${memberRole} in (${sql.raw(
    rolesGranting(access)
      .filter((role) => role !== "owner")
      .map((role) => `'${role}'`)
      .join(", "),
  )}))`;
}

/** The people who share a project with `person` (them included), as a subquery: whose labels they see. */
export function peopleSharingWith(person: Person): SQL {
  return sql`(select others.user_id from ${projectMember} mine join ${projectMember} others on others.project_id = mine.project_id where mine.user_id = ${person})`;
}

/** `person`'s role in the `project` row at hand (NULL: none), as one SQL value. */
export function roleIn(person: Person): SQL<ProjectRole | null> {
  return sql<ProjectRole | null>`(select ${memberRole} from ${projectMember} where ${memberProjectId} = ${projectId} and ${memberUserId} = ${person})`;
}

/**
 * The project a task written by `person` goes to, as one SQL value: `projectId` when they may
 * put tasks in it (editor and up), else NULL (the task's NOT NULL column refuses it: "not
 * found"); without a `projectId` (NULL), their own Inbox (NULL when they have none yet).
 */
export function projectForTask(person: Person, projectId: string | SQL | Placeholder | null): SQL {
  const [id, userId, inbox] = [project.id, project.userId, project.inbox].map(qualified);
  return sql`(case when ${projectId}::uuid is null
    then (select ${id} from ${project} where ${userId} = ${person} and ${inbox})
    else (select ${id} from ${project} where ${id} = ${projectId}::uuid and ${projectsAccessibleTo(person, "edit")}) end)`;
}

/**
 * The owner of the project a task written by `person` goes to (task.user_id, decision 095),
 * as one SQL value; NULL where projectForTask is NULL.
 */
export function ownerForTask(person: Person, projectId: string | SQL | Placeholder | null): SQL {
  const [id, userId] = [project.id, project.userId].map(qualified);
  return sql`(select ${userId} from ${project} where ${id} = ${projectForTask(person, projectId)})`;
}

/**
 * The condition on `project` rows that `person` owns: what their export holds ("everything
 * the person owns", not the projects shared with them), and the projects an import matches by name.
 */
export function projectsOwnedBy(person: Person): SQL {
  return projectsAccessibleTo(person, "own");
}
