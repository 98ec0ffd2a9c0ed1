// Settings → Developer apps (decision 123): register an OAuth app for a program of one's own,
// see its client id, rotate its secret, delete it. Every form works without JavaScript.
import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form } from "react-router";
import { SettingsSection } from "~/auth/components/settings/settings-section";
import { SettingsSubpageHeader } from "~/auth/components/settings/settings-subpage-header";
import { authHeaders, requireUser } from "~/auth/session.server";
import {
  APP_KIND_LABELS,
  APP_KINDS,
  APP_NAME_MAX,
  DeleteAppSchema,
  RegisterAppSchema,
  RotateSecretSchema,
} from "~/connected-apps/developer-app-schema";
import {
  AppRegistrationRefusedError,
  deleteDeveloperApp,
  listDeveloperApps,
  registerDeveloperApp,
  rotateDeveloperAppSecret,
} from "~/connected-apps/developer-apps.server";
import { redirectWithFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";
import { Button } from "~/ui/button";
import { FormErrors, InputField, SelectField, TextareaField } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/settings.developer-apps";

export const meta: Route.MetaFunction = () => [{ title: "Developer apps · Settings · Tasklane" }];

// The answers to "register" and "rotate" carry a secret: no cache may keep them.
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const apps = await listDeveloperApps(user.id);
  return { apps: apps.map((app) => ({ ...app, createdAt: app.createdAt?.toISOString() ?? null })) };
}

type ActionData = {
  result?: SubmissionResult<string[]>;
  shown?: { name: string; clientId: string; clientSecret?: string };
  problem?: string;
};

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const formData = await request.formData();
  const actor = { ipAddress: context.get(requestMetaContext).clientIp, userAgent: request.headers.get("user-agent") };
  switch (formData.get("intent")) {
    case "register-app": {
      const submission = parseWithZod(formData, { schema: RegisterAppSchema });
      if (submission.status !== "success") return data<ActionData>({ result: submission.reply() }, { status: 400 });
      try {
        const created = await registerDeveloperApp(user, submission.value, authHeaders(request, context), actor);
        // Shown on this answer only: the secret is stored as a hash.
        return data<ActionData>(
          { result: submission.reply({ resetForm: true }), shown: { name: submission.value.name, ...created } },
          { status: 201 },
        );
      } catch (error) {
        if (!(error instanceof AppRegistrationRefusedError)) throw error;
        return data<ActionData>(
          { result: submission.reply({ fieldErrors: { redirectUris: [error.message] } }) },
          { status: 400 },
        );
      }
    }
    case "rotate-secret": {
      const submission = parseWithZod(formData, { schema: RotateSecretSchema });
      if (submission.status !== "success") return data<ActionData>({ problem: "That app could not be found." }, 400);
      const { clientId } = submission.value;
      const secret = await rotateDeveloperAppSecret(user, clientId, authHeaders(request, context), actor);
      if (!secret) return data<ActionData>({ problem: "That app could not be found, or has no secret." }, 404);
      return data<ActionData>({ shown: { name: "", clientId, clientSecret: secret } });
    }
    case "delete-app": {
      const submission = parseWithZod(formData, { schema: DeleteAppSchema });
      if (submission.status !== "success") return data<ActionData>({ problem: "That app could not be found." }, 400);
      if (!(await deleteDeveloperApp(user, submission.value.clientId, actor))) {
        return data<ActionData>({ problem: "That app could not be found. It may have been deleted already." }, 404);
      }
      return redirectWithFlash("/settings/developer-apps", {
        kind: "success",
        message: "The app has been deleted. Everyone who had connected it is disconnected.",
      });
    }
    default:
      throw data("Unknown developer apps action", { status: 400 });
  }
}

const constraint = getZodConstraint(RegisterAppSchema);
const KIND_OPTIONS = APP_KINDS.map((kind) => ({ value: kind, label: APP_KIND_LABELS[kind] }));

function RegisterAppForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "register-app",
    lastResult,
    constraint,
    defaultValue: { kind: "confidential" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterAppSchema }),
  });
  const pending = usePendingSubmission("register-app");
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-lg space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="register-app" />
      <InputField meta={fields.name} label="Name" maxLength={APP_NAME_MAX} hint="People see it when they allow it." />
      <TextareaField
        meta={fields.redirectUris}
        label="Redirect URIs"
        rows={3}
        hint="One per line, matched exactly: https://…, or for an app on the person's computer http://127.0.0.1:PORT/… (any port) or its own scheme."
      />
      <SelectField meta={fields.kind} label="Kind" options={KIND_OPTIONS} />
      <Button type="submit" pending={pending}>
        {pending ? "Registering…" : "Register app"}
      </Button>
    </Form>
  );
}

export default function DeveloperApps({ loaderData, actionData }: Route.ComponentProps) {
  const shown = actionData?.shown;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <SettingsSubpageHeader title="Developer apps">
        Register a program that other people (or you) connect to their Tasklane with OAuth 2.1: it never sees their
        password. See the README for the endpoints.
      </SettingsSubpageHeader>

      {shown ? (
        <div role="status" className="rounded-lg bg-emerald-50 p-4 ring-1 ring-emerald-200 dark:bg-emerald-950/40">
          <p className="font-semibold text-emerald-900 dark:text-emerald-100">
            {shown.name ? `“${shown.name}” is registered` : "A new secret"}
          </p>
          <dl className="mt-2 space-y-1 text-sm text-emerald-900 dark:text-emerald-200">
            <div>
              <dt className="inline font-medium">Client id: </dt>
              <dd className="inline font-mono break-all" data-testid="new-client-id">
                {shown.clientId}
              </dd>
            </div>
            {shown.clientSecret ? (
              <div>
                <dt className="inline font-medium">Client secret (shown this once): </dt>
                <dd className="inline font-mono break-all" data-testid="new-client-secret">
                  {shown.clientSecret}
                </dd>
              </div>
            ) : null}
          </dl>
        </div>
      ) : null}
      {actionData?.problem ? <FormErrors id="developer-apps-problem" errors={[actionData.problem]} /> : null}

      <SettingsSection id="register-app-section" title="Register an app" description="One per program.">
        <RegisterAppForm lastResult={actionData?.result} />
      </SettingsSection>

      <SettingsSection
        id="developer-app-list"
        title="Your apps"
        description="Deleting an app disconnects it everywhere."
      >
        {loaderData.apps.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">You have registered no apps.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200 dark:divide-slate-800 dark:ring-slate-800">
            {loaderData.apps.map((app) => (
              <li key={app.clientId} className="space-y-2 px-3 py-3 sm:px-4" data-testid="developer-app">
                <p className="font-medium">
                  {app.name}{" "}
                  <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
                    ({app.kind === "public" ? "public" : "confidential"})
                  </span>
                </p>
                <p className="text-sm break-all text-slate-600 dark:text-slate-400">
                  Client id <code className="font-mono">{app.clientId}</code>
                  <span className="block">Redirect URIs: {app.redirectUris.join(", ")}</span>
                </p>
                <div className="flex gap-2">
                  {app.kind === "confidential" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="rotate-secret" />
                      <input type="hidden" name="clientId" value={app.clientId} />
                      <Button type="submit" variant="secondary">
                        Rotate secret
                      </Button>
                    </Form>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete-app" />
                    <input type="hidden" name="clientId" value={app.clientId} />
                    <Button type="submit" variant="ghost" className="text-red-700 dark:text-red-400">
                      Delete
                    </Button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </SettingsSection>
    </div>
  );
}
