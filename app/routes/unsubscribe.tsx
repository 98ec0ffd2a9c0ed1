// /unsubscribe?token=…: the link at the end of every reminder and digest mail, and the
// address of its List-Unsubscribe header. Opening it changes nothing (mail scanners open
// links); the button, or a mail client's one-click POST (RFC 8058), turns that mail off.
import { data, Form, Link } from "react-router";
import { AuthPage, textLinkClass } from "~/auth/components/auth-page";
import { Notice } from "~/auth/components/notice";
import { turnOffMail } from "~/reminders/reminder-settings.server";
import { readUnsubscribeToken } from "~/reminders/unsubscribe.server";
import { Button } from "~/ui/button";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/unsubscribe";

export const meta: Route.MetaFunction = () => [{ title: "Turn off emails · Tasklane" }];

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

const WHAT = { reminders: "reminder emails", digest: "the daily digest" } as const;

const tokenOf = (request: Request) => readUnsubscribeToken(new URL(request.url).searchParams.get("token") ?? "");

export async function loader({ request }: Route.LoaderArgs) {
  const link = tokenOf(request);
  if (!link) return data({ kind: null }, { status: 404 });
  return { kind: link.kind };
}

/** The page's button and the one-click POST alike: no session needed, the signed token says who. */
export async function action({ request }: Route.ActionArgs) {
  const link = tokenOf(request);
  if (!link) return data({ done: null }, { status: 404 });
  await turnOffMail(link.userId, link.kind);
  return { done: link.kind };
}

export default function Unsubscribe({ loaderData, actionData }: Route.ComponentProps) {
  const pending = usePendingSubmission();
  const kind = loaderData.kind;
  const done = actionData?.done;
  return (
    <AuthPage
      title={kind ? `Turn off ${WHAT[kind]}` : "This link is not valid"}
      intro={kind ? "One click and Tasklane stops sending these emails." : "Copy the whole link from the email."}
      footer={
        <Link to="/settings#reminders" className={textLinkClass}>
          Reminder settings
        </Link>
      }
    >
      {!kind ? (
        <Notice title="This link is not valid." tone="warning">
          <p>You can turn reminder emails and the daily digest off in Settings.</p>
        </Notice>
      ) : done ? (
        <p role="status" className="text-slate-700 dark:text-slate-300">
          Done: {WHAT[done]} {done === "digest" ? "is" : "are"} off. You can turn {done === "digest" ? "it" : "them"} on
          again in Settings.
        </p>
      ) : (
        <Form method="post" className="space-y-5">
          <p className="text-slate-700 dark:text-slate-300">
            Stop sending {WHAT[kind]} to this account&apos;s address.
          </p>
          <Button type="submit" pending={pending} className="w-full">
            {pending ? "Turning off…" : `Turn off ${WHAT[kind]}`}
          </Button>
        </Form>
      )}
    </AuthPage>
  );
}
