// /api/events: the caller's events as Server-Sent Events, or (with ?after=) a JSON page (decision 108).
import { readQuery } from "~/api/body.server";
import { EventPageJsonSchema, EventQuerySchema } from "~/api/event-json";
import { apiCredential, eventJson, eventStreamResponse } from "~/api/event-stream.server";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { problem } from "~/api/problem.server";
import { eventsVisibleTo } from "~/events/events.server";
import { eventHub } from "~/events/hub.server";

const serveEvents = apiRoute(
  { path: "/api/events" },
  {
    GET: {
      openapi: {
        operationId: "followEvents",
        summary:
          "Changes the caller may see, as they happen (Server-Sent Events), or a page of them after an id (JSON)",
        description:
          "Without `after`: a `text/event-stream`. Each event has `id:` (increasing), `event:` (its kind) and `data:` (an Event as JSON); " +
          "reconnect with `Last-Event-ID` to resume without gaps within EVENT_RETENTION_DAYS, older gets an `event: reset` " +
          "(refetch, then follow). Filtered to what the caller could read when each change was made; a member removed from a " +
          "project gets `member.removed`, then `event: closed` and the end of the stream; a revoked key or disconnected app " +
          "gets `event: closed` (reason `revoked`) within 5 seconds, and its reconnect a 401. Streams end on a server's shutdown " +
          "and every 15 minutes: reconnect. With `after` (0: the oldest kept): a JSON page of the same events, for polling.",
        parameters: [
          { name: "after", in: "query", required: false, schema: { type: "string", pattern: "^\\d{1,18}$" } },
          { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100 } },
          { name: "Last-Event-ID", in: "header", required: false, schema: { type: "string" } },
        ],
        responses: {
          "200": {
            description: "The stream (no `after`), or a page of events (`after`)",
            headers: doc.rateLimitHeaders,
            content: {
              "text/event-stream": { schema: { type: "string" } },
              ...doc.json(doc.responseSchema("EventPage", EventPageJsonSchema)),
            },
          },
          "400": doc.problemResponse("An invalid query value", "ValidationProblem"),
          "503": doc.problemResponse("The server is shutting down: reconnect (to another instance)"),
          ...doc.authenticatedResponses,
          "403": { $ref: "#/components/responses/Forbidden" },
        },
      },
      async handle({ request, user }) {
        const { after, limit } = readQuery(request, EventQuerySchema);
        if (after !== undefined) {
          const page = await eventsVisibleTo(user.userId, after, limit);
          return Response.json({ events: page.events.map(eventJson), reset: page.reset, latest: String(page.latest) });
        }
        if (eventHub.stopping) {
          throw problem(503, { detail: "The server is shutting down: reconnect", headers: { "Retry-After": "1" } });
        }
        return eventStreamResponse(request, user.userId, apiCredential(user));
      },
    },
  },
);

export const loader = serveEvents;
