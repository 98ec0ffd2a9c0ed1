import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect, redirectDocument, useSearchParams } from "react-router";
import { signIn } from "~/auth/account.server";
import { AuthPage, textLinkClass } from "~/auth/components/auth-page";
import { PasskeySignIn } from "~/auth/components/passkeys/passkey-sign-in";
import { toAuthFailure } from "~/auth/failure.server";
import { isServerOnlyPath, safeRedirectPath } from "~/safe-redirect";
import { SignInSchema } from "~/auth/schemas";
import { authHeaders, requireAnonymous, withCookies, sessionMiddleware } from "~/auth/session.server";
import { requestMetaContext } from "~/request-context";
import { Button } from "~/ui/button";
import { FormErrors, InputField } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/sign-in";

const signInConstraint = getZodConstraint(SignInSchema);

export const meta: Route.MetaFunction = () => [{ title: "Sign in · Tasklane" }];

// One session lookup per request, shared by this route's loaders and actions (and its children's).
export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAnonymous(request, context);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireAnonymous(request, context);
  const submission = parseWithZod(await request.formData(), { schema: SignInSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  try {
    const { setCookies, twoFactor } = await signIn(authHeaders(request, context), { email, password });
    if (twoFactor) {
      const next = redirectTo ? `?${new URLSearchParams({ redirectTo: safeRedirectPath(redirectTo) })}` : "";
      return redirect(`/sign-in/two-factor${next}`, { headers: withCookies(setCookies) });
    }
    const next = safeRedirectPath(redirectTo);
    return (isServerOnlyPath(next) ? redirectDocument : redirect)(next, { headers: withCookies(setCookies) });
  } catch (error) {
    // Wrong email and wrong password share one message and one status (401): no account probing.
    const failure = toAuthFailure(error, context.get(requestMetaContext).requestId);
    // Only a right password gets this far (REQUIRE_EMAIL_VERIFICATION): the page offers a new link.
    if (failure.code === "EMAIL_NOT_VERIFIED") {
      return redirect(`/check-email?${new URLSearchParams({ email, reason: "sign-in" })}`);
    }
    return data(submission.reply({ hideFields: ["password"], formErrors: [failure.message] }), {
      status: failure.status,
    });
  }
}

export default function SignIn({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? undefined;
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult: actionData,
    constraint: signInConstraint,
    defaultValue: { redirectTo },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });
  const pending = usePendingSubmission();

  return (
    <AuthPage
      title="Welcome back"
      intro="Sign in to pick up where you left off."
      footer={
        <>
          New to Tasklane?{" "}
          <Link
            to={redirectTo ? `/sign-up?${new URLSearchParams({ redirectTo })}` : "/sign-up"}
            className={textLinkClass}
          >
            Create an account
          </Link>
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} key={fields.redirectTo.key} />
        {/* "webauthn": the browser may offer this site's passkeys here (see PasskeySignIn). */}
        <InputField
          meta={fields.email}
          label="Email"
          type="email"
          autoComplete="username webauthn"
          spellCheck={false}
        />
        <div>
          <InputField meta={fields.password} label="Password" type="password" autoComplete="current-password" />
          <p className="mt-1.5 text-right text-sm">
            <Link to="/forgot-password" className={textLinkClass}>
              Forgot password?
            </Link>
          </p>
        </div>
        <Button type="submit" pending={pending} className="w-full">
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </Form>
      <div className="mt-6 border-t border-slate-200 pt-6 dark:border-slate-800">
        <PasskeySignIn redirectTo={redirectTo} />
      </div>
    </AuthPage>
  );
}
