import type { FieldMetadata } from "@conform-to/react";
import { FieldErrors, inputClass, labelClass } from "~/ui/field";
import { REMINDER_CHOICES, type ReminderFormSlot, REMINDERS_MAX } from "~/reminders/reminder-schema";

/**
 * A task's reminders as plain selects (they work without JavaScript): one slot per reminder,
 * up to five, each a choice or "minutes before" with its number. A reminder set through the
 * API at a fixed time keeps its slot, shown with that time.
 */
export function ReminderFields({ field }: { field: FieldMetadata<ReminderFormSlot[]> }) {
  const initial = (Array.isArray(field.initialValue) ? field.initialValue : []) as Partial<
    Record<keyof ReminderFormSlot, string>
  >[];
  return (
    <fieldset className="grid gap-3 sm:col-span-3" data-testid="reminder-fields" aria-describedby={`${field.id}-hint`}>
      <legend className={labelClass}>Reminders by email</legend>
      <p id={`${field.id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
        Counted from the due time; a date without a time counts from your reminder hour (Settings).
      </p>
      {Array.from({ length: REMINDERS_MAX }, (_, index) => {
        const slot = initial[index] ?? {};
        const name = `${field.name}[${index}]`;
        const id = `${field.id}-${index}`;
        return (
          <div key={`${field.key}-${index}`} className="grid grid-cols-2 gap-3">
            <div>
              <label htmlFor={`${id}-when`} className="sr-only">
                Reminder {index + 1}
              </label>
              <select id={`${id}-when`} name={`${name}.when`} defaultValue={slot.when ?? ""} className={inputClass}>
                {REMINDER_CHOICES.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
                {slot.when?.startsWith("at:") ? (
                  <option value={slot.when}>At {slot.when.slice(3).replace("T", " ").slice(0, 16)} UTC</option>
                ) : null}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-minutes`} className="sr-only">
                Reminder {index + 1}: minutes before
              </label>
              <input
                id={`${id}-minutes`}
                name={`${name}.minutes`}
                type="text"
                inputMode="numeric"
                pattern="[0-9]*"
                placeholder="Minutes before"
                defaultValue={slot.minutes ?? ""}
                className={inputClass}
              />
            </div>
          </div>
        );
      })}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
