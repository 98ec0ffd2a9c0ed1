// /events: the signed-in browser's one event stream per tab (app/events/live-updates.tsx), by its
// session cookie; the same stream as GET /api/events (decision 108). Signed out: 401, no stream.
import { eventStreamResponse } from "~/api/event-stream.server";
import { getSession } from "~/auth/session.server";
import { eventHub } from "~/events/hub.server";
import type { Route } from "./+types/events";

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await getSession(request, context);
  if (!session)
    return new Response("Sign in to follow changes", { status: 401, headers: { "Cache-Control": "no-store" } });
  if (eventHub.stopping) {
    return new Response("Shutting down: reconnect", {
      status: 503,
      headers: { "Retry-After": "1", "Cache-Control": "no-store" },
    });
  }
  return eventStreamResponse(request, session.user.id, { kind: "session", sessionId: session.session.id });
}
