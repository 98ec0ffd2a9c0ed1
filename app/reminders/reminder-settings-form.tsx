import { Form } from "react-router";
import { Button } from "~/ui/button";
import { inputClass, labelClass } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";
import { HOUR_OPTIONS } from "./reminder-schema";

interface Props {
  reminderHour: number;
  remindersByMail: boolean;
  digest: { enabled: boolean; hour: number };
  emailVerified: boolean;
  timeZone: string | null;
}

const checkboxClass = "size-4 rounded border-slate-400 accent-indigo-600 dark:accent-indigo-400";

function HourSelect({ id, name, label, value }: { id: string; name: string; label: string; value: number }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={String(value)} key={value} className={`${inputClass} max-w-40`}>
        {HOUR_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Settings -> Reminders: a plain form (works without JavaScript). */
export function ReminderSettingsForm({ reminderHour, remindersByMail, digest, emailVerified, timeZone }: Props) {
  const pending = usePendingSubmission("reminders");
  return (
    <Form method="post" action="/settings/reminders" className="space-y-4">
      <input type="hidden" name="intent" value="reminders" />
      {emailVerified ? null : (
        <p
          role="note"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/60 dark:text-amber-100"
        >
          Reminders and the digest are only sent to a confirmed address: yours is not confirmed yet (see Email above),
          so none are sent.
        </p>
      )}
      <div className="flex items-center gap-2">
        <input
          type="checkbox"
          id="reminders-by-mail"
          name="remindersByMail"
          defaultChecked={remindersByMail}
          key={String(remindersByMail)}
          className={checkboxClass}
        />
        <label htmlFor="reminders-by-mail" className="text-sm font-medium text-slate-800 dark:text-slate-200">
          Email me the reminders I set on tasks
        </label>
      </div>
      <HourSelect
        id="reminder-hour"
        name="reminderHour"
        label="Reminders for a date without a time count from"
        value={reminderHour}
      />
      <div className="flex items-center gap-2">
        <input
          type="checkbox"
          id="digest-enabled"
          name="digestEnabled"
          defaultChecked={digest.enabled}
          key={String(digest.enabled)}
          className={checkboxClass}
        />
        <label htmlFor="digest-enabled" className="text-sm font-medium text-slate-800 dark:text-slate-200">
          Daily digest: overdue and due today (not sent when there is nothing)
        </label>
      </div>
      <HourSelect id="digest-hour" name="digestHour" label="Digest at" value={digest.hour} />
      <p className="text-sm text-slate-600 dark:text-slate-400">Hours are in your time zone ({timeZone ?? "UTC"}).</p>
      <Button type="submit" pending={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </Form>
  );
}
