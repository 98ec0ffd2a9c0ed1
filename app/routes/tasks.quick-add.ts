// GET /tasks/quick-add?text=…: what the new-task field's text would make, read by the same
// parser and look-ups as the create, for the preview under the field as the person types
// (decision 100). The page's own script reads it; nothing is created.
import { data } from "react-router";
import { requireUser } from "~/auth/session.server";
import { previewQuickAdd, QUICK_ADD_TEXT_MAX } from "~/tasks/quick-add.server";
import { accountTimeZone } from "~/tasks/time-zone";
import type { Route } from "./+types/tasks.quick-add";

export async function loader({ request, url, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const text = url.searchParams.get("text") ?? "";
  if (text.length > QUICK_ADD_TEXT_MAX)
    throw data(`text must be at most ${QUICK_ADD_TEXT_MAX} characters`, { status: 400 });
  const preview = await previewQuickAdd(user.id, text, { timeZone: accountTimeZone(user) });
  // The person's own projects and labels: never kept by a shared cache.
  return Response.json(preview, { headers: { "Cache-Control": "private, no-store" } });
}
