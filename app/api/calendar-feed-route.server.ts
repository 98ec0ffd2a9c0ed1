// The two calendar feed routes, the person's and a project's (decision 119): GET the address,
// POST a new one (the old stops at once), DELETE to turn the feed off. Shared here so that both
// say the same thing in the same words.
import { CalendarFeedJsonSchema } from "~/api/calendar-feed-json";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { projectNotFound } from "~/api/problem.server";
import {
  FeedProjectNotFoundError,
  type FeedScope,
  getCalendarFeed,
  revokeCalendarFeed,
  rotateCalendarFeed,
} from "~/calendar/feeds.server";

const feedJson = (urls: { url: string; webcalUrl: string } | null) => ({
  url: urls?.url ?? null,
  webcalUrl: urls?.webcalUrl ?? null,
});

async function inProject<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FeedProjectNotFoundError) throw projectNotFound();
    throw error;
  }
}

export function calendarFeedRoute(path: string, kind: "person" | "project") {
  const scopeOf = (userId: string, projectId: string | undefined): FeedScope => ({
    userId,
    projectId: kind === "project" ? projectId! : null,
  });
  const id = kind === "project" ? "ProjectCalendarFeed" : "CalendarFeed";
  const whose =
    kind === "project" ? "the caller's feed of the project (any member)" : "the caller's feed of every task they see";
  const notFound = kind === "project" ? doc.projectNotFound : {};
  const feedResponse = (description: string) => ({
    description,
    headers: doc.rateLimitHeaders,
    content: doc.json(doc.responseSchema("CalendarFeed", CalendarFeedJsonSchema)),
  });
  return apiRoute(
    { path },
    {
      GET: {
        openapi: {
          operationId: `get${id}`,
          summary: `The address of ${whose}; null while it is off`,
          responses: { "200": feedResponse("The feed's address"), ...notFound, ...doc.authenticatedResponses },
        },
        async handle({ params, user }) {
          return Response.json(
            feedJson(await inProject(() => getCalendarFeed(scopeOf(user.userId, params.projectId)))),
          );
        },
      },
      POST: {
        openapi: {
          operationId: `rotate${id}`,
          summary: `Turns on ${whose}, or gives it a new address: the old one is a 404 at once`,
          responses: { "200": feedResponse("The feed's new address"), ...notFound, ...doc.writeResponses },
        },
        async handle({ params, user }) {
          return Response.json(
            feedJson(await inProject(() => rotateCalendarFeed(scopeOf(user.userId, params.projectId)))),
          );
        },
      },
      DELETE: {
        openapi: {
          operationId: `revoke${id}`,
          summary: `Turns ${whose} off: its address is a 404 from now on`,
          responses: { "204": { description: "Off (also when it was)" }, ...notFound, ...doc.writeResponses },
        },
        async handle({ params, user }) {
          await inProject(() => revokeCalendarFeed(scopeOf(user.userId, params.projectId)));
          return new Response(null, { status: 204 });
        },
      },
    },
  );
}
