// The page an invitation's link opens (decision 109). Opening it changes nothing (mail scanners
// open links): it says who invited which address to what, and its buttons post. Accepting needs
// the account with the invited address (signed out: sign in or sign up first, then back here);
// declining needs only the link.
import { data, Form, Link, redirect } from "react-router";
import { AuthPage, textLinkClass } from "~/auth/components/auth-page";
import { Notice } from "~/auth/components/notice";
import { getSession, sessionMiddleware } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import {
  acceptInvitation,
  declineInvitation,
  invitationForToken,
  InvitationRefusedError,
} from "~/projects/invitations.server";
import { Button, buttonClass } from "~/ui/button";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/invitations.$token";

export const meta: Route.MetaFunction = () => [{ title: "An invitation · Tasklane" }];

// The URL carries a working token: no cache keeps the page (the Referrer-Policy keeps the URL from other sites).
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

const here = (token: string) => `/invitations/${token}`;
const REFUSAL_STATUS = { invalid: 404, expired: 410, "wrong-account": 403, full: 409 } as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const [invitation, session] = await Promise.all([invitationForToken(params.token), getSession(request, context)]);
  const signedInAs = session?.user.email.toLowerCase() ?? null;
  if (!invitation || invitation.expired) {
    return data(
      { invitation: null, expired: invitation?.expired ?? false, signedInAs, path: here(params.token) },
      { status: invitation ? 410 : 404 },
    );
  }
  const { email, role, projectName, inviterName } = invitation;
  return {
    invitation: { email, role, projectName, inviterName },
    expired: false,
    signedInAs,
    path: here(params.token),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const intent = (await request.formData()).get("intent");
  if (intent === "decline") {
    if (!(await declineInvitation(params.token))) {
      return data(
        { problem: "This invitation is not valid any more: it was used, declined or revoked." },
        { status: 404 },
      );
    }
    return redirectWithFlash("/", { kind: "success", message: "Invitation declined" });
  }
  if (intent !== "accept") throw data("Unknown intent", { status: 400 });
  const session = await getSession(request, context);
  if (!session) throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: here(params.token) })}`);
  try {
    const { projectId } = await acceptInvitation(session.user.id, params.token);
    return redirectWithFlash(`/projects/${projectId}`, { kind: "success", message: "You joined the project" });
  } catch (error) {
    if (!(error instanceof InvitationRefusedError)) throw error;
    return data({ problem: error.message }, { status: REFUSAL_STATUS[error.reason] });
  }
}

export default function InvitationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { invitation, expired, signedInAs, path } = loaderData;
  const pending = usePendingSubmission();
  const problem = actionData?.problem;
  const footer = (
    <Link to="/" className={textLinkClass}>
      Back to Tasklane
    </Link>
  );

  if (!invitation) {
    return (
      <AuthPage title="This invitation no longer works" intro="Invitations work for 7 days, once." footer={footer}>
        <Notice title={expired ? "This invitation has expired." : "This invitation is not valid."} tone="warning">
          <p>
            {expired
              ? "Ask whoever invited you to send it again."
              : "It was used, declined or revoked, or the link is incomplete: copy the whole link from the mail."}
          </p>
        </Notice>
      </AuthPage>
    );
  }

  const redirectTo = new URLSearchParams({ redirectTo: path });
  const wrongAccount = signedInAs !== null && signedInAs !== invitation.email;
  return (
    <AuthPage
      title={`Join “${invitation.projectName}”`}
      intro={
        <>
          {invitation.inviterName} invited <strong>{invitation.email}</strong> to this project as {invitation.role}.
        </>
      }
      footer={footer}
    >
      <div className="space-y-5">
        {problem ? (
          <Notice title={problem} tone="warning">
            <p>Nothing was changed.</p>
          </Notice>
        ) : null}
        {signedInAs === null ? (
          <div className="space-y-3">
            <p className="text-slate-700 dark:text-slate-300">
              To accept, sign in with {invitation.email}, or create an account with it. You come back here after.
            </p>
            <Link to={`/sign-in?${redirectTo}`} className={buttonClass("primary", "w-full")}>
              Sign in to accept
            </Link>
            <Link to={`/sign-up?${redirectTo}`} className={buttonClass("secondary", "w-full")}>
              Create an account
            </Link>
          </div>
        ) : wrongAccount ? (
          <Notice title="This invitation is for another address." tone="warning">
            <p>
              You are signed in as {signedInAs}. Only the account with {invitation.email} can accept it: sign out, then
              open the link in the mail again and sign in (or sign up) with {invitation.email}.
            </p>
          </Notice>
        ) : (
          <Form method="post">
            <Button type="submit" name="intent" value="accept" pending={pending} className="w-full">
              Accept
            </Button>
          </Form>
        )}
        <Form method="post">
          <button type="submit" name="intent" value="decline" className={buttonClass("secondary", "w-full")}>
            Decline
          </button>
        </Form>
      </div>
    </AuthPage>
  );
}
