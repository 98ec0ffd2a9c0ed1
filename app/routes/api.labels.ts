// /api/labels and /api/{userId}/labels
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { LabelJsonSchema, LabelListJsonSchema } from "~/api/task-json";
import { LabelInputSchema } from "~/labels/label-schema";
import { createLabelForUser, listLabelsForUser } from "~/labels/labels.server";

const serveLabels = apiRoute(
  { path: "/api/labels", alsoUnderUser: true },
  {
    GET: {
      openapi: {
        operationId: "listLabels",
        summary: "The user's labels",
        responses: {
          "200": {
            description: "The labels",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("LabelList", LabelListJsonSchema)),
          },
          ...doc.authenticatedResponses,
        },
      },
      async handle({ user }) {
        return Response.json({ labels: await listLabelsForUser(user.userId) });
      },
    },

    POST: {
      openapi: {
        operationId: "createLabel",
        summary: "Create a label (without a colour, the palette's next one)",
        requestBody: doc.requestBody("LabelInput", LabelInputSchema),
        responses: {
          "201": {
            description: "The new label",
            headers: { ...doc.rateLimitHeaders, ...doc.locationHeader },
            content: doc.json(doc.responseSchema("Label", LabelJsonSchema)),
          },
          ...doc.bodyErrors,
          ...doc.labelNameTaken,
          ...doc.writeResponses,
        },
      },
      async handle({ request, user }) {
        const label = await createLabelForUser(user.userId, await readJsonBody(request, LabelInputSchema));
        const location = new URL(request.url).pathname.replace(/\/$/, "") + `/${label.id}`;
        return Response.json(label, { status: 201, headers: { Location: location } });
      },
    },
  },
);

export const loader = serveLabels;
export const action = serveLabels;
