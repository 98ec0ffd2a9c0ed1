// The bulk form read as the API's body, and the rows as they will be while an action is pending.
import { describe, expect, it } from "vitest";
import { BULK_ACTIONS, BULK_ACTION_VALUE, BulkRequestSchema, bulkRequestFromForm } from "~/tasks/bulk-action";
import { withPendingBulkAction } from "~/tasks/bulk-actions";
import type { TaskForPage } from "~/tasks/task-for-page";

const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

const everyValue: [string, string][] = [["priority", "low"], ["category", "Home"], ["label", "Work"]];

describe("bulkRequestFromForm", () => {
  it("reads the ticked ids, the pressed action and only that action's value", () => {
    for (const action of BULK_ACTIONS) {
      const read = bulkRequestFromForm(form([["ids", A], ["ids", B], ["bulkAction", action], ...everyValue]));
      const value = BULK_ACTION_VALUE[action];
      expect(read).toEqual({ ids: [A, B], action, ...(value && { [value]: Object.fromEntries(everyValue)[value] }) });
      expect(BulkRequestSchema.safeParse(read).success, action).toBe(true);
    }
  });

  it("takes the page's ids when 'all on this page' is ticked, and reads a query string the same way", () => {
    expect(bulkRequestFromForm(form([["ids", A], ["scope", "page"], ["pageIds", `${A},${B}`], ["bulkAction", "complete"]]))).toEqual({
      ids: [A, B],
      action: "complete",
    });
    expect(bulkRequestFromForm(new URLSearchParams(`ids=${A}&bulkAction=delete`))).toEqual({ ids: [A], action: "delete" });
  });
});

describe("withPendingBulkAction", () => {
  const tasks: TaskForPage[] = [A, B].map((id, index) => ({
    id,
    title: `Task ${index}`,
    description: "",
    priority: "medium",
    category: null,
    dueDate: null,
    completed: false,
    labels: index === 0 ? ["Work"] : [],
  }));
  const pending = (action: string, extra: [string, string][] = []) =>
    withPendingBulkAction(tasks, form([["intent", "bulk"], ["ids", A], ["bulkAction", action], ...extra]));

  it("shows each action's outcome on the ticked rows only", () => {
    expect(pending("complete").map((task) => task.completed)).toEqual([true, false]);
    expect(pending("set_priority", [["priority", "high"]]).map((task) => task.priority)).toEqual(["high", "medium"]);
    expect(pending("set_category", [["category", ""]])[0]!.category).toBeNull();
    expect(pending("add_label", [["label", "work"]])[0]!.labels).toEqual(["Work"]);
    expect(pending("remove_label", [["label", "WORK"]])[0]!.labels).toEqual([]);
    expect(pending("delete").map((task) => task.id)).toEqual([B]);
  });

  it("shows the tasks as loaded when nothing is pending or the form would be refused", () => {
    expect(withPendingBulkAction(tasks, undefined)).toBe(tasks);
    expect(pending("archive")).toBe(tasks);
    expect(withPendingBulkAction(tasks, form([["intent", "toggle"], ["taskId", A]]))).toBe(tasks);
  });
});
