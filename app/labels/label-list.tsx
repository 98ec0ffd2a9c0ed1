import { Form } from "react-router";
import { buttonClass } from "~/ui/button";
import { inputClass, labelClass } from "~/ui/field";
import { cx } from "~/ui/cx";
import { LabelBadge } from "./label-badge";
import { LABEL_COLOR_NAMES } from "./label-colors";
import { type Label, LABEL_NAME_MAX } from "./label-schema";

/** The colours as a select offers them: "Red", "Blue"… */
export function ColorOptions() {
  return LABEL_COLOR_NAMES.map((color) => (
    <option key={color} value={color}>
      {color[0]!.toUpperCase() + color.slice(1)}
    </option>
  ));
}

/**
 * Every label with its own rename/recolour form and delete button. Plain forms posting to
 * the label's routes: the same with and without JavaScript, the outcome shown as a toast.
 */
export function LabelList({ labels }: { labels: readonly Label[] }) {
  if (labels.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-300">No labels yet. Add one above, or from a task's form.</p>
    );
  }
  return (
    <ul
      aria-label="Your labels"
      className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:divide-slate-800 dark:bg-slate-900 dark:ring-slate-800"
    >
      {labels.map((label) => (
        <li key={label.id} className="space-y-3 px-4 py-3" data-testid="label-row">
          <LabelBadge name={label.name} color={label.color} />
          <div className="flex flex-wrap items-end gap-3">
            {/* Keyed by the stored values: after a save, the fields show what was stored. */}
            <Form
              method="post"
              action={`/labels/${label.id}`}
              className="flex flex-wrap items-end gap-3"
              key={`${label.name}-${label.color}`}
            >
              <div>
                <label htmlFor={`label-name-${label.id}`} className={labelClass}>
                  Name
                </label>
                <input
                  id={`label-name-${label.id}`}
                  name="name"
                  defaultValue={label.name}
                  required
                  maxLength={LABEL_NAME_MAX}
                  autoComplete="off"
                  className={cx(inputClass, "mt-1.5 w-44")}
                />
              </div>
              <div>
                <label htmlFor={`label-color-${label.id}`} className={labelClass}>
                  Colour
                </label>
                <select
                  id={`label-color-${label.id}`}
                  name="color"
                  defaultValue={label.color}
                  className={cx(inputClass, "mt-1.5 w-32")}
                >
                  <ColorOptions />
                </select>
              </div>
              <button type="submit" className={buttonClass("secondary")} aria-label={`Save “${label.name}”`}>
                Save
              </button>
            </Form>
            <Form method="post" action={`/labels/${label.id}/delete`}>
              <button
                type="submit"
                className={buttonClass("ghost", "text-red-700 dark:text-red-300")}
                aria-label={`Delete “${label.name}”`}
              >
                Delete
              </button>
            </Form>
          </div>
        </li>
      ))}
    </ul>
  );
}
