import { Form, Link } from "react-router";
import { Button } from "~/ui/button";
import { usePendingSubmission } from "~/ui/use-pending";

/** On or off for the person's account, on every device (decision 031). */
export function KeyboardShortcutsForm({ enabled }: { enabled: boolean }) {
  const pending = usePendingSubmission("keyboard-shortcuts");
  return (
    <Form method="post" action="/settings/shortcuts" className="space-y-4">
      <input type="hidden" name="intent" value="keyboard-shortcuts" />
      <div className="flex items-start gap-3">
        <input
          id="keyboard-shortcuts"
          name="keyboardShortcuts"
          type="checkbox"
          defaultChecked={enabled}
          // A changed value after a save: the page's new loader data re-renders the box.
          key={String(enabled)}
          className="mt-1 size-4 rounded border-slate-400 accent-indigo-600"
          aria-describedby="keyboard-shortcuts-hint"
        />
        <div>
          <label htmlFor="keyboard-shortcuts" className="text-sm font-medium text-slate-800 dark:text-slate-200">
            Use single-key shortcuts on the task list
          </label>
          <p id="keyboard-shortcuts-hint" className="text-sm text-slate-600 dark:text-slate-400">
            For example <kbd className="font-mono">n</kbd> for a new task and <kbd className="font-mono">j</kbd>/
            <kbd className="font-mono">k</kbd> to move between tasks; press <kbd className="font-mono">?</kbd> on{" "}
            <Link to="/tasks" className="underline underline-offset-2">
              the list
            </Link>{" "}
            for all of them. Turn them off if they get in the way of a screen reader, voice control or a browser
            extension.
          </p>
        </div>
      </div>
      <Button type="submit" pending={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </Form>
  );
}
