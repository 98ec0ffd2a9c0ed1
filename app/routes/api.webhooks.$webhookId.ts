// /api/webhooks/{id}: one of the user's webhook endpoints: read, change (enabled: false turns it
// off, true back on), delete (decision 120). Another user's is the 404 of a missing one.
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { WebhookJsonSchema, webhookJson } from "~/api/webhook-json";
import {
  answeringInputErrors,
  webhookInputResponses,
  webhookNotFound,
  webhookNotFoundResponse,
} from "~/api/webhook-problems.server";
import { deleteWebhook, getWebhook, updateWebhook } from "~/webhooks/endpoints.server";
import { WebhookPatchSchema } from "~/webhooks/webhook-rules";

const webhookResponse = (description: string) => ({
  description,
  headers: doc.rateLimitHeaders,
  content: doc.json(doc.responseSchema("Webhook", WebhookJsonSchema)),
});

const serveWebhook = apiRoute(
  { path: "/api/webhooks/{id}" },
  {
    GET: {
      openapi: {
        operationId: "getWebhook",
        summary: "One webhook endpoint",
        responses: {
          "200": webhookResponse("The endpoint"),
          ...webhookNotFoundResponse,
          ...doc.authenticatedResponses,
        },
      },
      async handle({ params, user }) {
        const endpoint = await getWebhook(user.userId, params.webhookId!);
        if (!endpoint) throw webhookNotFound();
        return Response.json(webhookJson(endpoint));
      },
    },
    PATCH: {
      openapi: {
        operationId: "updateWebhook",
        summary: "Change an endpoint's URL, events or projects, or turn it off (enabled: false) and on",
        requestBody: doc.requestBody("WebhookPatch", WebhookPatchSchema),
        responses: {
          "200": webhookResponse("The endpoint as changed"),
          ...webhookInputResponses,
          ...webhookNotFoundResponse,
          ...doc.writeResponses,
        },
      },
      async handle({ request, params, user }) {
        const patch = await readJsonBody(request, WebhookPatchSchema);
        return answeringInputErrors(async () => {
          const endpoint = await updateWebhook(user.userId, params.webhookId!, patch);
          if (!endpoint) throw webhookNotFound();
          return Response.json(webhookJson(endpoint));
        });
      },
    },
    DELETE: {
      openapi: {
        operationId: "deleteWebhook",
        summary: "Delete an endpoint and its deliveries (pending ones are not sent)",
        responses: { "204": { description: "Deleted" }, ...webhookNotFoundResponse, ...doc.writeResponses },
      },
      async handle({ params, user }) {
        if (!(await deleteWebhook(user.userId, params.webhookId!))) throw webhookNotFound();
        return new Response(null, { status: 204 });
      },
    },
  },
);

export const loader = serveWebhook;
export const action = serveWebhook;
