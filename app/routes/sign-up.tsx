import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { signUp } from "~/auth/account.server";
import { AuthPage, textLinkClass } from "~/auth/components/auth-page";
import { NewPasswordField } from "~/auth/components/new-password-field";
import { ACCOUNT_EXISTS_MESSAGE, PASSWORD_TOO_WEAK } from "~/auth/errors";
import { attemptAuthForm } from "~/auth/failure.server";
import { safeRedirectPath } from "~/safe-redirect";
import { SignUpSchema } from "~/auth/schemas";
import { authHeaders, requireAnonymous, withCookies, sessionMiddleware } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";
import { Button } from "~/ui/button";
import { FormErrors, InputField } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/sign-up";

const signUpConstraint = getZodConstraint(SignUpSchema);

export const meta: Route.MetaFunction = () => [{ title: "Create your account · Tasklane" }];

// One session lookup per request, shared by this route's loaders and actions (and its children's).
export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAnonymous(request, context);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireAnonymous(request, context);
  const submission = parseWithZod(await request.formData(), { schema: SignUpSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const signedUp = await attemptAuthForm(submission, () => signUp(authHeaders(request, context), submission.value), {
    requestId: context.get(requestMetaContext).requestId,
    hideFields: ["password"],
    fieldFor: {
      USER_ALREADY_EXISTS: "email",
      USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "email",
      [PASSWORD_TOO_WEAK]: "password",
    },
  });
  if (!signedUp.ok) return data(signedUp.reply, { status: signedUp.status });
  if (!signedUp.value.signedIn) {
    // REQUIRE_EMAIL_VERIFICATION: a new account and a taken address get this same answer.
    return redirect(`/check-email?${new URLSearchParams({ email: submission.value.email, reason: "sign-up" })}`);
  }
  return redirectWithFlash(
    safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")),
    { kind: "success", message: `Welcome to Tasklane, ${submission.value.name}!` },
    { headers: withCookies(signedUp.value.setCookies) },
  );
}

export default function SignUp({ actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    id: "sign-up",
    lastResult: actionData,
    constraint: signUpConstraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignUpSchema }),
  });
  const pending = usePendingSubmission();
  // A visitor sent here from a protected page goes back there, whichever way they sign in.
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
  const signInHref = redirectTo ? `/sign-in?${new URLSearchParams({ redirectTo })}` : "/sign-in";
  const emailTaken = fields.email.errors?.includes(ACCOUNT_EXISTS_MESSAGE);

  return (
    <AuthPage
      title="Create your account"
      intro="Start organising your tasks in under a minute."
      footer={
        <>
          Already have an account?{" "}
          <Link to={signInHref} className={textLinkClass}>
            Sign in
          </Link>
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField meta={fields.name} label="Name" autoComplete="name" />
        <InputField
          meta={fields.email}
          label="Email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          errorAction={
            emailTaken ? (
              <Link to={signInHref} className={textLinkClass}>
                Sign in instead
              </Link>
            ) : null
          }
        />
        <NewPasswordField meta={fields.password} label="Password" />
        <Button type="submit" pending={pending} className="w-full">
          {pending ? "Creating your account…" : "Create account"}
        </Button>
      </Form>
    </AuthPage>
  );
}
