// POST /settings/calendar-feed: the Calendar feed form of the settings page (one route per form).
import { redirect } from "react-router";
import { requireUser } from "~/auth/session.server";
import { calendarFeedFormAction } from "~/calendar/feed-form-action.server";
import type { Route } from "./+types/settings.calendar-feed";

export async function loader() {
  return redirect("/settings#calendar-feed");
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  return calendarFeedFormAction(request, { userId: user.id, projectId: null }, "/settings#calendar-feed");
}
