// Webhooks (issue 34, decision 120) with real HTTP receivers started here and the sender's clock
// passed in: every delivery is accepted by the Standard Webhooks reference verifier; the payload
// is { type, timestamp, data } with the entity as the API returns it; a receiver that is down
// for a while gets every event once it is back; after about a day the endpoint is failing and
// its owner mailed; a 410 disables it; redirects are not followed; private, loopback,
// link-local and metadata addresses are refused when added and again at delivery; another
// person's endpoint is a 404; and only the events its owner may read reach an endpoint.
import { spawnSync } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { describeWebhookEvent } from "~/api/webhook-data.server";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { addProjectMember } from "~/projects/members.server";
import {
  ATTEMPTS_MAX,
  DELIVERIES_KEPT_MS,
  RETRY_DELAYS_MS,
  runWebhookRound,
  sweepWebhookDeliveries,
} from "~/webhooks/sender.server";
import { mailOutbox, webhookDelivery, webhookEndpoint } from "../../db/schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";
import { type Receiver, startReceiver } from "../support/webhook-receiver";

let owner: ApiUser;
let viewer: ApiUser;
let stranger: ApiUser;
let shared: string;
let other: string;
const receivers: Receiver[] = [];

const allow = (http: boolean, privateAddresses: boolean) =>
  Object.assign(config, { WEBHOOK_ALLOW_HTTP: http, WEBHOOK_ALLOW_PRIVATE: privateAddresses });

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Rounds of the sender at `at` until nothing more is due then. */
async function drain(at = new Date()) {
  for (let round = 0; round < 50; round++)
    if ((await runWebhookRound({ describe: describeWebhookEvent, at })) === 0) return;
  throw new Error("the sender never ran dry");
}

async function receiverFor(who: ApiUser, body: Record<string, unknown> = {}) {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const response = await apiFetch(
    "/api/webhooks",
    withToken(who.token, { method: "POST", json: { url: receiver.url, events: ["task.created"], ...body } }),
  );
  expect(response.status, await response.clone().text()).toBe(201);
  const created = await json<{ id: string; secret: string }>(response);
  receiver.secret = created.secret;
  return { receiver, id: created.id, secret: created.secret };
}

async function task(who: ApiUser, body: Record<string, unknown>) {
  const response = await apiFetch("/api/tasks", withToken(who.token, { method: "POST", json: body }));
  expect(response.status).toBe(201);
  return json<{ id: string; title: string }>(response);
}

beforeAll(async () => {
  allow(true, true);
  [owner, viewer, stranger] = await Promise.all([
    signUpApiUser("Hook Owner"),
    signUpApiUser("Hook Viewer"),
    signUpApiUser("Hook Stranger"),
  ]);
  const made = async (name: string) =>
    (
      await json<{ id: string }>(
        await apiFetch("/api/projects", withToken(owner.token, { method: "POST", json: { name } })),
      )
    ).id;
  shared = await made("Hooked");
  other = await made("Not hooked");
  await addProjectMember(owner.id, shared, viewer.id, "viewer");
});

afterEach(() => allow(true, true));
afterAll(async () => {
  allow(false, false);
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

describe("deliveries", () => {
  it("sends each subscribed event once, signed per Standard Webhooks, with the entity as the API returns it", async () => {
    const { receiver } = await receiverFor(owner, {
      events: [
        "task.created",
        "task.updated",
        "task.completed",
        "task.deleted",
        "comment.created",
        "project.updated",
        "member.joined",
        "member.left",
      ],
      projectIds: [shared],
    });
    // The sender runs after each change, as it does within seconds in a running server: a
    // message's data is the entity as its owner may read it at the first attempt.
    const created = await task(owner, { title: "Hook me", projectId: shared });
    await drain();
    await apiFetch(`/api/tasks/${created.id}`, withToken(owner.token, { method: "PATCH", json: { priority: "high" } }));
    await drain();
    await apiFetch(
      `/api/tasks/${created.id}/comments`,
      withToken(owner.token, { method: "POST", json: { body: "Noted" } }),
    );
    await drain();
    await apiFetch(`/api/tasks/${created.id}/complete`, withToken(owner.token, { method: "PATCH" }));
    await drain();
    await apiFetch(`/api/projects/${shared}`, withToken(owner.token, { method: "PATCH", json: { color: "red" } }));
    await task(owner, { title: "Elsewhere", projectId: other });
    await drain();
    await apiFetch(`/api/tasks/${created.id}`, withToken(owner.token, { method: "DELETE" }));
    await drain();

    expect(receiver.received.every((item) => item.verified)).toBe(true);
    const accepted = receiver.accepted();
    expect(accepted.map((message) => message.type)).toEqual([
      "task.created",
      "task.updated",
      "comment.created",
      "task.completed",
      "project.updated",
      "task.deleted",
    ]);
    // One message per delivery id, and the headers Standard Webhooks names.
    expect(new Set(accepted.map((message) => message.id)).size).toBe(accepted.length);
    const first = receiver.received[0]!;
    expect(first.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(first.headers["webhook-timestamp"]).toMatch(/^\d+$/);
    expect(first.headers["content-type"]).toBe("application/json");
    expect(accepted[0]!.data).toMatchObject({ id: created.id, title: "Hook me", projectId: shared });
    expect(accepted[1]!.data).toMatchObject({ id: created.id, priority: "high" });
    expect(accepted[2]!.data).toMatchObject({ body: "Noted", taskId: created.id });
    expect(accepted[3]!.data).toMatchObject({ id: created.id, completed: true });
    expect(accepted[4]!.data).toMatchObject({ id: shared, color: "red" });
    expect(accepted[5]!.data).toEqual({ id: created.id, projectId: shared });
    expect(Number.isNaN(Date.parse(accepted[0]!.timestamp))).toBe(false);

    // And independently of the package that signed it: Standard Webhooks' algorithm in Python's
    // hmac (base64 HMAC-SHA256 of "id.timestamp.body" under the secret's bytes).
    const python = String.raw`
import sys, json, hmac, hashlib, base64
m = json.load(sys.stdin)
key = base64.b64decode(m["secret"].split("_", 1)[1])
signed = (m["id"] + "." + m["timestamp"] + "." + m["body"]).encode()
expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
print("ok" if any(s.split(",", 1)[1] == expected for s in m["signature"].split(" ")) else "bad")
`;
    const check = spawnSync("python3", ["-c", python], {
      encoding: "utf8",
      input: JSON.stringify({
        secret: receiver.secret,
        id: first.headers["webhook-id"],
        timestamp: first.headers["webhook-timestamp"],
        body: first.body,
        signature: first.headers["webhook-signature"],
      }),
    });
    expect(check.stdout.trim(), check.stderr).toBe("ok");
  });

  it("reaches a member's endpoint for the shared project, and nobody else's", async () => {
    const member = await receiverFor(viewer, { events: ["task.created"] });
    const outsider = await receiverFor(stranger, { events: ["task.created"] });
    await task(owner, { title: "For the team", projectId: shared });
    await task(owner, { title: "Private", projectId: other });
    await drain();
    expect(member.receiver.accepted().map((message) => message.data.title)).toEqual(["For the team"]);
    expect(outsider.receiver.received).toEqual([]);
  });

  it("a receiver down for a while gets every event once it is back (the sender's clock moved on)", async () => {
    const { receiver, id } = await receiverFor(owner, { events: ["task.created"], projectIds: [other] });
    receiver.mode = "down";
    const titles = ["One", "Two", "Three"];
    for (const title of titles) await task(owner, { title, projectId: other });
    const start = new Date();
    await drain(start);
    expect(receiver.received).toHaveLength(3);
    // Nothing is due again before the first retry's delay.
    await drain(new Date(start.getTime() + RETRY_DELAYS_MS[0]! - 1_000));
    expect(receiver.received).toHaveLength(3);
    let at = start.getTime();
    for (const delay of RETRY_DELAYS_MS.slice(0, 3)) {
      at += delay + 1_000;
      await drain(new Date(at));
    }
    expect(receiver.received).toHaveLength(12);
    receiver.mode = "up";
    at += RETRY_DELAYS_MS[3]! + 1_000;
    await drain(new Date(at));
    expect(receiver.accepted().map((message) => message.data.title)).toEqual(titles);
    expect(new Set(receiver.accepted().map((message) => message.id)).size).toBe(3);
    // The same id on every attempt of one message.
    expect(new Set(receiver.received.map((item) => item.id)).size).toBe(3);
    await drain(new Date(at + 86_400_000));
    expect(receiver.accepted()).toHaveLength(3);
    const deliveries = await json<{ deliveries: { status: string; attempts: number; responseStatus: number }[] }>(
      await apiFetch(`/api/webhooks/${id}/deliveries`, withToken(owner.token)),
    );
    expect(deliveries.deliveries.map((item) => [item.status, item.attempts, item.responseStatus])).toEqual([
      ["delivered", 5, 200],
      ["delivered", 5, 200],
      ["delivered", 5, 200],
    ]);
  });

  it("after about a day of failures the endpoint is failing and its owner is mailed once; a success mends it", async () => {
    const { receiver, id } = await receiverFor(owner, { events: ["task.created"], projectIds: [other] });
    receiver.mode = "down";
    await task(owner, { title: "Never lands", projectId: other });
    let at = Date.now();
    await drain(new Date(at));
    for (const delay of RETRY_DELAYS_MS) {
      at += delay + 1_000;
      await drain(new Date(at));
    }
    expect(receiver.received).toHaveLength(ATTEMPTS_MAX);
    expect((at - Date.now()) / 3_600_000).toBeGreaterThan(24);
    const endpoint = await json<{ status: string; statusReason: string }>(
      await apiFetch(`/api/webhooks/${id}`, withToken(owner.token)),
    );
    expect(endpoint.status).toBe("failing");
    const mail = await db.select().from(mailOutbox).where(eq(mailOutbox.recipient, owner.email));
    expect(mail.filter((row) => row.subject === "A webhook of yours is failing")).toHaveLength(1);

    receiver.mode = "up";
    await task(owner, { title: "Lands", projectId: other });
    await drain(new Date(at));
    expect((await json<{ status: string }>(await apiFetch(`/api/webhooks/${id}`, withToken(owner.token)))).status).toBe(
      "active",
    );
  });

  it("a 410 disables the endpoint: nothing more is queued for it", async () => {
    const { receiver, id } = await receiverFor(owner, { events: ["task.created"], projectIds: [other] });
    receiver.mode = "gone";
    await task(owner, { title: "Gone", projectId: other });
    await drain();
    const endpoint = await json<{ status: string }>(await apiFetch(`/api/webhooks/${id}`, withToken(owner.token)));
    expect(endpoint.status).toBe("disabled");
    await task(owner, { title: "After", projectId: other });
    const rows = await db.select().from(webhookDelivery).where(eq(webhookDelivery.endpointId, id));
    expect(rows).toHaveLength(1);
    // Turned on again, it receives the next event.
    receiver.mode = "up";
    await apiFetch(`/api/webhooks/${id}`, withToken(owner.token, { method: "PATCH", json: { enabled: true } }));
    await task(owner, { title: "Back", projectId: other });
    await drain();
    expect(receiver.accepted().map((message) => message.data.title)).toEqual(["Back"]);
  });

  it("does not follow a redirect", async () => {
    const { receiver } = await receiverFor(owner, { events: ["task.created"], projectIds: [other] });
    const elsewhere = await startReceiver();
    receivers.push(elsewhere);
    receiver.mode = "redirect";
    receiver.redirectTo = elsewhere.url;
    await task(owner, { title: "Redirected", projectId: other });
    await drain();
    expect(receiver.received).toHaveLength(1);
    expect(elsewhere.received).toEqual([]);
    const [row] = await db
      .select()
      .from(webhookDelivery)
      .where(
        eq(
          webhookDelivery.endpointId,
          (await db.select().from(webhookEndpoint).where(eq(webhookEndpoint.url, receiver.url)))[0]!.id,
        ),
      );
    expect(row!.status).toBe("pending");
    expect(row!.responseStatus).toBe(302);
    expect(row!.responseExcerpt!.length).toBeLessThanOrEqual(200);
  });

  it("two senders at once send each message once", async () => {
    const { receiver } = await receiverFor(owner, { events: ["task.created"], projectIds: [other] });
    for (const title of ["A", "B", "C", "D", "E"]) await task(owner, { title, projectId: other });
    const at = new Date();
    await Promise.all([
      runWebhookRound({ describe: describeWebhookEvent, at, limit: 3 }),
      runWebhookRound({ describe: describeWebhookEvent, at, limit: 3 }),
    ]);
    await drain(at);
    expect(receiver.received.map((item) => item.id).sort()).toEqual(
      [...new Set(receiver.received.map((item) => item.id))].sort(),
    );
    expect(receiver.accepted()).toHaveLength(5);
  });

  it("sends a test event and a delivery again with the same id and body", async () => {
    const { receiver, id } = await receiverFor(owner, { events: ["task.created"], projectIds: [other] });
    const { sendTestEvent, resendDelivery } = await import("~/webhooks/endpoints.server");
    expect(await sendTestEvent(owner.id, id)).toBe(true);
    expect(await sendTestEvent(stranger.id, id)).toBe(false);
    await drain();
    const [test] = receiver.accepted();
    expect(test!.type).toBe("webhook.test");
    expect(await resendDelivery(stranger.id, id, test!.id)).toBe(false);
    expect(await resendDelivery(owner.id, id, test!.id)).toBe(true);
    await drain();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.id).toBe(test!.id);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    expect(receiver.received.every((item) => item.verified)).toBe(true);
  });
});

describe("housekeeping", () => {
  it("sweeps finished deliveries after 30 days and keeps pending ones", async () => {
    const { receiver, id } = await receiverFor(owner, { events: ["task.created"], projectIds: [other] });
    await task(owner, { title: "Old news", projectId: other });
    await drain();
    receiver.mode = "down";
    await task(owner, { title: "Still trying", projectId: other });
    await drain();
    const later = new Date(Date.now() + DELIVERIES_KEPT_MS + 60_000);
    expect(await sweepWebhookDeliveries(later)).toBeGreaterThanOrEqual(1);
    const left = await db.select().from(webhookDelivery).where(eq(webhookDelivery.endpointId, id));
    expect(left.map((row) => row.status)).toEqual(["pending"]);
  });
});

describe("safety", () => {
  const refused = async (url: string) => {
    const response = await apiFetch(
      "/api/webhooks",
      withToken(owner.token, { method: "POST", json: { url, events: ["task.created"] } }),
    );
    return { status: response.status, body: await json<{ detail: string; errors?: { path: string }[] }>(response) };
  };

  it("refuses http:// unless allowed, credentials in the URL, and private, loopback, link-local and metadata addresses", async () => {
    allow(false, false);
    expect((await refused("http://example.com/hook")).body.detail).toBe("The URL must start with https://");
    allow(true, false);
    for (const url of [
      "https://127.0.0.1/hook",
      "https://localhost:8443/hook",
      "https://10.1.2.3/hook",
      "https://192.168.0.10/hook",
      "https://172.16.5.4/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/hook",
      "https://[fd00:ec2::254]/hook",
      "https://[::ffff:127.0.0.1]/hook",
      "https://100.64.0.1/hook",
      "https://0.0.0.0/hook",
    ]) {
      const answer = await refused(url);
      expect(answer.status, url).toBe(400);
      expect(answer.body.errors?.[0]?.path, url).toBe("url");
    }
    expect((await refused("https://user:pass@example.com/hook")).status).toBe(400);
    expect((await refused("ftp://example.com/hook")).status).toBe(400);
    expect((await refused("not a url")).status).toBe(400);
  });

  it("refuses a private address again at delivery (a name that came to resolve to one)", async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const response = await apiFetch(
      "/api/webhooks",
      withToken(owner.token, {
        method: "POST",
        json: { url: `http://localhost:${receiver.port}/hook`, events: ["task.created"], projectIds: [other] },
      }),
    );
    expect(response.status).toBe(201);
    const { id } = await json<{ id: string }>(response);
    allow(true, false);
    await task(owner, { title: "Rebound", projectId: other });
    await drain();
    expect(receiver.received).toEqual([]);
    const [row] = await db.select().from(webhookDelivery).where(eq(webhookDelivery.endpointId, id));
    expect(row!.responseStatus).toBeNull();
    expect(row!.responseExcerpt).toMatch(/refused/);
  });

  it("another person's endpoint is the 404 of a missing one, on every route", async () => {
    const { id } = await receiverFor(owner, { events: ["task.created"], projectIds: [other] });
    const missing = "00000000-0000-4000-8000-00000000dead";
    for (const [method, path, body] of [
      ["GET", `/api/webhooks/${id}`, undefined],
      ["PATCH", `/api/webhooks/${id}`, { events: ["task.deleted"] }],
      ["DELETE", `/api/webhooks/${id}`, undefined],
      ["GET", `/api/webhooks/${id}/deliveries`, undefined],
    ] as const) {
      const theirs = await apiFetch(path, withToken(stranger.token, { method, ...(body && { json: body }) }));
      const none = await apiFetch(
        path.replace(id, missing),
        withToken(stranger.token, { method, ...(body && { json: body }) }),
      );
      expect(theirs.status, `${method} ${path}`).toBe(404);
      expect(await theirs.text()).toBe(await none.text());
    }
    const list = await json<{ webhooks: { id: string }[] }>(await apiFetch("/api/webhooks", withToken(stranger.token)));
    expect(list.webhooks.map((hook) => hook.id)).not.toContain(id);
    // Nor may an endpoint name a project its owner cannot see.
    const foreign = await apiFetch(
      "/api/webhooks",
      withToken(stranger.token, {
        method: "POST",
        json: { url: "https://example.com/h", events: ["task.created"], projectIds: [other] },
      }),
    );
    expect(foreign.status).toBe(400);
    // The secret is in the 201 only.
    const read = await apiFetch(`/api/webhooks/${id}`, withToken(owner.token));
    expect(await read.text()).not.toContain("whsec_");
  });
});
