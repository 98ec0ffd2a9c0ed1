// Which projects a person may see or change: the one home of that rule. Every statement that
// reads or writes projects, and every task statement that names a project, takes its
// condition from here, so letting others in (members with roles) changes this function only.
import { type Placeholder, type SQL, sql } from "drizzle-orm";
import { qualified } from "~/db/sql";
import { project } from "../../db/schema";

/** What a person does with a project: look at it and its tasks, or change it (or put tasks in it). */
export type ProjectAccess = "see" | "change";

/**
 * The condition on `project` rows that `person` may `access`: today, their own projects, for
 * either kind of access. Qualified columns, so it reads the same inside a task statement's subquery.
 */
export function projectsAccessibleTo(person: string | SQL | Placeholder, _access: ProjectAccess): SQL {
  return sql`${qualified(project.userId)} = ${person}`;
}

/**
 * The project a task written by `person` goes to, as one SQL value: `projectId` when they may
 * put tasks in it, else NULL (the task's NOT NULL column refuses it: "not found"); without a
 * `projectId` (NULL), their own Inbox (NULL when they have none yet).
 */
export function projectForTask(person: string | SQL | Placeholder, projectId: string | SQL | Placeholder | null): SQL {
  const [id, userId, inbox] = [project.id, project.userId, project.inbox].map(qualified);
  return sql`(case when ${projectId}::uuid is null
    then (select ${id} from ${project} where ${userId} = ${person} and ${inbox})
    else (select ${id} from ${project} where ${id} = ${projectId}::uuid and ${projectsAccessibleTo(person, "change")}) end)`;
}

/**
 * The condition on `project` rows that `person` owns: what their export holds ("everything
 * the person owns"), and the projects an import matches by name. Once projects are shared,
 * this stays the owner's alone while projectsAccessibleTo admits members too.
 */
export function projectsOwnedBy(person: string | SQL | Placeholder): SQL {
  return sql`${qualified(project.userId)} = ${person}`;
}
