// /api/webhooks: the user's webhook endpoints; POST adds one, its secret in the answer only (decision 120).
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { NewWebhookJsonSchema, WebhookListJsonSchema, webhookJson } from "~/api/webhook-json";
import { answeringInputErrors, webhookInputResponses } from "~/api/webhook-problems.server";
import { createWebhook, listWebhooks } from "~/webhooks/endpoints.server";
import { WebhookInputSchema } from "~/webhooks/webhook-rules";

const serveWebhooks = apiRoute(
  { path: "/api/webhooks" },
  {
    GET: {
      openapi: {
        operationId: "listWebhooks",
        summary: "The user's webhook endpoints",
        responses: {
          "200": {
            description: "The endpoints",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("WebhookList", WebhookListJsonSchema)),
          },
          ...doc.authenticatedResponses,
        },
      },
      async handle({ user }) {
        return Response.json({ webhooks: (await listWebhooks(user.userId)).map(webhookJson) });
      },
    },
    POST: {
      openapi: {
        operationId: "createWebhook",
        summary:
          "Add an endpoint: Tasklane POSTs the chosen events to it, signed per Standard Webhooks with the secret in this answer (shown once)",
        requestBody: doc.requestBody("WebhookInput", WebhookInputSchema),
        responses: {
          "201": {
            description: "The new endpoint, with its signing secret",
            headers: { ...doc.rateLimitHeaders, ...doc.locationHeader },
            content: doc.json(doc.responseSchema("NewWebhook", NewWebhookJsonSchema)),
          },
          ...webhookInputResponses,
          ...doc.writeResponses,
        },
      },
      async handle({ request, user }) {
        const input = await readJsonBody(request, WebhookInputSchema);
        return answeringInputErrors(async () => {
          const { endpoint, secret } = await createWebhook(user.userId, input);
          return Response.json(
            { ...webhookJson(endpoint), secret },
            { status: 201, headers: { Location: `/api/webhooks/${endpoint.id}` } },
          );
        });
      },
    },
  },
);

export const loader = serveWebhooks;
export const action = serveWebhooks;
