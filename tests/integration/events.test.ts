// Live updates (issue 32, decision 108): GET /api/events as Server-Sent Events and as JSON pages,
// filtered to what the caller could read when each change was made; Last-Event-ID resumes, a
// swept id gets a reset, a removed member's stream ends at once, the drain ends every stream,
// and a revoked key, signed-out session or disconnected app's stream ends within seconds (decision 127).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { oauthClient, oauthConsent } from "../../db/schema";
import { createApiKey, revokeApiKey } from "~/api-keys/api-keys.server";
import { auth } from "~/auth/auth.server";
import { setClock } from "~/clock.server";
import { disconnectApp } from "~/connected-apps/connected-apps.server";
import { db } from "~/db.server";
import { sweepEvents } from "~/events/events.server";
import { CREDENTIAL_CHECK_MS, eventHub } from "~/events/hub.server";
import { addProjectMember, removeProjectMember } from "~/projects/members.server";
import { createProjectForUser } from "~/projects/projects.server";
import { ProjectInputSchema } from "~/projects/project-schema";
import type { EventJson } from "~/api/event-json";
import { type ApiUser, apiFetch, ORIGIN, signUpApiUser, withToken } from "../support/api";

let ann: ApiUser;
let ben: ApiUser;
let cat: ApiUser;

beforeAll(async () => {
  [ann, ben, cat] = [await signUpApiUser("Ann"), await signUpApiUser("Ben"), await signUpApiUser("Cat")];
});
afterAll(() => eventHub.stop());
afterEach(() => setClock(null));

interface Frame {
  id?: string;
  event?: string;
  data: Record<string, string>;
}

/** Opens the caller's stream and reads it frame by frame (comments and the retry line skipped). */
async function openStream(token: string, lastEventId?: string, path = "/api/events") {
  const response = await apiFetch(
    path,
    withToken(token, { headers: lastEventId ? { "last-event-id": lastEventId } : {} }),
  );
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  return {
    /** The next event, or null when the stream has ended. */
    async next(): Promise<Frame | null> {
      for (;;) {
        const end = buffered.indexOf("\n\n");
        if (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const frame: Frame = { data: {} };
          for (const line of block.split("\n")) {
            const [name, ...rest] = line.split(": ");
            const value = rest.join(": ");
            if (name === "id") frame.id = value;
            else if (name === "event") frame.event = value;
            else if (name === "data") frame.data = JSON.parse(value) as Record<string, string>;
          }
          if (frame.event) return frame;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) return null;
        buffered += value;
      }
    },
    close: () => reader.cancel(),
  };
}

const post = (token: string, path: string, json: unknown) =>
  apiFetch(path, withToken(token, { method: "POST", json })).then(async (response) => {
    expect(response.status).toBe(201);
    return { body: (await response.json()) as { id: string }, etag: response.headers.get("etag") };
  });
const page = async (token: string, after: string | number) => {
  const response = await apiFetch(`/api/events?after=${after}`, withToken(token));
  expect(response.status).toBe(200);
  return (await response.json()) as { events: EventJson[]; reset: boolean; latest: string };
};
const newProject = async (ownerId: string) =>
  (await createProjectForUser(ownerId, ProjectInputSchema.parse({ name: `Shared ${crypto.randomUUID()}` }))).id;

describe("GET /api/events", () => {
  it("streams a member's changes to the other members as they happen, and to nobody else", async () => {
    const shared = await newProject(ann.id);
    await addProjectMember(ann.id, shared, ben.id, "editor");
    const bens = await openStream(ben.token);
    const cats = await openStream(cat.token);

    const created = await post(ann.token, "/api/tasks", { title: "Paint the fence", projectId: shared });
    const frame = await bens.next();
    expect(frame).toMatchObject({ event: "task.created", data: { kind: "task.created", projectId: shared } });
    expect(frame!.data.entityId).toBe(created.body.id);
    // The event's ETag is the one the task answers with: a client can tell whether it is current.
    expect(frame!.data.etag).toBe(created.etag);
    expect(Number(frame!.id)).toBeGreaterThan(0);
    // No titles, bodies or addresses.
    expect(JSON.stringify(frame!.data)).not.toContain("Paint the fence");

    // A change of Cat's own comes to Cat; Ann's project never did.
    await post(cat.token, "/api/labels", { name: "Mine", color: "red" });
    expect(await cats.next()).toMatchObject({ event: "label.created" });
    await bens.close();
    await cats.close();
  });

  it("serves the same events as JSON pages after an id, filtered the same way", async () => {
    const start = (await page(ann.token, 0)).latest;
    const shared = await newProject(ann.id);
    await addProjectMember(ann.id, shared, ben.id, "viewer");
    const task = await post(ann.token, "/api/tasks", { title: "Shared", projectId: shared });
    const own = await post(ann.token, "/api/tasks", { title: "Ann's own" });

    const anns = await page(ann.token, start);
    expect(anns.reset).toBe(false);
    expect(anns.events.map((event) => event.kind)).toEqual([
      "project.created",
      "member.added",
      "member.added",
      "task.created",
      "task.created",
    ]);
    const bens = await page(ben.token, start);
    expect(bens.events.map((event) => event.entityId)).toEqual([ben.id, task.body.id]);
    expect(bens.events.map((event) => event.entityId)).not.toContain(own.body.id);
    expect((await page(cat.token, start)).events).toEqual([]);
    // Ids increase; a page after the last is empty.
    const ids = anns.events.map((event) => Number(event.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect((await page(ann.token, anns.events.at(-1)!.id)).events).toEqual([]);
  });

  it("resumes from Last-Event-ID without gaps or repeats", async () => {
    const shared = await newProject(ann.id);
    await addProjectMember(ann.id, shared, ben.id, "editor");
    const first = await openStream(ben.token);
    const one = await post(ann.token, "/api/tasks", { title: "One", projectId: shared });
    const seen = await first.next();
    expect(seen!.data.entityId).toBe(one.body.id);
    await first.close();

    // Written while Ben was away: the resumed stream starts with them, in order, then follows.
    const two = await post(ann.token, "/api/tasks", { title: "Two", projectId: shared });
    const three = await post(ben.token, "/api/tasks", { title: "Three", projectId: shared });
    const resumed = await openStream(ben.token, seen!.id);
    expect((await resumed.next())!.data.entityId).toBe(two.body.id);
    expect((await resumed.next())!.data.entityId).toBe(three.body.id);
    const four = await post(ann.token, "/api/tasks", { title: "Four", projectId: shared });
    expect((await resumed.next())!.data.entityId).toBe(four.body.id);
    await resumed.close();
  });

  it("ends a removed member's stream at once, and shows them nothing of the project after", async () => {
    const shared = await newProject(ann.id);
    await addProjectMember(ann.id, shared, ben.id, "editor");
    const bens = await openStream(ben.token);
    await removeProjectMember(ann.id, shared, ben.id);
    expect(await bens.next()).toMatchObject({ event: "member.removed", data: { userId: ben.id, projectId: shared } });
    expect(await bens.next()).toMatchObject({ event: "closed", data: { reason: "removed" } });
    expect(await bens.next()).toBeNull();

    const after = (await page(ben.token, 0)).latest;
    await post(ann.token, "/api/tasks", { title: "After Ben left", projectId: shared });
    expect((await page(ben.token, after)).events).toEqual([]);
  });

  it("answers an id older than the kept events with a reset", async () => {
    await post(cat.token, "/api/tasks", { title: "Old" });
    const old = (await page(cat.token, 0)).events[0]!.id;
    await post(cat.token, "/api/tasks", { title: "Newer" });
    await post(cat.token, "/api/tasks", { title: "Newest" });
    // Everything but the newest event is older than the retention from a year on.
    await sweepEvents(new Date(Date.now() + 365 * 86_400_000));
    const polled = await page(cat.token, old);
    expect(polled.reset).toBe(true);
    const stream = await openStream(cat.token, old);
    expect(await stream.next()).toMatchObject({ event: "reset", id: polled.latest, data: { latest: polled.latest } });
    await stream.close();
  });

  it("admits a read-only API key, refuses no credentials and a bad cursor", async () => {
    const { key } = await createApiKey(
      { id: cat.id, name: "Cat", email: cat.email },
      { name: "follow", scope: "read", lifetimeDays: 30 },
      { ipAddress: null, userAgent: null },
    );
    const response = await apiFetch("/api/events?after=0", withToken(key));
    expect(response.status).toBe(200);
    expect((await apiFetch("/api/events")).status).toBe(401);
    expect((await apiFetch("/api/events?after=-1", withToken(cat.token))).status).toBe(400);
  });

  it("ends every stream when the server begins to stop, and refuses new ones until it starts again", async () => {
    const stream = await openStream(ann.token);
    eventHub.closeStreams();
    expect(await stream.next()).toBeNull();
    const refused = await apiFetch("/api/events", withToken(ann.token));
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    await eventHub.start();
  });

  it("serves the browser's /events by its session, and nothing without one", async () => {
    expect((await apiFetch("/events")).status).toBe(401);
    const stream = await apiFetch("/events", { headers: { authorization: `Bearer ${cat.sessionToken}` } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    await stream.body!.cancel();
  });
});

describe("a stream whose credential is taken back", () => {
  const actor = { ipAddress: null, userAgent: null };
  const newKey = async (person: ApiUser) =>
    createApiKey(
      { id: person.id, name: "P", email: person.email },
      { name: "follow", scope: "read", lifetimeDays: 30 },
      actor,
    );

  it("ends a revoked API key's stream at the next check, keeps the others, and its reconnect gets 401", async () => {
    const { key, view } = await newKey(cat);
    const keyed = await openStream(key);
    const jwt = await openStream(cat.token);
    await revokeApiKey(cat, view.id, actor);
    await eventHub.checkCredentials();
    expect(await keyed.next()).toMatchObject({ event: "closed", data: { reason: "revoked" } });
    expect(await keyed.next()).toBeNull();
    expect((await apiFetch("/api/events", withToken(key))).status).toBe(401);

    // Cat's JWT stream stands: it still gets Cat's changes.
    await post(cat.token, "/api/labels", { name: `Kept ${crypto.randomUUID().slice(0, 8)}`, color: "red" });
    expect(await jwt.next()).toMatchObject({ event: "label.created" });
    await jwt.close();
  });

  it("delivers nothing more to a revoked key once the last check is over a second old", async () => {
    const { key, view } = await newKey(ben);
    const keyed = await openStream(key);
    await eventHub.checkCredentials();
    await revokeApiKey(ben, view.id, actor);
    // Past the check's freshness, not yet at the idle check: the batch itself checks first.
    const later = Date.now() + CREDENTIAL_CHECK_MS / 2;
    setClock(() => new Date(later));
    await post(ben.token, "/api/labels", { name: `After ${crypto.randomUUID().slice(0, 8)}`, color: "red" });
    await eventHub.settled();
    expect(await keyed.next()).toMatchObject({ event: "closed", data: { reason: "revoked" } });
    expect(await keyed.next()).toBeNull();
  });

  it("ends the browser's /events stream when its session is signed out elsewhere", async () => {
    const person = await signUpApiUser("Dot");
    const stream = await openStream(person.sessionToken, undefined, "/events");
    const signOut = await auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-out`, {
        method: "POST",
        headers: { authorization: `Bearer ${person.sessionToken}`, origin: ORIGIN, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(signOut.status).toBe(200);
    await eventHub.checkCredentials();
    expect(await stream.next()).toMatchObject({ event: "closed", data: { reason: "revoked" } });
    expect(await stream.next()).toBeNull();
    expect((await apiFetch("/events", withToken(person.sessionToken))).status).toBe(401);
  });

  it("ends a connected app's stream when the person disconnects the app", async () => {
    const person = await signUpApiUser("Eve");
    const clientId = `app-${crypto.randomUUID()}`;
    await db.insert(oauthClient).values({ clientId, name: "Follower", redirectUris: ["http://127.0.0.1/callback"] });
    const at = new Date();
    await db
      .insert(oauthConsent)
      .values({ clientId, userId: person.id, scopes: ["tasks:read"], createdAt: at, updatedAt: at });
    // The access token the OAuth provider issues: the API's JWT with the app as `azp`.
    const { token } = await auth.api.signJWT({
      body: {
        payload: {
          sub: person.id,
          email: person.email,
          azp: clientId,
          scope: "tasks:read",
          iat: Math.floor(Date.now() / 1000),
        },
      },
    });
    const stream = await openStream(token);
    await eventHub.checkCredentials();
    await post(person.token, "/api/labels", { name: "Still connected", color: "red" });
    expect(await stream.next()).toMatchObject({ event: "label.created" });

    expect(await disconnectApp(person, clientId, actor)).toBe(true);
    await eventHub.checkCredentials();
    expect(await stream.next()).toMatchObject({ event: "closed", data: { reason: "revoked" } });
    expect(await stream.next()).toBeNull();
    expect((await apiFetch("/api/events", withToken(token))).status).toBe(401);
  });
});
