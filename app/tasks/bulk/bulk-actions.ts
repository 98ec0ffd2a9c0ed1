// Many tasks at once: each action declared once, as data, in BULK_ACTIONS. The API's body (and
// so the OpenAPI document), the list page's buttons and form, what the server writes, what the
// rows show while the action is on its way and what the page says afterwards derive from it.
import { z } from "zod";
import { labelName } from "~/labels/label-schema";
import { projectId } from "~/projects/project-schema";
import { oneOf } from "~/text-rules";
import type { Priority } from "../priority";
import type { TaskForPage } from "../task-for-page";
import { category, priority } from "../task-schema";

/** At most this many tasks in one request. */
export const BULK_MAX = 500;

/** The values an action may need besides the ids: the body's field and the form's control of that name. */
interface BulkValues {
  priority: Priority;
  category: string | null;
  label: string;
  projectId: string;
}
export type BulkValueName = keyof BulkValues;
type ValueOf<Name> = Name extends BulkValueName ? BulkValues[Name] : undefined;

/** The columns an action may set (named as in TaskForPage and the task table). */
export type BulkColumns = Partial<Pick<TaskForPage, "completed" | "priority" | "category">>;

/**
 * What an action does to each task named. Each kind is carried out in one way for every action
 * of that kind, on the server (applyBulkAction) and on the page (withBulkChange): columns are
 * written only where a value differs (a task that has them all keeps its updated_at, its ETag),
 * a label is linked or unlinked, or the task is deleted.
 */
export type BulkChange =
  | { kind: "columns"; columns: BulkColumns }
  | { kind: "add_label"; label: string }
  | { kind: "remove_label"; label: string }
  | { kind: "move"; projectId: string }
  | { kind: "delete" };

interface BulkActionDefinition<Value extends BulkValueName | null> {
  /** The one value the action needs besides the ids, if any. */
  value: Value;
  /** The list page's button. */
  button: string;
  change(value: ValueOf<Value>): BulkChange;
  /** What the page says once it is done; `tasks` is "1 task" or "3 tasks". */
  done(tasks: string, value: ValueOf<Value>): string;
}

// Types each entry's `value` argument from its value name.
const action = <Value extends BulkValueName | null>(definition: BulkActionDefinition<Value>) => definition;

/** The actions, in the order the page shows them (actions that need the same value side by side). */
export const BULK_ACTIONS = {
  complete: action({
    value: null,
    button: "Complete",
    change: () => ({ kind: "columns", columns: { completed: true } }),
    done: (tasks) => `${tasks} completed`,
  }),
  reopen: action({
    value: null,
    button: "Reopen",
    change: () => ({ kind: "columns", columns: { completed: false } }),
    done: (tasks) => `${tasks} reopened`,
  }),
  set_priority: action({
    value: "priority",
    button: "Set priority",
    change: (priority) => ({ kind: "columns", columns: { priority } }),
    done: (tasks, priority) => `Priority set to ${priority} on ${tasks}`,
  }),
  set_category: action({
    value: "category",
    button: "Set category",
    change: (category) => ({ kind: "columns", columns: { category } }),
    done: (tasks, category) =>
      category ? `Category set to “${category}” on ${tasks}` : `Category cleared on ${tasks}`,
  }),
  add_label: action({
    value: "label",
    button: "Add label",
    change: (label) => ({ kind: "add_label", label }),
    done: (tasks, label) => `Label “${label}” added to ${tasks}`,
  }),
  remove_label: action({
    value: "label",
    button: "Remove label",
    change: (label) => ({ kind: "remove_label", label }),
    done: (tasks, label) => `Label “${label}” removed from ${tasks}`,
  }),
  move: action({
    value: "projectId",
    button: "Move",
    change: (projectId) => ({ kind: "move", projectId }),
    done: (tasks) => `${tasks} moved`,
  }),
  delete: action({
    value: null,
    button: "Delete…",
    change: () => ({ kind: "delete" }),
    done: (tasks) => `${tasks} deleted`,
  }),
};

export type BulkAction = keyof typeof BULK_ACTIONS;
export const BULK_ACTION_NAMES = Object.keys(BULK_ACTIONS) as [BulkAction, ...BulkAction[]];
export const BulkActionSchema = z.enum(BULK_ACTION_NAMES, { error: `action must be ${oneOf(BULK_ACTION_NAMES)}` });

// One entry, whichever: its value's type is then the union of them all (checked by BulkRequestSchema).
const definitionOf = (name: BulkAction) => BULK_ACTIONS[name] as BulkActionDefinition<BulkValueName | null>;

const VALUE_NAMES: readonly BulkValueName[] = ["priority", "category", "label", "projectId"];
const actionsNeeding = (name: BulkValueName) =>
  BULK_ACTION_NAMES.filter((action) => BULK_ACTIONS[action].value === name);

/** POST /api/tasks/bulk, and the list page's form once read (bulkRequestFromForm). */
export const BulkRequestSchema = z
  .strictObject({
    ids: z
      .array(z.string({ error: "Each id must be a task id" }), { error: "ids must be a list of task ids" })
      .min(1, "ids must name at least one task")
      .max(BULK_MAX, `ids may name at most ${BULK_MAX} tasks`)
      .describe(
        `The tasks to change, at most ${BULK_MAX}; each must be the user's (one that is not fails the whole request with 404)`,
      ),
    action: BulkActionSchema,
    priority: priority.optional().describe("For set_priority: the new priority"),
    category: category.nullable().optional().describe('For set_category: the new category; null or "" for none'),
    label: labelName
      .optional()
      .describe("For add_label and remove_label: one of the user's label names, ignoring case"),
    projectId: projectId
      .optional()
      .describe("For move: the id of the user's project the tasks move to (another person's is a 404)"),
  })
  .superRefine((request, context) => {
    const needed = BULK_ACTIONS[request.action].value;
    for (const name of VALUE_NAMES) {
      if (name === needed && request[name] === undefined) {
        context.addIssue({ code: "custom", path: [name], message: `${request.action} needs ${name}` });
      } else if (name !== needed && request[name] !== undefined) {
        context.addIssue({
          code: "custom",
          path: [name],
          message: `${name} is only for ${oneOf(actionsNeeding(name))}`,
        });
      }
    }
  });
export type BulkRequest = z.output<typeof BulkRequestSchema>;

/** What the request's action does, with the value it was sent. */
export function bulkChangeOf(request: BulkRequest): BulkChange {
  const definition = definitionOf(request.action);
  return definition.change(definition.value === null ? undefined : request[definition.value]);
}

/** A task as it will be once the change is stored; null once deleted. Label names match ignoring case. */
export function withBulkChange(task: TaskForPage, change: BulkChange): TaskForPage | null {
  const named = (label: string) => (name: string) => name.toLowerCase() === label.toLowerCase();
  switch (change.kind) {
    case "columns":
      return { ...task, ...change.columns };
    case "add_label":
      return task.labels.some(named(change.label)) ? task : { ...task, labels: [...task.labels, change.label] };
    case "remove_label":
      return { ...task, labels: task.labels.filter((name) => !named(change.label)(name)) };
    case "move":
      return { ...task, projectId: change.projectId };
    case "delete":
      return null;
  }
}

/** "3 tasks completed": what the page says after a bulk action succeeded. */
export function bulkDoneMessage(action: BulkAction, count: number, value?: string | null): string {
  const definition = definitionOf(action);
  return definition.done(count === 1 ? "1 task" : `${count} tasks`, definition.value === null ? undefined : value);
}
