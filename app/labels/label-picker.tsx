import type { FieldMetadata } from "@conform-to/react";
import { Link } from "react-router";
import { FieldErrors, inputClass, labelClass } from "~/ui/field";
import { cx } from "~/ui/cx";
import { LabelBadge } from "./label-badge";
import { type Label, LABEL_NAME_MAX } from "./label-schema";

/**
 * Choosing a task's labels: a checkbox per label, and a field that creates one more when the
 * task is saved. Plain controls: the same with and without JavaScript.
 */
export function LabelPicker({
  labels,
  chosen,
  newLabel,
}: {
  labels: readonly Label[];
  chosen: FieldMetadata<string[]>;
  newLabel: FieldMetadata<string | undefined>;
}) {
  const initial = chosen.initialValue;
  const checked = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  const hintId = `${newLabel.id}-hint`;
  return (
    <fieldset className="sm:col-span-3" aria-describedby={chosen.errors?.length ? chosen.errorId : undefined}>
      <legend className={labelClass}>Labels</legend>
      {labels.length > 0 ? (
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-2" data-testid="label-picker">
          {labels.map((label) => {
            const id = `${chosen.id}-${label.id}`;
            return (
              <li key={label.id} className="flex min-w-0 items-center gap-2">
                <input
                  type="checkbox"
                  id={id}
                  name={chosen.name}
                  value={label.name}
                  // Keyed by the initial choice: a reset form (after a create) shows it again.
                  key={`${chosen.key}-${checked.has(label.name)}`}
                  defaultChecked={checked.has(label.name)}
                  className="size-4 shrink-0 rounded border-slate-400 accent-indigo-600 dark:accent-indigo-400"
                />
                <label htmlFor={id} className="min-w-0">
                  <LabelBadge name={label.name} color={label.color} />
                </label>
              </li>
            );
          })}
        </ul>
      ) : null}
      <FieldErrors id={chosen.errorId} errors={chosen.errors} />
      <div className="mt-3 max-w-xs">
        <label htmlFor={newLabel.id} className={cx(labelClass, "font-normal")}>
          New label
        </label>
        <input
          id={newLabel.id}
          name={newLabel.name}
          key={newLabel.key}
          defaultValue={newLabel.initialValue ?? ""}
          maxLength={LABEL_NAME_MAX}
          autoComplete="off"
          aria-invalid={newLabel.errors?.length ? true : undefined}
          aria-describedby={cx(hintId, newLabel.errors?.length ? newLabel.errorId : null)}
          className={cx(inputClass, "mt-1.5")}
        />
        <p id={hintId} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          Created and added when you save.{" "}
          <Link to="/labels" className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            Manage labels
          </Link>
        </p>
        <FieldErrors id={newLabel.errorId} errors={newLabel.errors} />
      </div>
    </fieldset>
  );
}
