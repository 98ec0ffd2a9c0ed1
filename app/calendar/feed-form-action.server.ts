// The calendar feed forms' one action (Settings and a project's calendar page): make or rotate
// the address, or turn the feed off, then back to the page with a message.
import { data } from "react-router";
import { redirectWithFlash } from "~/flash.server";
import { type FeedScope, revokeCalendarFeed, rotateCalendarFeed } from "./feeds.server";

export async function calendarFeedFormAction(request: Request, scope: FeedScope, back: string): Promise<Response> {
  const intent = (await request.formData()).get("intent");
  if (intent === "rotate") {
    await rotateCalendarFeed(scope);
    return redirectWithFlash(back, {
      kind: "success",
      message: "The calendar feed has a new address; the old one no longer works.",
    });
  }
  if (intent === "revoke") {
    await revokeCalendarFeed(scope);
    return redirectWithFlash(back, { kind: "success", message: "The calendar feed is off." });
  }
  throw data("Unknown calendar feed action", { status: 400 });
}
