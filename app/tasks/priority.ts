// What the app adds to the priorities (declared once in db/values.ts with the table's column
// and check): the Zod schema, the sort rank (SQL and cursors), the badge and the select
// options all derive from that list.
import { type Priority, PRIORITIES } from "../../db/values";

export { type Priority, PRIORITIES };

export const PRIORITY_LABELS: Record<Priority, string> = { low: "Low", medium: "Medium", high: "High" };

/** 1 for low up to 3 for high: what the list sorts by and what a priority cursor carries. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority) + 1;
}

/** Most important first, as the select lists them. */
export const PRIORITY_OPTIONS = PRIORITIES.map((value) => ({ value, label: PRIORITY_LABELS[value] })).reverse();
