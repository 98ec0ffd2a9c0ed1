// The consent page of connected apps (decision 123): server-rendered, two buttons in plain forms,
// so it works without JavaScript. It names the app and says what each scope lets it do; the
// answer goes to Better Auth's provider, which sends the browser back to the app.
import { data, Form, Link, redirect } from "react-router";
import { AuthPage, textLinkClass } from "~/auth/components/auth-page";
import { Notice } from "~/auth/components/notice";
import { authHeaders, requireUser, sessionMiddleware } from "~/auth/session.server";
import { answerConsent, readAuthorizationRequest } from "~/connected-apps/authorization-request.server";
import { SCOPE_DESCRIPTIONS } from "~/connected-apps/oauth-rules";
import { formActionSourcesContext } from "~/request-context";
import { Button, buttonClass } from "~/ui/button";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/oauth.consent";

export const meta: Route.MetaFunction = () => [{ title: "Allow access · Tasklane" }];

// The page is an answer to one signed request: no cache keeps it, and no other site frames it
// (clickjacking the Allow button); the security headers already forbid framing everywhere.
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const pending = await readAuthorizationRequest(new URL(request.url).search.slice(1));
  if (!pending) return data({ request: null, email: user.email }, { status: 400 });
  if (pending.redirectSource) context.set(formActionSourcesContext, [pending.redirectSource]);
  const { redirectSource: _source, ...authorization } = pending;
  return { request: authorization, email: user.email };
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireUser(request, context);
  const form = await request.formData();
  const signedQuery = String(form.get("oauth_query") ?? "");
  const intent = form.get("intent");
  if (intent !== "allow" && intent !== "deny") throw data("Unknown intent", { status: 400 });
  if (!(await readAuthorizationRequest(signedQuery))) {
    return data({ problem: "This request has expired: go back to the app and connect it again." }, { status: 400 });
  }
  throw redirect(await answerConsent(authHeaders(request, context), signedQuery, intent === "allow"));
}

export default function Consent({ loaderData, actionData }: Route.ComponentProps) {
  const pending = usePendingSubmission();
  const footer = (
    <Link to="/settings/connected-apps" className={textLinkClass}>
      Apps you have connected
    </Link>
  );
  const { request, email } = loaderData;
  if (!request) {
    return (
      <AuthPage
        title="This request no longer works"
        intro="Requests to connect an app last 10 minutes."
        footer={footer}
      >
        <Notice title="The request has expired, or its link is incomplete." tone="warning">
          <p>Go back to the app and connect it again.</p>
        </Notice>
      </AuthPage>
    );
  }
  return (
    <AuthPage
      title={`Allow “${request.app.name}” to use your Tasklane?`}
      intro={
        <>
          Signed in as <strong>{email}</strong>. Only allow apps you trust: this app was registered by a Tasklane user,
          not by Tasklane.
        </>
      }
      footer={footer}
    >
      <div className="space-y-5">
        {actionData?.problem ? (
          <Notice title={actionData.problem} tone="warning">
            <p>Nothing was allowed.</p>
          </Notice>
        ) : null}
        <div>
          <p className="font-medium">It will be able to:</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700 dark:text-slate-300" data-testid="consent-scopes">
            {request.scopes.map((scope) => (
              <li key={scope}>{SCOPE_DESCRIPTIONS[scope]}</li>
            ))}
          </ul>
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
            It never sees your password. You can disconnect it at any time in Settings → Connected apps.
          </p>
        </div>
        <Form method="post" className="flex gap-3">
          <input type="hidden" name="oauth_query" value={request.signedQuery} />
          <Button type="submit" name="intent" value="allow" pending={pending} className="flex-1">
            Allow
          </Button>
          <button type="submit" name="intent" value="deny" className={buttonClass("secondary", "flex-1")}>
            Deny
          </button>
        </Form>
      </div>
    </AuthPage>
  );
}
