import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { invalidTokenProblem } from "~/api/problem.server";
import { getUserProfile } from "~/auth/user-profile.server";
import { readJsonBody } from "~/api/body.server";
import { MePatchSchema } from "~/api/task-json";
import { getAccountTimeZone, setAccountTimeZone } from "~/tasks/time-zone.server";

const serveMe = apiRoute(
  { path: "/api/me" },
  {
    GET: {
      openapi: {
        operationId: "getMe",
        summary: "The token's user",
        responses: { "200": doc.accountResponse, ...doc.authenticatedResponses },
      },
      async handle({ user }) {
        const profile = await getUserProfile(user.userId);
        // A valid token can outlive its account by up to JWT_EXPIRES_IN: it speaks for no one now.
        if (!profile) throw invalidTokenProblem("The token's user no longer exists");
        return Response.json({ ...profile, timeZone: await getAccountTimeZone(user.userId) });
      },
    },

    PATCH: {
      openapi: {
        operationId: "updateMe",
        summary: "Change the account's time zone",
        requestBody: doc.requestBody("MePatch", MePatchSchema),
        responses: { "200": doc.accountResponse, ...doc.bodyErrors, ...doc.writeResponses },
      },
      async handle({ request, user }) {
        const { timeZone } = await readJsonBody(request, MePatchSchema);
        await setAccountTimeZone(user.userId, timeZone);
        const profile = await getUserProfile(user.userId);
        if (!profile) throw invalidTokenProblem("The token's user no longer exists");
        return Response.json({ ...profile, timeZone: await getAccountTimeZone(user.userId) });
      },
    },
  },
);

export const loader = serveMe;
export const action = serveMe;
