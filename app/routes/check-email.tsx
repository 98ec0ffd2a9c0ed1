import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link } from "react-router";
import { resendVerificationEmail } from "~/auth/account.server";
import { AuthPage, textLinkClass } from "~/auth/components/auth-page";
import { Notice } from "~/auth/components/notice";
import { toAuthFailure } from "~/auth/failure.server";
import { safeRedirectPath } from "~/safe-redirect";
import { ResendVerificationSchema } from "~/auth/schemas";
import { authHeaders, getSession, sessionMiddleware } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";
import { Button } from "~/ui/button";
import { FormErrors, InputField } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/check-email";

const resendConstraint = getZodConstraint(ResendVerificationSchema);

export const meta: Route.MetaFunction = () => [{ title: "Check your inbox · Tasklane" }];

export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

// Where sign-up lands while REQUIRE_EMAIL_VERIFICATION holds the account, and where a sign-in
// it refused goes: ?email= names the address, ?reason= says which of the two it was.
export function loader({ request }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const email = ResendVerificationSchema.shape.email.safeParse(params.get("email") ?? undefined);
  const reason = params.get("reason");
  return {
    email: email.success ? email.data : undefined,
    reason: reason === "sign-in" || reason === "sign-up" ? reason : null,
  };
}

/** "Send a new link", from this page (signed out) and from the signed-in notice (session's address). */
export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResendVerificationSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sentTo: null }, { status: 400 });
  const session = await getSession(request, context);
  const email = session?.user.email ?? submission.value.email;
  if (!email) {
    return data(
      { result: submission.reply({ fieldErrors: { email: ["Enter your email address."] } }), sentTo: null },
      { status: 400 },
    );
  }
  const back = safeRedirectPath(submission.value.redirectTo, "/settings");
  try {
    await resendVerificationEmail(authHeaders(request, context), email);
  } catch (error) {
    const failure = toAuthFailure(error, context.get(requestMetaContext).requestId);
    if (session && failure.code === "EMAIL_ALREADY_VERIFIED")
      return redirectWithFlash(back, { kind: "success", message: failure.message });
    if (session) return redirectWithFlash(back, { kind: "error", message: failure.message });
    return data(
      { result: submission.reply({ formErrors: [failure.message] }), sentTo: null },
      { status: failure.status },
    );
  }
  if (session) return redirectWithFlash(back, { kind: "success", message: `We sent a new link to ${email}.` });
  return { result: submission.reply(), sentTo: email };
}

export default function CheckEmail({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    id: "resend-verification",
    lastResult: actionData?.result,
    constraint: resendConstraint,
    defaultValue: { email: loaderData.email },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResendVerificationSchema }),
  });
  const pending = usePendingSubmission();
  const sentTo = actionData?.sentTo;
  const address = loaderData.email ? <strong>{loaderData.email}</strong> : "your address";

  return (
    <AuthPage
      title={loaderData.reason === "sign-in" ? "Confirm your email address first" : "Check your inbox"}
      intro={
        loaderData.reason === "sign-in" ? (
          <>Your account is waiting for you to confirm {address}. Use the link we emailed, or ask for a new one.</>
        ) : loaderData.reason === "sign-up" ? (
          <>We sent a link to {address}. Open it to confirm the address, then sign in.</>
        ) : (
          <>Ask for a new link to confirm your email address.</>
        )
      }
      footer={
        <>
          Confirmed already?{" "}
          <Link to="/sign-in" className={textLinkClass}>
            Sign in
          </Link>
        </>
      }
    >
      {sentTo ? (
        <Notice title="Link sent">
          <p>
            If <strong>{sentTo}</strong> has an account waiting for confirmation, a new link is on its way. It works for
            24 hours.
          </p>
        </Notice>
      ) : null}
      <Form method="post" {...getFormProps(form)} className={sentTo ? "mt-6 space-y-5" : "space-y-5"}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {loaderData.email ? (
          <input {...getInputProps(fields.email, { type: "hidden" })} key={fields.email.key} />
        ) : (
          <InputField meta={fields.email} label="Email" type="email" autoComplete="email" spellCheck={false} />
        )}
        <Button type="submit" pending={pending} variant="secondary" className="w-full">
          {pending ? "Sending…" : "Send a new link"}
        </Button>
      </Form>
    </AuthPage>
  );
}
