// Who receives a task's reminders and whose digest a task is in: the one home of that rule
// (issue 31: "the assignee, else the person who set it"; decision 097).
import { type SQL, sql } from "drizzle-orm";
import { project, task, taskReminder } from "../../db/schema";

/** The person a reminder is mailed to: the task's assignee, else the person who set it. */
export function reminderRecipient(reminder: { setBy: string }, task: { assigneeId: string | null }): string {
  return task.assigneeId ?? reminder.setBy;
}

/** The same rule in SQL, on a statement that joins `task_reminder` to its `task`. */
export function remindersMailedTo(person: string): SQL {
  return sql`coalesce(${task.assigneeId}, ${taskReminder.setBy}) = ${person}`;
}

/**
 * The tasks a person's digest lists, among those in projects they may see: in their own
 * projects, every task; in projects shared with them, those assigned to them.
 */
export function digestTaskCondition(person: string): SQL {
  return sql`(${project.userId} = ${person} or ${task.assigneeId} = ${person})`;
}
