// /api/labels/{id} and /api/{userId}/labels/{id}
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import { labelNotFound } from "~/api/problem.server";
import { LabelPatchSchema } from "~/labels/label-schema";
import { deleteLabelForUser, updateLabelForUser } from "~/labels/labels.server";

const serveLabel = apiRoute({
  // Renaming changes the JSON (and ETag) of every task that carries the label.
  async PATCH({ request, params, user }) {
    const label = await updateLabelForUser(user.userId, params.labelId!, await readJsonBody(request, LabelPatchSchema));
    if (!label) throw labelNotFound();
    return Response.json(label);
  },

  // Takes the label off its tasks too.
  async DELETE({ params, user }) {
    if (!(await deleteLabelForUser(user.userId, params.labelId!))) throw labelNotFound();
    return new Response(null, { status: 204 });
  },
});

export const loader = serveLabel;
export const action = serveLabel;
