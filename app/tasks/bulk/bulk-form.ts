// The list page's bulk form: its field names, how a post (or the no-JavaScript delete
// confirmation's query) reads as the API's body, and the rows while a post is on its way.
import type { TaskForPage } from "../task-for-page";
import { BULK_ACTIONS, type BulkAction, BulkRequestSchema, bulkChangeOf, withBulkChange } from "./bulk-actions";

/** The field names, shared by the form and the action that reads it. */
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
export function bulkRequestFromForm(
  formData: Pick<URLSearchParams, "get" | "getAll"> | FormData,
): Record<string, unknown> {
  const ids =
    formData.get(BULK_FORM.scope) === "page"
      ? String(formData.get(BULK_FORM.pageIds) ?? "")
          .split(",")
          .filter(Boolean)
      : formData.getAll(BULK_FORM.ids).map(String);
  const action = String(formData.get(BULK_FORM.action) ?? "");
  const valueName = Object.hasOwn(BULK_ACTIONS, action) ? BULK_ACTIONS[action as BulkAction].value : null;
  return { ids, action, ...(valueName && { [valueName]: String(formData.get(valueName) ?? "") }) };
}

/**
 * The tasks as they will be once the pending bulk action is stored: what the list shows
 * while it is in flight. When the server refuses, the fetcher's form data is gone and the
 * rows show the loader's tasks again.
 */
export function withPendingBulkAction(tasks: TaskForPage[], formData: FormData | undefined): TaskForPage[] {
  if (!formData || formData.get("intent") !== "bulk") return tasks;
  const parsed = BulkRequestSchema.safeParse(bulkRequestFromForm(formData));
  if (!parsed.success) return tasks;
  const ids = new Set(parsed.data.ids.map((id) => id.toLowerCase()));
  const change = bulkChangeOf(parsed.data);
  return tasks.flatMap((task) => (ids.has(task.id) ? (withBulkChange(task, change) ?? []) : [task]));
}
