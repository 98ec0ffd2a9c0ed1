// GET /calendar/{feedId}/{secret}.ics: a calendar feed (decision 119), for calendar apps that
// subscribe to it (Google Calendar, Apple Calendar, Thunderbird). No session: the URL's secret
// is the credential. Anything but a current feed's URL (a rotated or revoked one included) is
// the same 404. ETag and If-None-Match spare a calendar that polls the unchanged document.
import { calendarFeedDocument } from "~/calendar/feed-document.server";
import { feedForUrl } from "~/calendar/feeds.server";
import type { Route } from "./+types/calendar.$feedId.$file";

const notFound = () =>
  new Response("No such calendar feed\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/** Whether If-None-Match names this ETag (a list, weak forms and * included, RFC 9110 13.1.2). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const secret = params.file.endsWith(".ics") ? params.file.slice(0, -".ics".length) : params.file;
  const scope = await feedForUrl(params.feedId, secret);
  if (!scope) return notFound();
  const document = await calendarFeedDocument(scope);
  if (!document) return notFound();
  const headers = {
    ETag: document.etag,
    // A calendar may keep it but must ask again (with If-None-Match) before using it.
    "Cache-Control": "private, no-cache",
    "X-Robots-Tag": "noindex",
  };
  if (matches(request.headers.get("If-None-Match"), document.etag)) return new Response(null, { status: 304, headers });
  return new Response(document.body, {
    headers: {
      ...headers,
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="tasklane.ics"',
    },
  });
}
