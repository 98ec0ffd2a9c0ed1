// Many tasks at once: the actions, declared once. The JSON API's body, the list page's form,
// its buttons and the OpenAPI document all derive from BulkActionSchema and BULK_ACTION_VALUE.
import { z } from "zod";
import { labelName } from "~/labels/label-schema";
import { oneOf } from "~/text-rules";
import { category, priority } from "./task-schema";

/** At most this many tasks in one request. */
export const BULK_MAX = 500;

export const BULK_ACTIONS = ["complete", "reopen", "set_priority", "set_category", "add_label", "remove_label", "delete"] as const;
export const BulkActionSchema = z.enum(BULK_ACTIONS, { error: `action must be ${oneOf(BULK_ACTIONS)}` });
export type BulkAction = z.output<typeof BulkActionSchema>;

/** The one value each action needs besides the ids, if any. */
export const BULK_ACTION_VALUE = {
  complete: null,
  reopen: null,
  set_priority: "priority",
  set_category: "category",
  add_label: "label",
  remove_label: "label",
  delete: null,
} as const satisfies Record<BulkAction, "priority" | "category" | "label" | null>;

type BulkValueName = NonNullable<(typeof BULK_ACTION_VALUE)[BulkAction]>;
const VALUE_NAMES: readonly BulkValueName[] = ["priority", "category", "label"];
const actionsNeeding = (name: BulkValueName) => BULK_ACTIONS.filter((action) => BULK_ACTION_VALUE[action] === name);

/** POST /api/tasks/bulk, and the list page's form once read (bulkRequestFromForm). */
export const BulkRequestSchema = z
  .strictObject({
    ids: z
      .array(z.string({ error: "Each id must be a task id" }), { error: "ids must be a list of task ids" })
      .min(1, "ids must name at least one task")
      .max(BULK_MAX, `ids may name at most ${BULK_MAX} tasks`)
      .describe(`The tasks to change, at most ${BULK_MAX}; each must be the user's (one that is not fails the whole request with 404)`),
    action: BulkActionSchema,
    priority: priority.optional().describe("For set_priority: the new priority"),
    category: category.nullable().optional().describe('For set_category: the new category; null or "" for none'),
    label: labelName.optional().describe("For add_label and remove_label: one of the user's label names, ignoring case"),
  })
  .superRefine((request, context) => {
    const needed = BULK_ACTION_VALUE[request.action];
    for (const name of VALUE_NAMES) {
      if (name === needed && request[name] === undefined) {
        context.addIssue({ code: "custom", path: [name], message: `${request.action} needs ${name}` });
      } else if (name !== needed && request[name] !== undefined) {
        context.addIssue({ code: "custom", path: [name], message: `${name} is only for ${oneOf(actionsNeeding(name))}` });
      }
    }
  });
export type BulkRequest = z.output<typeof BulkRequestSchema>;

/** The list page's bulk form: its field names, shared by the form and the action that reads it. */
export const BULK_FORM = {
  id: "bulk-tasks",
  /** The row checkboxes (one name for all, tied to the form by their `form` attribute). */
  ids: "ids",
  /** "page" when "all on this page" is ticked: the ids are then the page's, listed in pageIds. */
  scope: "scope",
  pageIds: "pageIds",
  // Not "action": a control of that name would shadow the form element's own `action`.
  action: "bulkAction",
} as const;

/**
 * What the list page's bulk form sent (posted, or as a query to the no-JavaScript delete
 * confirmation), as BulkRequestSchema reads it: the ticked rows (or every row of the page),
 * the action of the button pressed, and only that action's value.
 */
export function bulkRequestFromForm(formData: Pick<URLSearchParams, "get" | "getAll"> | FormData): Record<string, unknown> {
  const ids =
    formData.get(BULK_FORM.scope) === "page"
      ? String(formData.get(BULK_FORM.pageIds) ?? "")
          .split(",")
          .filter(Boolean)
      : formData.getAll(BULK_FORM.ids).map(String);
  const action = String(formData.get(BULK_FORM.action) ?? "");
  const valueName = BULK_ACTION_VALUE[action as BulkAction] as BulkValueName | null | undefined;
  return { ids, action, ...(valueName && { [valueName]: String(formData.get(valueName) ?? "") }) };
}

/** "3 tasks completed": what the page says after a bulk action succeeded. */
export function bulkDoneMessage(action: BulkAction, count: number, value?: string | null): string {
  const tasks = count === 1 ? "1 task" : `${count} tasks`;
  switch (action) {
    case "complete":
      return `${tasks} completed`;
    case "reopen":
      return `${tasks} reopened`;
    case "set_priority":
      return `Priority set to ${value} on ${tasks}`;
    case "set_category":
      return value ? `Category set to “${value}” on ${tasks}` : `Category cleared on ${tasks}`;
    case "add_label":
      return `Label “${value}” added to ${tasks}`;
    case "remove_label":
      return `Label “${value}” removed from ${tasks}`;
    case "delete":
      return `${tasks} deleted`;
  }
}
