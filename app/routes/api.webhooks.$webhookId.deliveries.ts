// /api/webhooks/{id}/deliveries: an endpoint's latest deliveries, newest first (decision 120).
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { WebhookDeliveryListJsonSchema, webhookDeliveryJson } from "~/api/webhook-json";
import { webhookNotFound, webhookNotFoundResponse } from "~/api/webhook-problems.server";
import { listWebhookDeliveries } from "~/webhooks/endpoints.server";

const serveDeliveries = apiRoute(
  { path: "/api/webhooks/{id}/deliveries" },
  {
    GET: {
      openapi: {
        operationId: "listWebhookDeliveries",
        summary: "An endpoint's latest 20 deliveries: status, attempts, the last answer's status, excerpt and duration",
        responses: {
          "200": {
            description: "The deliveries",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("WebhookDeliveryList", WebhookDeliveryListJsonSchema)),
          },
          ...webhookNotFoundResponse,
          ...doc.authenticatedResponses,
        },
      },
      async handle({ params, user }) {
        const deliveries = await listWebhookDeliveries(user.userId, params.webhookId!);
        if (!deliveries) throw webhookNotFound();
        return Response.json({ deliveries: deliveries.map(webhookDeliveryJson) });
      },
    },
  },
);

export const loader = serveDeliveries;
