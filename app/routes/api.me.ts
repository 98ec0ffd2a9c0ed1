import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { invalidTokenProblem } from "~/api/problem.server";
import { getUserProfile } from "~/auth/user-profile.server";
import { readJsonBody } from "~/api/body.server";
import { MePatchSchema } from "~/api/task-json";
import { getReminderSettings, updateReminderSettings } from "~/reminders/reminder-settings.server";
import { getAccountTimeZone, setAccountTimeZone } from "~/tasks/time-zone.server";

/** The user and the account's settings. */
async function account(userId: string) {
  const profile = await getUserProfile(userId);
  // A valid token can outlive its account by up to JWT_EXPIRES_IN: it speaks for no one now.
  if (!profile) throw invalidTokenProblem("The token's user no longer exists");
  const [timeZone, reminders] = await Promise.all([getAccountTimeZone(userId), getReminderSettings(userId)]);
  return Response.json({ ...profile, timeZone, ...reminders });
}

const serveMe = apiRoute(
  { path: "/api/me" },
  {
    GET: {
      openapi: {
        operationId: "getMe",
        summary: "The token's user and the account's settings",
        responses: { "200": doc.accountResponse, ...doc.authenticatedResponses },
      },
      handle: ({ user }) => account(user.userId),
    },

    PATCH: {
      openapi: {
        operationId: "updateMe",
        summary: "Change the account's time zone and reminder settings (only the fields given)",
        requestBody: doc.requestBody("MePatch", MePatchSchema),
        responses: { "200": doc.accountResponse, ...doc.bodyErrors, ...doc.writeResponses },
      },
      async handle({ request, user }) {
        const { timeZone, ...reminders } = await readJsonBody(request, MePatchSchema);
        if (!(await getUserProfile(user.userId))) throw invalidTokenProblem("The token's user no longer exists");
        if (timeZone) await setAccountTimeZone(user.userId, timeZone);
        await updateReminderSettings(user.userId, reminders);
        return account(user.userId);
      },
    },
  },
);

export const loader = serveMe;
export const action = serveMe;
