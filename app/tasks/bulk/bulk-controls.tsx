import type { Label } from "~/labels/label-schema";
import { buttonClass } from "~/ui/button";
import { cx } from "~/ui/cx";
import { inputClass } from "~/ui/field";
import { PRIORITY_OPTIONS } from "../priority";
import { BULK_ACTION_NAMES, BULK_ACTIONS, type BulkAction, type BulkValueName } from "./bulk-actions";
import { BULK_FORM } from "./bulk-form";

const smallButton = (variant: "secondary" | "danger" = "secondary") => buttonClass(variant, "px-2.5 py-1.5");
const smallField = cx(inputClass, "w-auto py-1.5");

/** The actions side by side that need the same value (or none), in the table's order; Delete comes last, on its own. */
const GROUPS = BULK_ACTION_NAMES.filter((action) => action !== "delete").reduce<
  { value: BulkValueName | null; actions: BulkAction[] }[]
>((groups, action) => {
  const { value } = BULK_ACTIONS[action];
  const last = groups.at(-1);
  if (last?.value === value) last.actions.push(action);
  else groups.push({ value, actions: [action] });
  return groups;
}, []);

/**
 * The actions, each a submit button naming its action; the value an action needs sits before
 * its buttons. Every control names the form, so the bar can stand outside it.
 */
export function BulkControls({
  labels,
  categories,
  projects = [],
  busy,
  onDelete,
}: {
  labels: readonly Label[];
  categories: string[];
  /** Where "Move" may send the tasks (none: no Move). */
  projects?: readonly { id: string; name: string }[];
  busy: boolean;
  /** With JavaScript: opens the confirmation dialog. Without: Delete opens the confirmation page. */
  onDelete?: () => void;
}) {
  const form = BULK_FORM.id;
  const action = (value: BulkAction) => ({
    type: "submit" as const,
    form,
    name: BULK_FORM.action,
    value,
    disabled: busy,
  });
  // The control of each value; none for labels while the person has none (nothing to add or remove).
  const fields: Record<BulkValueName, React.ReactNode> = {
    priority: (
      <select
        form={form}
        name="priority"
        aria-label="Priority for the selected tasks"
        defaultValue="high"
        className={smallField}
      >
        {PRIORITY_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    ),
    category: (
      <>
        <input
          form={form}
          name="category"
          aria-label="Category for the selected tasks (empty for none)"
          placeholder="Category"
          list="bulk-categories"
          className={cx(smallField, "w-32")}
        />
        <datalist id="bulk-categories">
          {categories.map((category) => (
            <option key={category} value={category} />
          ))}
        </datalist>
      </>
    ),
    label:
      labels.length > 0 ? (
        <select form={form} name="label" aria-label="Label for the selected tasks" className={smallField}>
          {labels.map((label) => (
            <option key={label.id} value={label.name}>
              {label.name}
            </option>
          ))}
        </select>
      ) : null,
    projectId:
      projects.length > 0 ? (
        <select form={form} name="projectId" aria-label="Project for the selected tasks" className={smallField}>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </select>
      ) : null,
  };
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      {GROUPS.map(({ value, actions }) =>
        value && !fields[value] ? null : (
          <div key={actions.join()} className="flex items-center gap-2">
            {value && fields[value]}
            {actions.map((name) => (
              <button key={name} {...action(name)} className={smallButton()}>
                {BULK_ACTIONS[name].button}
              </button>
            ))}
          </div>
        ),
      )}
      {onDelete ? (
        <button type="button" className={smallButton("danger")} disabled={busy} onClick={onDelete}>
          {BULK_ACTIONS.delete.button}
        </button>
      ) : (
        // Without JavaScript: a GET to the confirmation page, carrying the selection.
        <button
          {...action("delete")}
          formMethod="get"
          formAction="/tasks/delete-selected"
          className={smallButton("danger")}
        >
          {BULK_ACTIONS.delete.button}
        </button>
      )}
    </div>
  );
}
