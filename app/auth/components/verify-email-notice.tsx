import { Form, useLocation, useNavigation } from "react-router";
import { Button } from "~/ui/button";

/** Shown on every signed-in page until the address is confirmed; the button mails a new link. */
export function VerifyEmailNotice({ email }: { email: string }) {
  const location = useLocation();
  const navigation = useNavigation();
  const pending = navigation.state !== "idle" && navigation.formAction === "/check-email";
  return (
    <div
      role="status"
      className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950/60 dark:text-amber-100 dark:ring-amber-900"
    >
      {/* Accounts older than email confirmation were never sent a link: the words hold for both. */}
      <p>
        Please confirm your email address, <strong>{email}</strong>: it is how you get back in if you forget your
        password.
      </p>
      <Form method="post" action="/check-email">
        <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
        <Button type="submit" variant="secondary" pending={pending} className="px-3 py-1.5">
          {pending ? "Sending…" : "Email me a link"}
        </Button>
      </Form>
    </div>
  );
}
