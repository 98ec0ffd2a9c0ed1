// Settings → Connected apps (decision 123): every app the person allowed, its scopes and when it
// was last used; Disconnect takes its access back at once (its next call is a 401).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form } from "react-router";
import { SettingsSection } from "~/auth/components/settings/settings-section";
import { SettingsSubpageHeader } from "~/auth/components/settings/settings-subpage-header";
import { requireUser } from "~/auth/session.server";
import { disconnectApp, listConnectedApps } from "~/connected-apps/connected-apps.server";
import { DisconnectAppSchema } from "~/connected-apps/developer-app-schema";
import { OAUTH_SCOPES, SCOPE_DESCRIPTIONS } from "~/connected-apps/oauth-rules";
import { redirectWithFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";
import { Button } from "~/ui/button";
import { FormErrors } from "~/ui/field";
import { LocalTime } from "~/ui/local-time";
import type { Route } from "./+types/settings.connected-apps";

export const meta: Route.MetaFunction = () => [{ title: "Connected apps · Settings · Tasklane" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const apps = await listConnectedApps(user.id);
  return {
    apps: apps.map((app) => ({
      ...app,
      scopes: OAUTH_SCOPES.filter((scope) => app.scopes.includes(scope)),
      connectedAt: app.connectedAt.toISOString(),
      lastUsedAt: app.lastUsedAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: DisconnectAppSchema });
  if (submission.status !== "success") throw data("Unknown connected apps action", { status: 400 });
  const actor = { ipAddress: context.get(requestMetaContext).clientIp, userAgent: request.headers.get("user-agent") };
  if (!(await disconnectApp(user, submission.value.clientId, actor))) {
    return data({ problem: "That app is not connected. It may have been disconnected already." }, { status: 404 });
  }
  return redirectWithFlash("/settings/connected-apps", {
    kind: "success",
    message: "The app is disconnected: it can no longer use your tasks.",
  });
}

export default function ConnectedApps({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <SettingsSubpageHeader title="Connected apps">
        Apps you allowed to use your Tasklane. Disconnect any you no longer use or do not recognise.
      </SettingsSubpageHeader>
      <SettingsSection id="connected-app-list" title="Your connected apps" description="Disconnecting works at once.">
        <div className="space-y-4">
          <FormErrors id="connected-apps-problem" errors={actionData?.problem ? [actionData.problem] : undefined} />
          {loaderData.apps.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">You have connected no apps.</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200 dark:divide-slate-800 dark:ring-slate-800">
              {loaderData.apps.map((app) => (
                <li key={app.clientId} className="flex items-start gap-3 px-3 py-3 sm:px-4" data-testid="connected-app">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">{app.name}</p>
                    <ul className="mt-1 list-disc pl-5 text-sm text-slate-700 dark:text-slate-300">
                      {app.scopes.map((scope) => (
                        <li key={scope}>{SCOPE_DESCRIPTIONS[scope]}</li>
                      ))}
                    </ul>
                    <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                      Connected <LocalTime iso={app.connectedAt} dateOnly /> ·{" "}
                      {app.lastUsedAt ? (
                        <>
                          last used <LocalTime iso={app.lastUsedAt} />
                        </>
                      ) : (
                        "not used yet"
                      )}
                    </p>
                  </div>
                  <Form method="post" className="shrink-0">
                    <input type="hidden" name="intent" value="disconnect-app" />
                    <input type="hidden" name="clientId" value={app.clientId} />
                    <Button type="submit" variant="secondary" aria-label={`Disconnect ${app.name}`}>
                      Disconnect
                    </Button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </div>
      </SettingsSection>
    </div>
  );
}
