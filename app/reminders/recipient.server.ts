// Who receives a task's reminders and whose digest a task is in: the one home of that rule
// (issue 31: "the assignee, else the person who set it").
import { type SQL, sql } from "drizzle-orm";
import { project, task } from "../../db/schema";

/**
 * The person a reminder is mailed to. The setter for now: when assigning tasks lands (the
 * column `task.assignee_id` exists, decision 095), this becomes `task.assigneeId ??
 * reminder.setBy` (the callers then select `assigneeId` with the task), assigning and
 * unassigning call `scheduleTaskReminders` (the recipient's reminder hour and zone change), and
 * `digestTaskCondition` below gains "or assigned to me".
 */
export function reminderRecipient(reminder: { setBy: string }, _task: { id: string }): string {
  return reminder.setBy;
}

/**
 * The tasks a person's digest lists, among those in projects they may see: in their own
 * projects, every task; in projects shared with them, those assigned to them (none until
 * assigning lands: then `or ${task.assigneeId} = ${person}`).
 */
export function digestTaskCondition(person: string): SQL {
  return sql`${project.userId} = ${person}`;
}

/** A task row is one of the digest's when its project is: the join the condition above reads. */
export const digestJoin = sql`${project.id} = ${task.projectId}`;
