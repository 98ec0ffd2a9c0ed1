import { useEffect, useRef, useState } from "react";
import { Form } from "react-router";
import { Button } from "~/ui/button";
import { usePendingSubmission } from "~/ui/use-pending";
import { TIME_ZONE_SETTING_PATH } from "./time-zone";

/**
 * The account's time zone (decision 090): a select of every IANA zone, so it works without
 * JavaScript; `zones` come from the server, so both renders list the same ones.
 */
export function TimeZoneForm({ timeZone, zones }: { timeZone: string | null; zones: readonly string[] }) {
  const pending = usePendingSubmission("time-zone");
  // Once the person has picked a zone here, a zone detected meanwhile (the first page's script,
  // decision 090) must not put the select back under their cursor: it stops following the
  // loader's value (its key stays) until the page is left.
  const shown = timeZone ?? "";
  const [pickedKey, setPickedKey] = useState<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  // Picked before the page's script ran (no change event then).
  useEffect(() => {
    if (select.current && select.current.value !== (timeZone ?? "UTC")) setPickedKey((key) => key ?? shown);
    // Once, on hydration: later changes come through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <Form method="post" action={TIME_ZONE_SETTING_PATH} className="space-y-4">
      <input type="hidden" name="intent" value="time-zone" />
      <div className="space-y-1">
        <label htmlFor="time-zone-select" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          Time zone
        </label>
        <select
          // Not "time-zone": that is the settings section's id (the redirect's anchor).
          id="time-zone-select"
          name="timeZone"
          defaultValue={timeZone ?? "UTC"}
          // A changed value after a save: the page's new loader data re-renders the select, unless
          // the person has picked one (then it already shows theirs).
          key={pickedKey ?? shown}
          ref={select}
          onChange={() => setPickedKey((key) => key ?? shown)}
          aria-describedby="time-zone-hint"
          className="block w-full max-w-sm rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </select>
        <p id="time-zone-hint" className="text-sm text-slate-600 dark:text-slate-400">
          {timeZone
            ? "Today, overdue tasks and due times follow this zone on every device."
            : "Not chosen yet: dates follow UTC until you save a zone."}
        </p>
      </div>
      <Button type="submit" pending={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </Form>
  );
}
