// POST /settings/notifications: the Notifications form of the settings page (one route per form).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { requireUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { AssignmentMailSchema } from "~/projects/assignment-mail-form";
import { setAssignmentMail } from "~/projects/assignment-mail-setting.server";
import type { Route } from "./+types/settings.notifications";

export async function loader() {
  return redirect("/settings#notifications");
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: AssignmentMailSchema });
  if (submission.status !== "success") throw data("assignmentMail must be a checkbox", { status: 400 });
  const { assignmentMail } = submission.value;
  await setAssignmentMail(user.id, assignmentMail);
  const message = assignmentMail ? "You will be emailed about assignments." : "No more assignment emails.";
  return redirectWithFlash("/settings#notifications", { kind: "success", message });
}
