// Deletes a label (the labels page's Delete button): it comes off every task that had it.
import { requireUser } from "~/auth/session.server";
import { replaceWithFlash } from "~/flash.server";
import { deleteLabelForUser } from "~/labels/labels.server";
import type { Route } from "./+types/labels.$labelId.delete";

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const label = await deleteLabelForUser(user.id, params.labelId);
  const flash = label
    ? { kind: "success" as const, message: `Label “${label.name}” deleted` }
    : { kind: "error" as const, message: "That label no longer exists. It may have been deleted in another tab." };
  return replaceWithFlash("/labels", flash);
}
