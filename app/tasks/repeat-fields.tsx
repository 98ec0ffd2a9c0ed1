import type { FieldMetadata } from "@conform-to/react";
import { CheckboxField, InputField, labelClass, SelectField } from "~/ui/field";
import { MONTHLY_MODES, REPEAT_FREQUENCIES, type RepeatFormValues, WEEKDAY_OPTIONS } from "./repeat-rule";

export type RepeatFieldsMetadata = { [Name in keyof RepeatFormValues]-?: FieldMetadata<RepeatFormValues[Name]> };

/**
 * The repeat as plain inputs (they work without JavaScript): how often, which weekdays (for
 * weeks), which day (for months), from the due date or from completion, and when it ends.
 * Inputs that do not apply to the chosen frequency are ignored (repeatFromForm).
 */
export function RepeatFields({ fields }: { fields: RepeatFieldsMetadata }) {
  const initial = fields.repeatWeekdays.initialValue;
  const checked = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  return (
    <fieldset className="grid gap-4 sm:col-span-3 sm:grid-cols-3" data-testid="repeat-fields">
      <legend className={labelClass}>Repeat (needs a due date)</legend>
      <SelectField
        meta={fields.repeatFrequency}
        label="Repeats every"
        options={[{ value: "", label: "Does not repeat" }, ...REPEAT_FREQUENCIES]}
      />
      <InputField
        meta={fields.repeatInterval}
        label="How many (days, weeks…)"
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
      />
      <SelectField meta={fields.repeatMonthly} label="Months: which day" options={[...MONTHLY_MODES]} />
      <fieldset className="sm:col-span-3">
        <legend className={labelClass}>Weeks: on</legend>
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
          {WEEKDAY_OPTIONS.map((day) => {
            const id = `${fields.repeatWeekdays.id}-${day.value}`;
            return (
              <li key={day.value} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  id={id}
                  name={fields.repeatWeekdays.name}
                  value={day.value}
                  key={`${fields.repeatWeekdays.key}-${checked.has(day.value)}`}
                  defaultChecked={checked.has(day.value)}
                  className="size-4 rounded border-slate-400 accent-indigo-600 dark:accent-indigo-400"
                />
                <label htmlFor={id} className="text-sm text-slate-800 dark:text-slate-200">
                  {day.label}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <InputField meta={fields.repeatUntil} label="Until (optional)" type="date" />
      <InputField
        meta={fields.repeatCount}
        label="Or this many times (optional)"
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
      />
      <div className="sm:pt-7">
        <CheckboxField meta={fields.repeatFromCompletion} label="Count from when it is done (every!)" />
      </div>
    </fieldset>
  );
}
