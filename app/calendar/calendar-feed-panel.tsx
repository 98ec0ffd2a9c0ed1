// A calendar feed's address with its buttons (Settings, and a project's calendar page): plain
// forms, so they work without JavaScript. The address is the credential: it is shown only to
// its person, on pages that are never cached.
import { Form } from "react-router";
import { buttonClass } from "~/ui/button";

interface CalendarFeedPanelProps {
  /** Where the forms post (their `intent`: rotate or revoke). */
  action: string;
  url: string | null;
  webcalUrl: string | null;
  /** "all your tasks" or the project's name, for the words. */
  what: string;
}

export function CalendarFeedPanel({ action, url, webcalUrl, what }: CalendarFeedPanelProps) {
  if (url === null || webcalUrl === null) {
    return (
      <Form method="post" action={action} className="space-y-3" data-testid="calendar-feed">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          A secret address that calendar apps (Google Calendar, Apple Calendar, Thunderbird) subscribe to, showing{" "}
          {what} with a due date. It is off.
        </p>
        <button type="submit" name="intent" value="rotate" className={buttonClass("secondary")}>
          Turn on the calendar feed
        </button>
      </Form>
    );
  }
  return (
    <div className="space-y-3" data-testid="calendar-feed">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Subscribe to this address in your calendar app to see {what} with a due date. Anyone who has it can read them:
        keep it to yourself, and make a new one if it leaks.
      </p>
      <label className="block text-sm font-medium" htmlFor={`feed-url-${action}`}>
        Feed address
      </label>
      <input
        id={`feed-url-${action}`}
        readOnly
        value={url}
        className="block w-full rounded-md border-0 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-700"
        data-testid="calendar-feed-url"
      />
      <div className="flex flex-wrap items-center gap-3">
        <a href={webcalUrl} className={buttonClass("primary")} data-testid="calendar-feed-webcal">
          Subscribe in your calendar app
        </a>
        <Form method="post" action={action}>
          <button type="submit" name="intent" value="rotate" className={buttonClass("secondary")}>
            Make a new address
          </button>
        </Form>
        <Form method="post" action={action}>
          <button type="submit" name="intent" value="revoke" className={buttonClass("secondary")}>
            Turn off
          </button>
        </Form>
      </div>
    </div>
  );
}
