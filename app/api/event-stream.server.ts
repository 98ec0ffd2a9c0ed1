// GET /api/events and the browser's /events as Server-Sent Events (decision 108): a stream per
// request, fed by the process's event hub, filtered to the person's audience, resumed from
// Last-Event-ID, ended by the drain, by the person's removal from a project, or after
// STREAM_LIFETIME_MS (the client reconnects, and its credentials are checked again).
import { eventHub, type Subscription } from "~/events/hub.server";
import type { StoredEvent } from "~/events/events.server";
import type { EventJson } from "./event-json";
import { etag } from "./task-responses.server";

const HEARTBEAT_MS = 25_000;
/** A stream is re-authorised this often: a revoked key, session or expired token ends within it. */
export const STREAM_LIFETIME_MS = 15 * 60_000;
/** How long an EventSource waits before it reconnects on its own. */
const RETRY_MS = 2_000;

export function eventJson(event: StoredEvent): EventJson {
  const isTask = event.kind === "task.created" || event.kind === "task.updated";
  return {
    id: String(event.id),
    kind: event.kind,
    projectId: event.projectId,
    userId: event.userId,
    entityId: event.entityId,
    etag: isTask && event.version ? etag({ id: event.entityId, updatedAt: event.version }) : null,
    updatedAt: event.version?.toISOString() ?? null,
    at: event.createdAt.toISOString(),
  };
}

/** The id a client resumes from: the Last-Event-ID header (EventSource sends it), or `lastEventId` in the query. */
export function resumeFrom(request: Request): number | null {
  const value = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  return value && /^\d{1,18}$/.test(value) ? Number(value) : null;
}

const encoder = new TextEncoder();

/** The stream's Response; the subscription is made (and caught up) before it is returned. */
export async function eventStreamResponse(request: Request, userId: string, headers: HeadersInit = {}) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const timers: NodeJS.Timeout[] = [];
  const write = (text: string) => {
    if (open) controller.enqueue(encoder.encode(text));
  };
  const finish = () => {
    if (!open) return;
    open = false;
    for (const timer of timers) clearInterval(timer);
    subscription?.end("stopping");
    try {
      controller.close();
    } catch {
      // already cancelled by the client
    }
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(given) {
        controller = given;
      },
      cancel() {
        open = false;
        for (const timer of timers) clearInterval(timer);
        subscription?.end("stopping");
      },
    },
    // Nothing is queued for a slow reader beyond what it has not read: a frame per event.
    { highWaterMark: 64 },
  );
  write(`retry: ${RETRY_MS}\n\n`);
  let subscription: Subscription | undefined = undefined;
  subscription = await eventHub.subscribe(userId, resumeFrom(request), {
    event: (event) => write(`id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify(eventJson(event))}\n\n`),
    reset: (latest) => write(`id: ${latest}\nevent: reset\ndata: {"latest":"${latest}"}\n\n`),
    close: (reason) => {
      if (reason === "removed") write(`event: closed\ndata: {"reason":"removed"}\n\n`);
      finish();
    },
  });
  if (!open) subscription.end("stopping");
  if (request.signal.aborted) finish();
  request.signal.addEventListener("abort", finish, { once: true });
  timers.push(setInterval(() => write(`: keep-alive\n\n`), HEARTBEAT_MS));
  timers.push(setTimeout(finish, STREAM_LIFETIME_MS));
  return new Response(body, {
    headers: {
      ...headers,
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the compression middleware leaves it alone (it would hold frames back).
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
