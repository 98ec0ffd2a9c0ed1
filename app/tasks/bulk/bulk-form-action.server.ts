// The list page's "bulk" intent: the form's fields to a request, the request applied, and the
// answer the page shows (a flash on success, the bar's message on a refusal).
import { data } from "react-router";
import { replaceWithFlash } from "~/flash.server";
import { UnknownLabelError } from "~/labels/task-labels.server";
import { InsufficientRoleError } from "~/projects/project-access.server";
import { ProjectNotFoundError } from "~/projects/projects.server";
import { BulkRequestSchema, bulkDoneMessage } from "./bulk-actions";
import { applyBulkAction, TasksNotFoundError } from "./bulk-actions.server";
import { bulkRequestFromForm } from "./bulk-form";
import type { BulkFailure } from "./bulk-selection";

/** Applies the bulk action `formData` asks for to the user's tasks, then back to `listUrl`. */
export async function bulkFormAction(userId: string, formData: FormData, listUrl: string) {
  const parsed = BulkRequestSchema.safeParse(bulkRequestFromForm(formData));
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const nothingSelected = issue?.path[0] === "ids" && issue.code === "too_small";
    return bulkRefused(
      400,
      nothingSelected ? "Select at least one task first." : (issue?.message ?? "That action cannot be done."),
    );
  }
  const request = parsed.data;
  try {
    await applyBulkAction(userId, request);
  } catch (error) {
    if (error instanceof TasksNotFoundError) {
      return bulkRefused(
        404,
        "Some of those tasks no longer exist. They may have been deleted in another tab. Nothing was changed.",
      );
    }
    // Tasks of a project where the person is a viewer: their role says why.
    if (error instanceof InsufficientRoleError) return bulkRefused(403, `${error.message}. Nothing was changed.`);
    // A label deleted in another tab since the page was shown.
    if (error instanceof UnknownLabelError) return bulkRefused(400, `${error.message}. Nothing was changed.`);
    // A project deleted in another tab (or one that is not the person's: the same answer).
    if (error instanceof ProjectNotFoundError) {
      return bulkRefused(404, "That project no longer exists. Nothing was changed.");
    }
    throw error;
  }
  const count = new Set(request.ids.map((id) => id.toLowerCase())).size;
  const message = bulkDoneMessage(request.action, count, request.priority ?? request.category ?? request.label);
  return replaceWithFlash(listUrl, { kind: "success", message });
}

function bulkRefused(status: 400 | 403 | 404, message: string) {
  return data({ intent: "bulk", message } satisfies BulkFailure, { status });
}
