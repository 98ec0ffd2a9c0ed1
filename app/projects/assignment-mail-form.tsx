import { Form } from "react-router";
import { z } from "zod";
import { Button } from "~/ui/button";
import { usePendingSubmission } from "~/ui/use-pending";

/** The settings form (a checkbox: present only when ticked). */
export const AssignmentMailSchema = z.object({ assignmentMail: z.boolean().default(false) });

/** On or off for the person's account: a mail when someone else assigns them a task. */
export function AssignmentMailForm({ enabled }: { enabled: boolean }) {
  const pending = usePendingSubmission("assignment-mail");
  return (
    <Form method="post" action="/settings/notifications" className="space-y-4">
      <input type="hidden" name="intent" value="assignment-mail" />
      <div className="flex items-start gap-3">
        <input
          id="assignment-mail"
          name="assignmentMail"
          type="checkbox"
          defaultChecked={enabled}
          key={String(enabled)}
          className="mt-1 size-4 rounded border-slate-400 accent-indigo-600"
          aria-describedby="assignment-mail-hint"
        />
        <div>
          <label htmlFor="assignment-mail" className="text-sm font-medium text-slate-800 dark:text-slate-200">
            Email me when someone assigns me a task
          </label>
          <p id="assignment-mail-hint" className="text-sm text-slate-600 dark:text-slate-400">
            In a shared project. Assigning yourself never sends one.
          </p>
        </div>
      </div>
      <Button type="submit" pending={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </Form>
  );
}
