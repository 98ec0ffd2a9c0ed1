// The webhook sender (decision 120): in every process, a loop claims due deliveries with
// SKIP LOCKED under a lease (as the mail outbox does, decision 013), makes a message's body at
// its first attempt (the entity as the endpoint's owner may read it then) and keeps it for the
// retries, signs it per Standard Webhooks (the `standardwebhooks` package) and POSTs it with a
// 10 s timeout, no redirects, to an address checked again at connection time. A 2xx is done; a
// 410 disables the endpoint; anything else is retried on a schedule of about a day, after which
// the delivery has failed, the endpoint is marked failing and its owner is mailed once.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { and, asc, eq, inArray, lte, ne, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { now } from "~/clock.server";
import { db } from "~/db.server";
import { logger } from "~/logger.server";
import { appLink, compose, hello } from "~/mail/messages.server";
import { enqueueMail, wakeMailSenders } from "~/mail/outbox.server";
import { user, webhookDelivery, webhookEndpoint } from "../../db/schema";
import { addressAllowed, guardedLookup, urlShapeProblem } from "./address-guard.server";
import { webhookSecret } from "./secret.server";

/** Each retry's wait after attempt 1, 2, …: Standard Webhooks' suggested schedule, about 27 hours in all. */
export const RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];
export const ATTEMPTS_MAX = RETRY_DELAYS_MS.length + 1;
export const TIMEOUT_MS = 10_000;
const LEASE_MS = 60_000;
/** Delivered and failed rows are kept this long (Settings shows the latest), then swept. */
export const DELIVERIES_KEPT_MS = 30 * 86_400_000;
const SWEEP_EVERY_MS = 3_600_000;
const EXCERPT_MAX = 200;
const READ_MAX = 4_096;

/** What a message's `data` is: the entity as the owner may read it (built by the API's serializers). */
export interface DeliveryToDescribe {
  type: string;
  entityId: string | null;
  projectId: string | null;
  endpointId: string;
  ownerId: string;
}
export type WebhookDataBuilder = (delivery: DeliveryToDescribe) => Promise<unknown>;

interface Claimed {
  id: string;
  type: string;
  entityId: string | null;
  projectId: string | null;
  body: string | null;
  attempts: number;
  createdAt: Date;
  endpointId: string;
  url: string;
  nonce: string;
  ownerId: string;
  endpointStatus: "active" | "failing" | "disabled";
}

async function claim(at: Date, limit: number): Promise<Claimed[]> {
  const due = and(eq(webhookDelivery.status, "pending"), lte(webhookDelivery.nextAttemptAt, at));
  const candidates = db
    .select({ id: webhookDelivery.id })
    .from(webhookDelivery)
    .innerJoin(webhookEndpoint, eq(webhookEndpoint.id, webhookDelivery.endpointId))
    .where(and(due, ne(webhookEndpoint.status, "disabled")))
    .orderBy(asc(webhookDelivery.nextAttemptAt), asc(webhookDelivery.createdAt), asc(webhookDelivery.eventSeq))
    .limit(limit)
    .for("update", { of: webhookDelivery, skipLocked: true });
  const claimed = await db
    .update(webhookDelivery)
    .set({ nextAttemptAt: new Date(at.getTime() + LEASE_MS), attempts: sql`${webhookDelivery.attempts} + 1` })
    .where(and(inArray(webhookDelivery.id, candidates), due))
    .returning({ id: webhookDelivery.id });
  if (claimed.length === 0) return [];
  const rows = await db
    .select({
      id: webhookDelivery.id,
      type: webhookDelivery.type,
      entityId: webhookDelivery.entityId,
      projectId: webhookDelivery.projectId,
      body: webhookDelivery.body,
      attempts: webhookDelivery.attempts,
      createdAt: webhookDelivery.createdAt,
      endpointId: webhookEndpoint.id,
      url: webhookEndpoint.url,
      nonce: webhookEndpoint.nonce,
      ownerId: webhookEndpoint.userId,
      endpointStatus: webhookEndpoint.status,
    })
    .from(webhookDelivery)
    .innerJoin(webhookEndpoint, eq(webhookEndpoint.id, webhookDelivery.endpointId))
    .where(
      inArray(
        webhookDelivery.id,
        claimed.map((row) => row.id),
      ),
    )
    .orderBy(asc(webhookDelivery.createdAt), asc(webhookDelivery.eventSeq));
  return rows as Claimed[];
}

interface Answer {
  status: number | null;
  excerpt: string;
  durationMs: number;
}

/** One POST: no redirects followed, the address checked at connection, 10 s for the whole exchange. */
export function post(url: string, headers: Record<string, string>, body: string): Promise<Answer> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const shape = urlShapeProblem(url);
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, "");
    if (shape || (isIP(host) && !addressAllowed(host))) {
      resolve({ status: null, excerpt: shape ?? "refused: a private or reserved address", durationMs: took() });
      return;
    }
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const signal = AbortSignal.timeout(TIMEOUT_MS);
    const outgoing = send(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup as never,
        signal,
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () =>
          resolve({
            status: response.statusCode ?? null,
            excerpt: Buffer.concat(chunks).toString("utf8").slice(0, EXCERPT_MAX),
            durationMs: took(),
          });
        response.on("data", (chunk: Buffer) => {
          if (size < READ_MAX) chunks.push(chunk);
          size += chunk.length;
          // The rest of a long answer is not wanted: stop reading it.
          if (size >= READ_MAX) {
            response.destroy();
            finish();
          }
        });
        response.on("end", finish);
        response.on("error", finish);
        response.on("close", finish);
      },
    );
    outgoing.on("error", (error) =>
      resolve({
        status: null,
        excerpt: (signal.aborted ? `timed out after ${TIMEOUT_MS / 1000} s` : error.message).slice(0, EXCERPT_MAX),
        durationMs: took(),
      }),
    );
    outgoing.end(body);
  });
}

async function bodyOf(row: Claimed, describe: WebhookDataBuilder): Promise<string> {
  if (row.body !== null) return row.body;
  const data =
    row.type === "webhook.test"
      ? { endpointId: row.endpointId, message: "A test event from Tasklane" }
      : await describe({
          type: row.type,
          entityId: row.entityId,
          projectId: row.projectId,
          endpointId: row.endpointId,
          ownerId: row.ownerId,
        });
  const body = JSON.stringify({ type: row.type, timestamp: row.createdAt.toISOString(), data });
  // Kept: every retry sends the same bytes under the same webhook-id.
  await db.update(webhookDelivery).set({ body }).where(eq(webhookDelivery.id, row.id));
  return body;
}

async function attempt(row: Claimed, describe: WebhookDataBuilder, at: Date) {
  const body = await bodyOf(row, describe);
  // The real time, not the scheduling clock: receivers refuse a timestamp minutes away from theirs.
  const sentAt = new Date();
  const answer = await post(
    row.url,
    {
      "content-type": "application/json",
      "user-agent": "Tasklane-Webhooks/1",
      "webhook-id": row.id,
      "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
      "webhook-signature": new Webhook(webhookSecret(row.endpointId, row.nonce)).sign(row.id, sentAt, body),
    },
    body,
  );
  await record(row, answer, at);
}

async function record(row: Claimed, answer: Answer, at: Date) {
  const outcome = {
    lastAttemptAt: at,
    responseStatus: answer.status,
    responseExcerpt: answer.excerpt || null,
    durationMs: answer.durationMs,
  };
  const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
  if (ok) {
    await db.transaction(async (tx) => {
      await tx
        .update(webhookDelivery)
        .set({ ...outcome, status: "delivered" })
        .where(eq(webhookDelivery.id, row.id));
      await tx
        .update(webhookEndpoint)
        .set({ status: "active", statusReason: null, updatedAt: sql`now()` })
        .where(and(eq(webhookEndpoint.id, row.endpointId), eq(webhookEndpoint.status, "failing")));
    });
    return;
  }
  if (answer.status === 410) {
    await db.transaction(async (tx) => {
      await tx
        .update(webhookDelivery)
        .set({ ...outcome, status: "failed" })
        .where(eq(webhookDelivery.id, row.id));
      await tx
        .update(webhookEndpoint)
        .set({ status: "disabled", statusReason: "The endpoint answered 410 Gone", updatedAt: sql`now()` })
        .where(eq(webhookEndpoint.id, row.endpointId));
    });
    logger.warn({ webhookId: row.endpointId }, "webhook endpoint disabled: it answered 410 Gone");
    return;
  }
  if (row.attempts < ATTEMPTS_MAX) {
    const retryAt = new Date(at.getTime() + RETRY_DELAYS_MS[row.attempts - 1]!);
    await db
      .update(webhookDelivery)
      .set({ ...outcome, nextAttemptAt: retryAt })
      .where(eq(webhookDelivery.id, row.id));
    return;
  }
  // Given up after about a day: the endpoint is failing, and its owner hears of it once.
  let mailed = false;
  await db.transaction(async (tx) => {
    await tx
      .update(webhookDelivery)
      .set({ ...outcome, status: "failed" })
      .where(eq(webhookDelivery.id, row.id));
    const failing = await tx
      .update(webhookEndpoint)
      .set({
        status: "failing",
        statusReason: `A delivery failed ${ATTEMPTS_MAX} times over about a day (last: ${answer.status ?? answer.excerpt})`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(webhookEndpoint.id, row.endpointId), eq(webhookEndpoint.status, "active")))
      .returning({ url: webhookEndpoint.url });
    if (failing.length === 0) return;
    const [owner] = await tx.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, row.ownerId));
    if (!owner) return;
    await enqueueMail(
      compose({
        to: owner.email,
        subject: "A webhook of yours is failing",
        greeting: hello(owner.name),
        lines: [
          `Tasklane could not deliver an event to your webhook ${failing[0]!.url} for about a day, so it is marked failing.`,
          "New events are still tried; the first one it accepts marks it working again. Its recent deliveries are in Settings.",
        ],
        link: { href: appLink("/settings/webhooks"), label: "See your webhooks" },
        notYou: "You get this because you added this webhook in Tasklane.",
        lifetimeMs: 3 * 24 * 3_600_000,
      }),
      tx,
    );
    mailed = true;
  });
  if (mailed) wakeMailSenders();
  logger.warn({ webhookId: row.endpointId, deliveryId: row.id }, "webhook delivery given up: endpoint failing");
}

export interface RoundOptions {
  describe: WebhookDataBuilder;
  at?: Date;
  limit?: number;
}

/** One round: claims up to `limit` due deliveries and attempts them all at once. How many it took. */
export async function runWebhookRound({ describe, at = now(), limit = 10 }: RoundOptions): Promise<number> {
  const rows = await claim(at, limit);
  // Endpoints at once, each one's messages in the order of their events.
  const byEndpoint = Map.groupBy(rows, (row) => row.endpointId);
  await Promise.all(
    [...byEndpoint.values()].map(async (queue) => {
      for (const row of queue)
        await attempt(row, describe, at).catch((error: unknown) =>
          logger.error({ err: error, deliveryId: row.id }, "webhook delivery could not be recorded"),
        );
    }),
  );
  return rows.length;
}

/** Deletes finished deliveries older than DELIVERIES_KEPT_MS (pending ones stay). How many. */
export async function sweepWebhookDeliveries(at: Date = now()): Promise<number> {
  const gone = await db
    .delete(webhookDelivery)
    .where(
      and(
        ne(webhookDelivery.status, "pending"),
        lte(webhookDelivery.createdAt, new Date(at.getTime() - DELIVERIES_KEPT_MS)),
      ),
    )
    .returning({ id: webhookDelivery.id });
  return gone.length;
}

interface Sender {
  wake(): void;
  stop(): Promise<void>;
}
const running = new Set<Sender>();

/** Look for due deliveries now in this process (after a request queued one). */
export function wakeWebhookSenders(): void {
  for (const sender of running) sender.wake();
}

export function startWebhookSender(options: Omit<RoundOptions, "at"> & { pollIntervalMs?: number }): Sender {
  const { pollIntervalMs = 5_000, ...round } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | null = null;
  let again = false;
  let sweptAt = 0;
  const run = () => {
    clearTimeout(timer);
    if (stopped) return;
    if (current) {
      again = true;
      return;
    }
    current = (async () => {
      while (!stopped && (await runWebhookRound(round)) === (round.limit ?? 10));
      if (!stopped && Date.now() - sweptAt > SWEEP_EVERY_MS) {
        sweptAt = Date.now();
        await sweepWebhookDeliveries();
      }
    })()
      .catch((error: unknown) => logger.error({ err: error }, "webhook sender: could not read the deliveries"))
      .finally(() => {
        current = null;
        if (again) {
          again = false;
          run();
        } else if (!stopped) timer = setTimeout(run, pollIntervalMs);
      });
  };
  const sender: Sender = {
    wake: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      running.delete(sender);
      // A delivery in hand gets its timeout to finish; past it, its lease hands it on.
      await Promise.race([current, sleep(TIMEOUT_MS + 1_000)]);
    },
  };
  running.add(sender);
  run();
  return sender;
}

let appSender: Sender | null = null;

/** The process's one sender (server/app.ts starts and stops it). */
export function startAppWebhookSender(options: Omit<RoundOptions, "at">): void {
  appSender ??= startWebhookSender(options);
}

export async function stopAppWebhookSender(): Promise<void> {
  await appSender?.stop();
  appSender = null;
}
