// Who receives a task's reminders and whose digest a task is in: the one home of that rule
// (issue 31: "the assignee, else the person who set it").
import { type SQL, sql } from "drizzle-orm";
import { project, task } from "../../db/schema";

/**
 * The person a reminder is mailed to. Tasks have no assignee yet (sharing adds them): when
 * they do, this becomes `task.assigneeId ?? reminder.setBy`, and `digestTaskCondition` below
 * gains "or assigned to me"; nothing else changes.
 */
export function reminderRecipient(reminder: { setBy: string }, _task: { id: string }): string {
  return reminder.setBy;
}

/**
 * The tasks a person's digest lists, among those in projects they may see: in their own
 * projects, every task; in projects shared with them, those assigned to them (none until
 * tasks have assignees: then `or ${task.assigneeId} = ${person}`).
 */
export function digestTaskCondition(person: string): SQL {
  return sql`${project.userId} = ${person}`;
}

/** A task row is one of the digest's when its project is: the join the condition above reads. */
export const digestJoin = sql`${project.id} = ${task.projectId}`;
