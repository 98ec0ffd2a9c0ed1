// POST /settings/time-zone: the Time zone form of the settings page, and the first signed-in
// page's script saving the browser's zone (decision 090).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { requireUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { TimeZoneFormSchema } from "~/tasks/time-zone";
import { fillAccountTimeZone, setAccountTimeZone } from "~/tasks/time-zone.server";
import type { Route } from "./+types/settings.time-zone";

export async function loader() {
  return redirect("/settings#time-zone");
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: TimeZoneFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { timeZone, detected } = submission.value;
  // A detected zone only fills a setting never made: the person's own choice stays theirs.
  if (detected) return { saved: await fillAccountTimeZone(user.id, timeZone) };
  await setAccountTimeZone(user.id, timeZone);
  return redirectWithFlash("/settings#time-zone", { kind: "success", message: `Time zone set to ${timeZone}.` });
}
