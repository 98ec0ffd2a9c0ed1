// Settings → Webhooks (decision 120): add an endpoint (its secret shown once, on the answer to
// the form), see each one's recent deliveries with "send again", "send a test event", turn it
// off and on, delete it. Plain forms: all of it works without JavaScript.
import { Form, Link } from "react-router";
import { requireUser } from "~/auth/session.server";
import { listProjectsForUser } from "~/projects/projects.server";
import { accountTimeZone } from "~/tasks/time-zone";
import { buttonClass } from "~/ui/button";
import { inputClass, labelClass } from "~/ui/field";
import { formatInZone } from "~/ui/format-time";
import { listWebhookDeliveries, listWebhooks } from "~/webhooks/endpoints.server";
import { webhookFormAction } from "~/webhooks/webhook-form-action.server";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, WEBHOOKS_MAX } from "~/webhooks/webhook-rules";
import type { Route } from "./+types/settings.webhooks";

export const meta: Route.MetaFunction = () => [{ title: "Webhooks · Settings · Tasklane" }];
// The page may show a new endpoint's secret: no cache keeps it.
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const zone = accountTimeZone(user);
  const [endpoints, projects] = await Promise.all([listWebhooks(user.id), listProjectsForUser(user.id)]);
  const webhooks = await Promise.all(
    endpoints.map(async (endpoint) => ({
      id: endpoint.id,
      url: endpoint.url,
      events: endpoint.events,
      projectNames:
        endpoint.projectIds?.map((id) => projects.find((item) => item.id === id)?.name ?? "a project") ?? null,
      status: endpoint.status,
      statusReason: endpoint.statusReason,
      deliveries: ((await listWebhookDeliveries(user.id, endpoint.id, 10)) ?? []).map((delivery) => ({
        id: delivery.id,
        type: delivery.type,
        status: delivery.status,
        attempts: delivery.attempts,
        when: formatInZone(zone, delivery.lastAttemptAt ?? delivery.createdAt),
        responseStatus: delivery.responseStatus,
        excerpt: delivery.responseExcerpt,
        durationMs: delivery.durationMs,
      })),
    })),
  );
  return { webhooks, projects: projects.map((item) => ({ id: item.id, name: item.name })) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  return webhookFormAction(request, user.id);
}

const STATUS_WORDS = { active: "Working", failing: "Failing", disabled: "Off" } as const;

export default function WebhooksPage({ loaderData, actionData }: Route.ComponentProps) {
  const { webhooks, projects } = loaderData;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link to="/settings" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← Settings
        </Link>
        <h1 className="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">Webhooks</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">
          Tasklane POSTs the events you pick to your endpoint, signed per Standard Webhooks, within seconds; an endpoint
          that is down gets them when it is back (retried for about a day).
        </p>
      </div>

      {actionData?.created ? (
        <div
          className="space-y-2 rounded-lg bg-emerald-50 p-4 text-sm text-emerald-950 ring-1 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800"
          data-testid="webhook-secret"
        >
          <p className="font-medium">Webhook added for {actionData.created.url}. Its signing secret, shown only now:</p>
          <input
            readOnly
            aria-label="Signing secret"
            value={actionData.created.secret}
            className={`${inputClass} font-mono text-xs`}
          />
          <p>Keep it in your receiver to verify each message&apos;s webhook-signature.</p>
        </div>
      ) : null}

      <section className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
        <h2 className="text-lg font-semibold">Add a webhook</h2>
        {webhooks.length >= WEBHOOKS_MAX ? (
          <p className="text-sm">You have {WEBHOOKS_MAX} webhooks: delete one to add another.</p>
        ) : (
          <Form method="post" className="space-y-4">
            <div>
              <label htmlFor="webhook-url" className={labelClass}>
                Endpoint URL
              </label>
              <input
                id="webhook-url"
                name="url"
                type="url"
                required
                placeholder="https://example.com/tasklane-hook"
                className={inputClass}
              />
            </div>
            <fieldset>
              <legend className={labelClass}>Events</legend>
              <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
                {WEBHOOK_EVENT_TYPES.map((type) => (
                  <label key={type} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="events" value={type} defaultChecked={type.startsWith("task.")} />
                    {WEBHOOK_EVENT_LABELS[type]}
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset>
              <legend className={labelClass}>Projects (none ticked: every project you see)</legend>
              <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
                {projects.map((item) => (
                  <label key={item.id} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="projectIds" value={item.id} />
                    {item.name}
                  </label>
                ))}
              </div>
            </fieldset>
            {actionData?.error ? (
              <p role="alert" className="text-sm text-red-700 dark:text-red-300" data-testid="webhook-error">
                {actionData.error}
              </p>
            ) : null}
            <button type="submit" name="intent" value="create" className={buttonClass("primary")}>
              Add webhook
            </button>
          </Form>
        )}
      </section>

      {webhooks.map((hook) => (
        <section
          key={hook.id}
          className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800"
          data-testid="webhook"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="font-mono text-sm break-all">{hook.url}</h2>
            <span className="text-sm font-medium" data-testid="webhook-status">
              {STATUS_WORDS[hook.status]}
            </span>
          </div>
          {hook.statusReason ? <p className="text-sm text-slate-600 dark:text-slate-300">{hook.statusReason}</p> : null}
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {hook.events
              .map((type) => WEBHOOK_EVENT_LABELS[type as keyof typeof WEBHOOK_EVENT_LABELS] ?? type)
              .join(", ")}
            {" · "}
            {hook.projectNames ? hook.projectNames.join(", ") : "every project"}
          </p>
          <div className="flex flex-wrap gap-2">
            <Form method="post">
              <input type="hidden" name="webhookId" value={hook.id} />
              <button type="submit" name="intent" value="test" className={buttonClass("secondary")}>
                Send a test event
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="webhookId" value={hook.id} />
              <button
                type="submit"
                name="intent"
                value={hook.status === "disabled" ? "enable" : "disable"}
                className={buttonClass("secondary")}
              >
                {hook.status === "disabled" ? "Turn on" : "Turn off"}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="webhookId" value={hook.id} />
              <button type="submit" name="intent" value="delete" className={buttonClass("secondary")}>
                Delete
              </button>
            </Form>
          </div>
          <h3 className="text-sm font-semibold">Recent deliveries</h3>
          {hook.deliveries.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-300">None yet.</p>
          ) : (
            <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="webhook-deliveries">
              {hook.deliveries.map((delivery) => (
                <li
                  key={delivery.id}
                  className="flex flex-wrap items-center justify-between gap-2 py-2"
                  data-testid="delivery"
                >
                  <span>
                    <span className="font-medium">{delivery.type}</span> · {delivery.status}
                    {delivery.responseStatus !== null ? ` (${delivery.responseStatus})` : ""} · {delivery.when}
                    {delivery.durationMs !== null ? ` · ${delivery.durationMs} ms` : ""}
                    {delivery.attempts > 1 ? ` · ${delivery.attempts} attempts` : ""}
                    {delivery.excerpt ? (
                      <span className="block text-xs break-all text-slate-500 dark:text-slate-400">
                        {delivery.excerpt}
                      </span>
                    ) : null}
                  </span>
                  <Form method="post">
                    <input type="hidden" name="webhookId" value={hook.id} />
                    <input type="hidden" name="deliveryId" value={delivery.id} />
                    <button type="submit" name="intent" value="resend" className={buttonClass("secondary")}>
                      Send again
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
