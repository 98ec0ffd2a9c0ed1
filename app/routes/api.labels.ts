// /api/labels and /api/{userId}/labels
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import { LabelInputSchema } from "~/labels/label-schema";
import { createLabelForUser, listLabelsForUser } from "~/labels/labels.server";

const serveLabels = apiRoute({
  async GET({ user }) {
    return Response.json({ labels: await listLabelsForUser(user.userId) });
  },

  async POST({ request, user }) {
    const label = await createLabelForUser(user.userId, await readJsonBody(request, LabelInputSchema));
    const location = new URL(request.url).pathname.replace(/\/$/, "") + `/${label.id}`;
    return Response.json(label, { status: 201, headers: { Location: location } });
  },
});

export const loader = serveLabels;
export const action = serveLabels;
