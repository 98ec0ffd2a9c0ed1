// POST /settings/reminders: the Reminders form of the settings page (one route per form).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { requireUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { ReminderSettingsFormSchema } from "~/reminders/reminder-schema";
import { updateReminderSettings } from "~/reminders/reminder-settings.server";
import type { Route } from "./+types/settings.reminders";

export async function loader() {
  return redirect("/settings#reminders");
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: ReminderSettingsFormSchema });
  if (submission.status !== "success") throw data("Choose hours from the lists", { status: 400 });
  const { reminderHour, remindersByMail, digestEnabled, digestHour } = submission.value;
  await updateReminderSettings(user.id, {
    reminderHour,
    remindersByMail,
    digest: { enabled: digestEnabled, hour: digestHour },
  });
  return redirectWithFlash("/settings#reminders", { kind: "success", message: "Reminder settings saved." });
}
