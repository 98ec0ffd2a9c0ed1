// A person's webhook endpoints and their deliveries (decision 120). Every statement has the
// owner in its WHERE: another person's endpoint is the same "not found" as a missing one.
import { randomBytes } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "~/db.server";
import { projectsAccessibleTo } from "~/projects/project-access.server";
import { isUuid } from "~/text-rules";
import { project, webhookDelivery, webhookEndpoint } from "../../db/schema";
import { webhookUrlProblem } from "./address-guard.server";
import { type WebhookInput, type WebhookPatch, WEBHOOKS_MAX } from "./webhook-rules";
import { webhookSecret } from "./secret.server";
import { wakeWebhookSenders } from "./sender.server";

export type WebhookEndpoint = Omit<typeof webhookEndpoint.$inferSelect, "nonce">;
export type WebhookDelivery = Omit<typeof webhookDelivery.$inferSelect, "body" | "eventSeq">;

const endpointColumns = {
  id: webhookEndpoint.id,
  userId: webhookEndpoint.userId,
  url: webhookEndpoint.url,
  events: webhookEndpoint.events,
  projectIds: webhookEndpoint.projectIds,
  status: webhookEndpoint.status,
  statusReason: webhookEndpoint.statusReason,
  createdAt: webhookEndpoint.createdAt,
  updatedAt: webhookEndpoint.updatedAt,
};

/** A field's refusal: the API's 400 and the form's message. */
export class WebhookInputError extends Error {
  constructor(
    readonly field: "url" | "projectIds" | "",
    message: string,
  ) {
    super(message);
  }
}

async function checkProjects(userId: string, ids: string[] | null): Promise<void> {
  if (!ids) return;
  const rows = await db
    .select({ id: project.id })
    .from(project)
    .where(and(sql`${project.id} = any(${sql.param(ids)}::uuid[])`, projectsAccessibleTo(userId, "see")));
  if (rows.length !== ids.length) throw new WebhookInputError("projectIds", "No such project");
}

async function checkUrl(url: string): Promise<void> {
  const problem = await webhookUrlProblem(url);
  if (problem) throw new WebhookInputError("url", problem);
}

const mine = (userId: string, id: string) => and(eq(webhookEndpoint.id, id), eq(webhookEndpoint.userId, userId));

export async function listWebhooks(userId: string): Promise<WebhookEndpoint[]> {
  return db
    .select(endpointColumns)
    .from(webhookEndpoint)
    .where(eq(webhookEndpoint.userId, userId))
    .orderBy(webhookEndpoint.createdAt, webhookEndpoint.id);
}

export async function getWebhook(userId: string, id: string): Promise<WebhookEndpoint | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select(endpointColumns).from(webhookEndpoint).where(mine(userId, id));
  return row ?? null;
}

/** Adds an endpoint; its secret is in the answer and nowhere else. */
export async function createWebhook(
  userId: string,
  input: WebhookInput,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  await checkUrl(input.url);
  await checkProjects(userId, input.projectIds);
  const nonce = randomBytes(16).toString("base64url");
  return db.transaction(async (tx) => {
    // The count and the insert under the person's row lock: two at once cannot pass the limit.
    await tx.execute(sql`select 1 from "user" where id = ${userId} for update`);
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookEndpoint)
      .where(eq(webhookEndpoint.userId, userId))) as [{ n: number }];
    if (Number(n) >= WEBHOOKS_MAX) throw new WebhookInputError("", `You can have at most ${WEBHOOKS_MAX} webhooks`);
    const [endpoint] = await tx
      .insert(webhookEndpoint)
      .values({ userId, url: input.url, events: input.events, projectIds: input.projectIds, nonce })
      .returning(endpointColumns);
    return { endpoint: endpoint!, secret: webhookSecret(endpoint!.id, nonce) };
  });
}

export async function updateWebhook(userId: string, id: string, patch: WebhookPatch): Promise<WebhookEndpoint | null> {
  if (!(await getWebhook(userId, id))) return null;
  if (patch.url !== undefined) await checkUrl(patch.url);
  if (patch.projectIds !== undefined) await checkProjects(userId, patch.projectIds);
  const [row] = await db
    .update(webhookEndpoint)
    .set({
      ...(patch.url !== undefined && { url: patch.url }),
      ...(patch.events !== undefined && { events: patch.events }),
      ...(patch.projectIds !== undefined && { projectIds: patch.projectIds }),
      ...(patch.enabled === true && { status: "active" as const, statusReason: null }),
      ...(patch.enabled === false && { status: "disabled" as const, statusReason: "Turned off by its owner" }),
      updatedAt: sql`now()`,
    })
    .where(mine(userId, id))
    .returning(endpointColumns);
  return row ?? null;
}

export async function deleteWebhook(userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const gone = await db.delete(webhookEndpoint).where(mine(userId, id)).returning({ id: webhookEndpoint.id });
  return gone.length > 0;
}

/** The endpoint's latest deliveries, newest first (null: no such endpoint of theirs). */
export async function listWebhookDeliveries(userId: string, id: string, limit = 20): Promise<WebhookDelivery[] | null> {
  if (!(await getWebhook(userId, id))) return null;
  return db
    .select({
      id: webhookDelivery.id,
      endpointId: webhookDelivery.endpointId,
      type: webhookDelivery.type,
      entityId: webhookDelivery.entityId,
      projectId: webhookDelivery.projectId,
      status: webhookDelivery.status,
      attempts: webhookDelivery.attempts,
      nextAttemptAt: webhookDelivery.nextAttemptAt,
      lastAttemptAt: webhookDelivery.lastAttemptAt,
      responseStatus: webhookDelivery.responseStatus,
      responseExcerpt: webhookDelivery.responseExcerpt,
      durationMs: webhookDelivery.durationMs,
      createdAt: webhookDelivery.createdAt,
    })
    .from(webhookDelivery)
    .where(eq(webhookDelivery.endpointId, id))
    .orderBy(desc(webhookDelivery.createdAt), desc(webhookDelivery.id))
    .limit(limit);
}

/** Queues a `webhook.test` message to the endpoint (whatever it subscribes to). */
export async function sendTestEvent(userId: string, id: string): Promise<boolean> {
  const endpoint = await getWebhook(userId, id);
  if (!endpoint) return false;
  await db.insert(webhookDelivery).values({ endpointId: id, type: "webhook.test", entityId: id });
  wakeWebhookSenders();
  return true;
}

/** "Send again": the delivery goes out once more, now, with the same id and body. */
export async function resendDelivery(userId: string, endpointId: string, deliveryId: string): Promise<boolean> {
  if (!isUuid(deliveryId) || !(await getWebhook(userId, endpointId))) return false;
  const [row] = await db
    .update(webhookDelivery)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()` })
    .where(and(eq(webhookDelivery.id, deliveryId), eq(webhookDelivery.endpointId, endpointId)))
    .returning({ id: webhookDelivery.id });
  if (row) wakeWebhookSenders();
  return row !== undefined;
}
