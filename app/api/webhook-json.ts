// The JSON API's wire format for webhook endpoints and their deliveries (decision 120).
import { z } from "zod";
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_STATUSES } from "../../db/values";
import { WEBHOOK_EVENT_TYPES } from "~/webhooks/webhook-rules";
import type { WebhookDelivery, WebhookEndpoint } from "~/webhooks/endpoints.server";

export const WebhookJsonSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  projectIds: z.array(z.uuid()).nullable().describe("Only these projects' events; null: every project the user sees"),
  status: z
    .enum(WEBHOOK_STATUSES)
    .describe(
      "failing: a delivery gave up after about a day (new events are still tried); disabled: a 410 Gone, or turned off",
    ),
  statusReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type WebhookJson = z.infer<typeof WebhookJsonSchema>;

export const NewWebhookJsonSchema = WebhookJsonSchema.extend({
  secret: z.string().describe("The signing secret (Standard Webhooks, whsec_…): in this answer only, never again"),
});

export const WebhookListJsonSchema = z.object({ webhooks: z.array(WebhookJsonSchema).describe("Oldest first") });

export const WebhookDeliveryJsonSchema = z.object({
  id: z.uuid().describe("The message's webhook-id (the same on every attempt)"),
  type: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.int(),
  createdAt: z.iso.datetime(),
  lastAttemptAt: z.iso.datetime().nullable(),
  nextAttemptAt: z.iso.datetime().nullable().describe("When a pending delivery is tried next"),
  responseStatus: z.int().nullable(),
  responseExcerpt: z.string().nullable().describe("At most 200 characters of the answer, or the error"),
  durationMs: z.int().nullable(),
});

export const WebhookDeliveryListJsonSchema = z.object({
  deliveries: z.array(WebhookDeliveryJsonSchema).describe("The latest 20, newest first"),
});

export function webhookJson(endpoint: WebhookEndpoint): WebhookJson {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events as WebhookJson["events"],
    projectIds: endpoint.projectIds,
    status: endpoint.status,
    statusReason: endpoint.statusReason,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

export function webhookDeliveryJson(delivery: WebhookDelivery): z.infer<typeof WebhookDeliveryJsonSchema> {
  return {
    id: delivery.id,
    type: delivery.type,
    status: delivery.status,
    attempts: delivery.attempts,
    createdAt: delivery.createdAt.toISOString(),
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: delivery.status === "pending" ? delivery.nextAttemptAt.toISOString() : null,
    responseStatus: delivery.responseStatus,
    responseExcerpt: delivery.responseExcerpt,
    durationMs: delivery.durationMs,
  };
}
