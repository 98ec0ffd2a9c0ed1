import { data, Form, Link } from "react-router";
import { confirmEmailLink } from "~/auth/account.server";
import { AuthPage, textLinkClass } from "~/auth/components/auth-page";
import { Notice } from "~/auth/components/notice";
import { type EmailLink, readEmailLink } from "~/auth/email-links.server";
import { toAuthFailure } from "~/auth/failure.server";
import { ConfirmEmailLinkSchema } from "~/auth/schemas";
import { authHeaders, getSession, sessionMiddleware, withCookies } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";
import { Button, buttonClass } from "~/ui/button";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/verify-email";

export const meta: Route.MetaFunction = () => [{ title: "Confirm your email address · Tasklane" }];

// The URL and the page carry a working token: no cache keeps them (the app's Referrer-Policy
// already keeps the URL from other sites).
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

type LinkView = Exclude<EmailLink, { kind: "change-confirmation" }>;

/** Mail scanners open links: the link shows what it will do, and only the button (POST) does it. */
export async function loader({ request }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const link = token ? await readEmailLink(token) : ({ kind: "invalid" } as const);
  // Better Auth's confirmation of the old address is not used (decision 014): read it as a change.
  const view: LinkView = link.kind === "change-confirmation" ? { ...link, kind: "change" } : link;
  const usable = view.kind === "verify" || view.kind === "change";
  return data({ token: usable ? token : null, link: view }, { status: usable ? 200 : 410 });
}

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = ConfirmEmailLinkSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ problem: "This link is not valid." }, { status: 400 });
  const { token } = parsed.data;
  const link = await readEmailLink(token);
  let setCookies: string[];
  try {
    ({ setCookies } = await confirmEmailLink(authHeaders(request, context), token));
  } catch (error) {
    const failure = toAuthFailure(error, context.get(requestMetaContext).requestId);
    return data({ problem: failure.message }, { status: failure.status >= 500 ? failure.status : 410 });
  }
  const signedIn = (await getSession(request, context)) !== null;
  const message =
    link.kind === "change" || link.kind === "change-confirmation"
      ? `Your email address is now ${link.newEmail}.`
      : "Thank you: your email address is confirmed.";
  return redirectWithFlash(
    signedIn ? "/settings" : "/sign-in",
    { kind: "success", message: signedIn ? message : `${message} Sign in to continue.` },
    { headers: withCookies(setCookies) },
  );
}

export default function VerifyEmail({ loaderData, actionData }: Route.ComponentProps) {
  const { link, token } = loaderData;
  const pending = usePendingSubmission();
  const problem = actionData?.problem;
  const dead = token === null || problem;

  return (
    <AuthPage
      title={
        dead
          ? "This link no longer works"
          : link.kind === "change"
            ? "Confirm your new address"
            : "Confirm your email address"
      }
      intro={
        dead
          ? "Confirmation links work for 24 hours."
          : link.kind === "change"
            ? "One click and your account uses this address from now on."
            : "One click tells us this address is yours."
      }
      footer={
        <Link to="/" className={textLinkClass}>
          Back to Tasklane
        </Link>
      }
    >
      {dead ? (
        <div className="space-y-5">
          <Notice
            title={problem ?? (link.kind === "expired" ? "This link has expired." : "This link is not valid.")}
            tone="warning"
          >
            <p>
              Ask for a new one: from the notice at the top of your pages when signed in, or with the form below. To
              change your address, start again from Settings.
            </p>
          </Notice>
          <Link to="/check-email" className={buttonClass("primary", "w-full")}>
            Send me a new link
          </Link>
        </div>
      ) : (
        <Form method="post" className="space-y-5">
          <p className="text-slate-700 dark:text-slate-300">
            {link.kind === "change" ? (
              <>
                Use <strong>{link.newEmail}</strong> instead of {link.email} for your Tasklane account.
              </>
            ) : link.kind === "verify" ? (
              <>
                Confirm that <strong>{link.email}</strong> is your address.
              </>
            ) : null}
          </p>
          <input type="hidden" name="token" value={token} />
          <Button type="submit" pending={pending} className="w-full">
            {pending ? "Confirming…" : link.kind === "change" ? "Use this address" : "Confirm my address"}
          </Button>
        </Form>
      )}
    </AuthPage>
  );
}
