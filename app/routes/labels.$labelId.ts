// Renames and/or recolours a label (the labels page's per-label form); answers with a toast.
import { parseWithZod } from "@conform-to/zod/v4";
import { requireUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { LabelFormSchema } from "~/labels/label-schema";
import { LabelNameTakenError, updateLabelForUser } from "~/labels/labels.server";
import type { Route } from "./+types/labels.$labelId";

const backToLabels = { headers: { "X-Remix-Replace": "true" } };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: LabelFormSchema });
  if (submission.status !== "success") {
    const [message] = Object.values(submission.error ?? {}).flat();
    return redirectWithFlash("/labels", { kind: "error", message: message ?? "Check the label's name and colour" }, backToLabels);
  }
  try {
    const label = await updateLabelForUser(user.id, params.labelId, submission.value);
    const message = label ? "Label saved" : "That label no longer exists. It may have been deleted in another tab.";
    return redirectWithFlash("/labels", { kind: label ? "success" : "error", message }, backToLabels);
  } catch (error) {
    if (!(error instanceof LabelNameTakenError)) throw error;
    return redirectWithFlash("/labels", { kind: "error", message: error.message }, backToLabels);
  }
}
