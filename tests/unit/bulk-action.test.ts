// The table of bulk actions: the form read as the API's body, what each action changes, the rows
// as they will be while an action is pending, and what the page says once it is done.
import { describe, expect, it } from "vitest";
import {
  BULK_ACTION_NAMES,
  BULK_ACTIONS,
  BulkRequestSchema,
  bulkChangeOf,
  bulkDoneMessage,
} from "~/tasks/bulk/bulk-actions";
import { bulkRequestFromForm, withPendingBulkAction } from "~/tasks/bulk/bulk-form";
import type { TaskForPage } from "~/tasks/task-for-page";

const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

const everyValue: [string, string][] = [
  ["priority", "low"],
  ["category", "Home"],
  ["label", "Work"],
  ["projectId", "33333333-3333-4333-8333-333333333333"],
];

describe("bulkRequestFromForm", () => {
  it("reads the ticked ids, the pressed action and only that action's value", () => {
    for (const action of BULK_ACTION_NAMES) {
      const read = bulkRequestFromForm(form([["ids", A], ["ids", B], ["bulkAction", action], ...everyValue]));
      const { value } = BULK_ACTIONS[action];
      expect(read).toEqual({ ids: [A, B], action, ...(value && { [value]: Object.fromEntries(everyValue)[value] }) });
      expect(BulkRequestSchema.safeParse(read).success, action).toBe(true);
    }
  });

  it("takes the page's ids when 'all on this page' is ticked, and reads a query string the same way", () => {
    expect(
      bulkRequestFromForm(
        form([
          ["ids", A],
          ["scope", "page"],
          ["pageIds", `${A},${B}`],
          ["bulkAction", "complete"],
        ]),
      ),
    ).toEqual({
      ids: [A, B],
      action: "complete",
    });
    expect(bulkRequestFromForm(new URLSearchParams(`ids=${A}&bulkAction=delete`))).toEqual({
      ids: [A],
      action: "delete",
    });
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
    dueTime: null,
    timeZone: null,
    dueAt: null,
    completed: false,
    projectId: "00000000-0000-4000-8000-0000000000aa",
    assigneeId: null,
    labels: index === 0 ? ["Work"] : [],
    repeat: null,
    steps: null,
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
    expect(
      withPendingBulkAction(
        tasks,
        form([
          ["intent", "toggle"],
          ["taskId", A],
        ]),
      ),
    ).toBe(tasks);
  });
});

describe("BULK_ACTIONS", () => {
  it("says what each action changes, with the value it was sent", () => {
    const changeOf = (request: Record<string, unknown>) =>
      bulkChangeOf(BulkRequestSchema.parse({ ids: [A], ...request }));
    expect(changeOf({ action: "complete" })).toEqual({ kind: "columns", columns: { completed: true } });
    expect(changeOf({ action: "reopen" })).toEqual({ kind: "columns", columns: { completed: false } });
    expect(changeOf({ action: "set_priority", priority: "low" })).toEqual({
      kind: "columns",
      columns: { priority: "low" },
    });
    expect(changeOf({ action: "set_category", category: "" })).toEqual({
      kind: "columns",
      columns: { category: null },
    });
    expect(changeOf({ action: "add_label", label: "Work" })).toEqual({ kind: "add_label", label: "Work" });
    expect(changeOf({ action: "remove_label", label: "Work" })).toEqual({ kind: "remove_label", label: "Work" });
    expect(changeOf({ action: "delete" })).toEqual({ kind: "delete" });
  });

  it("says what was done, in the product's words", () => {
    expect(bulkDoneMessage("complete", 1)).toBe("1 task completed");
    expect(bulkDoneMessage("reopen", 3)).toBe("3 tasks reopened");
    expect(bulkDoneMessage("set_priority", 2, "high")).toBe("Priority set to high on 2 tasks");
    expect(bulkDoneMessage("set_category", 2, "Home")).toBe("Category set to “Home” on 2 tasks");
    expect(bulkDoneMessage("set_category", 2, null)).toBe("Category cleared on 2 tasks");
    expect(bulkDoneMessage("add_label", 1, "Work")).toBe("Label “Work” added to 1 task");
    expect(bulkDoneMessage("remove_label", 1, "Work")).toBe("Label “Work” removed from 1 task");
    expect(bulkDoneMessage("delete", 4)).toBe("4 tasks deleted");
  });
});
