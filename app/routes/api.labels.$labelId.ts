// /api/labels/{id} and /api/{userId}/labels/{id}
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { labelNotFound } from "~/api/problem.server";
import { LabelJsonSchema } from "~/api/task-json";
import { LabelPatchSchema } from "~/labels/label-schema";
import { deleteLabelForUser, updateLabelForUser } from "~/labels/labels.server";

const serveLabel = apiRoute(
  { path: "/api/labels/{id}", alsoUnderUser: true },
  {
    // Renaming changes the JSON (and ETag) of every task that carries the label.
    PATCH: {
      openapi: {
        operationId: "updateLabel",
        summary: "Rename or recolour a label (a rename changes its tasks' JSON, updatedAt and ETag)",
        requestBody: doc.requestBody("LabelPatch", LabelPatchSchema),
        responses: {
          "200": {
            description: "The label as stored",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("Label", LabelJsonSchema)),
          },
          ...doc.bodyErrors,
          ...doc.labelNotFound,
          ...doc.labelNameTaken,
          ...doc.writeResponses,
        },
      },
      async handle({ request, params, user }) {
        const label = await updateLabelForUser(
          user.userId,
          params.labelId!,
          await readJsonBody(request, LabelPatchSchema),
        );
        if (!label) throw labelNotFound();
        return Response.json(label);
      },
    },

    // Takes the label off its tasks too.
    DELETE: {
      openapi: {
        operationId: "deleteLabel",
        summary: "Delete a label and take it off its tasks",
        responses: {
          "204": { description: "Deleted", headers: doc.rateLimitHeaders },
          ...doc.labelNotFound,
          ...doc.writeResponses,
        },
      },
      async handle({ params, user }) {
        if (!(await deleteLabelForUser(user.userId, params.labelId!))) throw labelNotFound();
        return new Response(null, { status: 204 });
      },
    },
  },
);

export const loader = serveLabel;
export const action = serveLabel;
