// Renames and/or recolours a label (the labels page's per-label form); answers with a toast.
import { parseWithZod } from "@conform-to/zod/v4";
import { requireUser } from "~/auth/session.server";
import { replaceWithFlash } from "~/flash.server";
import { LabelFormSchema } from "~/labels/label-schema";
import { LabelNameTakenError, updateLabelForUser } from "~/labels/labels.server";
import type { Route } from "./+types/labels.$labelId";

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: LabelFormSchema });
  if (submission.status !== "success") {
    const [message] = Object.values(submission.error ?? {}).flat();
    return replaceWithFlash("/labels", { kind: "error", message: message ?? "Check the label's name and colour" });
  }
  try {
    const label = await updateLabelForUser(user.id, params.labelId, submission.value);
    const message = label ? "Label saved" : "That label no longer exists. It may have been deleted in another tab.";
    return replaceWithFlash("/labels", { kind: label ? "success" : "error", message });
  } catch (error) {
    if (!(error instanceof LabelNameTakenError)) throw error;
    return replaceWithFlash("/labels", { kind: "error", message: error.message });
  }
}
