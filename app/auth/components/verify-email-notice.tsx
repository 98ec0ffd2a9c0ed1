import { Form, useLocation, useNavigation } from "react-router";
import { buttonClass } from "~/ui/button";

/**
 * Shown on every signed-in page until the address is confirmed; the button mails a new link.
 * One short line on a phone, so the page's own content still starts above the fold.
 */
export function VerifyEmailNotice({ email }: { email: string }) {
  const location = useLocation();
  const navigation = useNavigation();
  const pending = navigation.state !== "idle" && navigation.formAction === "/check-email";
  return (
    <div
      role="status"
      className="-mt-2 mb-4 flex items-center justify-between gap-3 rounded-lg bg-amber-50 px-3 py-1.5 text-sm text-amber-900 ring-1 ring-amber-200 sm:mt-0 sm:mb-6 sm:px-4 sm:py-2.5 dark:bg-amber-950/60 dark:text-amber-100 dark:ring-amber-900"
    >
      {/* Accounts older than email confirmation were never sent a link: the words hold for both. */}
      <p>
        Please confirm your email address
        <span className="max-sm:sr-only">
          , <strong>{email}</strong>: it is how you get back in if you forget your password
        </span>
        .
      </p>
      <Form method="post" action="/check-email" className="shrink-0">
        <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
        <button type="submit" disabled={pending} className={buttonClass("secondary", "px-2.5 py-1 whitespace-nowrap")}>
          {pending ? "Sending…" : "Email me a link"}
        </button>
      </Form>
    </div>
  );
}
