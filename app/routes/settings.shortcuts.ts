// POST /settings/shortcuts: the Keyboard shortcuts form of the settings page (one route per form).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { requireUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { KeyboardShortcutsSchema } from "~/shortcuts/shortcut-schema";
import { setKeyboardShortcuts } from "~/shortcuts/shortcut-setting.server";
import type { Route } from "./+types/settings.shortcuts";

export async function loader() {
  return redirect("/settings#shortcuts");
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: KeyboardShortcutsSchema });
  if (submission.status !== "success") throw data("keyboardShortcuts must be a checkbox", { status: 400 });
  const { keyboardShortcuts } = submission.value;
  await setKeyboardShortcuts(user.id, keyboardShortcuts);
  const message = keyboardShortcuts ? "Keyboard shortcuts are on." : "Keyboard shortcuts are off.";
  return redirectWithFlash("/settings#shortcuts", { kind: "success", message });
}
