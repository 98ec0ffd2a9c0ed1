// GET /api/events and the browser's /events as Server-Sent Events (decision 108): a stream per
// request, fed by the process's event hub, filtered to the person's audience, resumed from
// Last-Event-ID, ended by the drain, by the person's removal from a project, by its credential
// being taken back (checked every few seconds, decision 127), or after STREAM_LIFETIME_MS (the
// client reconnects, and its credentials are checked again).
import { standingApiKeys } from "~/api-keys/api-keys.server";
import { standingSessions } from "~/auth/session.server";
import { standingGrants } from "~/connected-apps/connected-apps.server";
import { eventHub, type StreamCredential, type Subscription } from "~/events/hub.server";
import type { StoredEvent } from "~/events/events.server";
import type { EventJson } from "./event-json";
import { etag } from "./task-responses.server";

const HEARTBEAT_MS = 25_000;
/**
 * A stream ends this long after it opened: a JWT cannot be taken back, so its stream ends within
 * its lifetime (JWT_EXPIRES_IN). Keys, sessions and apps are checked far more often (decision 127).
 */
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

/** Which credentials still stand: one lookup per kind for all of the process's open streams. */
async function credentialsStanding(credentials: readonly StreamCredential[]): Promise<boolean[]> {
  const keyIds: string[] = [];
  const sessionIds: string[] = [];
  const grants: { userId: string; clientId: string }[] = [];
  for (const credential of credentials) {
    if (credential.kind === "api-key") keyIds.push(credential.keyId);
    else if (credential.kind === "session") sessionIds.push(credential.sessionId);
    else if (credential.kind === "app") grants.push(credential);
  }
  // Many tabs and programs share one key or session: each is looked up once.
  const [keys, sessions, apps] = await Promise.all([
    standingApiKeys([...new Set(keyIds)]),
    standingSessions([...new Set(sessionIds)]),
    standingGrants(grants),
  ]);
  return credentials.map((credential) => {
    switch (credential.kind) {
      case "api-key":
        return keys.has(credential.keyId);
      case "session":
        return sessions.has(credential.sessionId);
      case "app":
        return apps.has(`${credential.userId} ${credential.clientId}`);
      case "token":
        return true;
    }
  });
}
eventHub.checkCredentialsWith(credentialsStanding);

/** What an API call's stream was opened with: its key, its app's grant, or a plain JWT. */
export function apiCredential(subject: { userId: string; keyId?: string; clientId?: string }): StreamCredential {
  if (subject.keyId !== undefined) return { kind: "api-key", keyId: subject.keyId };
  if (subject.clientId !== undefined) return { kind: "app", userId: subject.userId, clientId: subject.clientId };
  return { kind: "token" };
}

const encoder = new TextEncoder();

/** The stream's Response; the subscription is made (and caught up) before it is returned. */
export async function eventStreamResponse(
  request: Request,
  userId: string,
  credential: StreamCredential,
  headers: HeadersInit = {},
) {
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
  subscription = await eventHub.subscribe(
    userId,
    resumeFrom(request),
    {
      event: (event) => write(`id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify(eventJson(event))}\n\n`),
      reset: (latest) => write(`id: ${latest}\nevent: reset\ndata: {"latest":"${latest}"}\n\n`),
      close: (reason) => {
        if (reason !== "stopping") write(`event: closed\ndata: {"reason":"${reason}"}\n\n`);
        finish();
      },
    },
    credential,
  );
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
