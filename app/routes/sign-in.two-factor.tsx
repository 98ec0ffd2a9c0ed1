import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect, redirectDocument, useSearchParams } from "react-router";
import { AuthPage, textLinkClass } from "~/auth/components/auth-page";
import { toAuthFailure } from "~/auth/failure.server";
import { isServerOnlyPath, safeRedirectPath } from "~/safe-redirect";
import { authHeaders, requireAnonymous, sessionMiddleware, withCookies } from "~/auth/session.server";
import { answerSignInChallenge } from "~/auth/two-factor-account.server";
import { SignInBackupCodeSchema, SignInTotpSchema } from "~/auth/two-factor-schemas";
import { hasSignInChallenge } from "~/auth/two-factor-challenge.server";
import { redirectWithFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";
import { Button } from "~/ui/button";
import { FormErrors, InputField, labelClass } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/sign-in.two-factor";

// The second sign-in step. The password step (sign-in.tsx, or /api/auth/sign-in/email) left a
// signed challenge cookie and no session; a right code here makes the session.

const constraints = {
  totp: getZodConstraint(SignInTotpSchema),
  "backup-code": getZodConstraint(SignInBackupCodeSchema),
};

/** Failures that end the challenge: the password must be entered again. */
const CHALLENGE_OVER = new Set(["INVALID_TWO_FACTOR_COOKIE", "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE"]);

export const meta: Route.MetaFunction = () => [{ title: "Two-factor sign-in · Tasklane" }];

export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

function signInAgain(redirectTo: string | undefined, message: string) {
  const query = redirectTo ? `?${new URLSearchParams({ redirectTo: safeRedirectPath(redirectTo) })}` : "";
  return redirectWithFlash(`/sign-in${query}`, { kind: "error", message });
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAnonymous(request, context);
  if (!hasSignInChallenge(request)) {
    throw await signInAgain(
      new URL(request.url).searchParams.get("redirectTo") ?? undefined,
      "Enter your email and password first.",
    );
  }
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireAnonymous(request, context);
  const formData = await request.formData();
  const schema = formData.get("method") === "backup-code" ? SignInBackupCodeSchema : SignInTotpSchema;
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { redirectTo, ...answer } = submission.value;
  try {
    const { setCookies } = await answerSignInChallenge(authHeaders(request, context), answer);
    const next = safeRedirectPath(redirectTo);
    return (isServerOnlyPath(next) ? redirectDocument : redirect)(next, { headers: withCookies(setCookies) });
  } catch (error) {
    const failure = toAuthFailure(error, context.get(requestMetaContext).requestId);
    if (CHALLENGE_OVER.has(failure.code)) throw await signInAgain(redirectTo, failure.message);
    const wrongCode = failure.code === "INVALID_CODE" || failure.code === "INVALID_BACKUP_CODE";
    const reply = wrongCode
      ? submission.reply({ fieldErrors: { code: [failure.message] }, resetForm: false })
      : submission.reply({ formErrors: [failure.message] });
    return data(reply, { status: failure.status });
  }
}

export default function SignInTwoFactor({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? undefined;
  const method = searchParams.get("method") === "backup-code" ? "backup-code" : "totp";
  const schema = method === "totp" ? SignInTotpSchema : SignInBackupCodeSchema;
  const [form, fields] = useForm({
    id: `two-factor-${method}`,
    lastResult: actionData,
    constraint: constraints[method],
    defaultValue: { redirectTo },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const pending = usePendingSubmission();
  const otherMethod = new URLSearchParams(searchParams);
  if (method === "totp") otherMethod.set("method", "backup-code");
  else otherMethod.delete("method");
  const otherQuery = otherMethod.toString();

  return (
    <AuthPage
      title="One more step"
      intro={
        method === "totp"
          ? "Enter the 6-digit code your authenticator app shows for Tasklane."
          : "Enter one of the backup codes you saved when you turned on two-factor authentication. Each works once."
      }
      footer={
        <Link
          to={redirectTo ? `/sign-in?${new URLSearchParams({ redirectTo })}` : "/sign-in"}
          className={textLinkClass}
        >
          Start again with your password
        </Link>
      }
    >
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} key={fields.redirectTo.key} />
        <input type="hidden" name="method" value={method} />
        {method === "totp" ? (
          <InputField
            meta={fields.code}
            label="Authentication code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\s*(\d\s*){6}"
            maxLength={12}
            spellCheck={false}
            autoFocus
            // With JavaScript the form goes as soon as the sixth digit is in (an app or a
            // password manager often fills all six at once); without it, the button.
            onInput={(event) => {
              if (/^\d{6}$/.test(event.currentTarget.value.replace(/\s+/g, "")))
                event.currentTarget.form?.requestSubmit();
            }}
          />
        ) : (
          <InputField
            meta={fields.code}
            label="Backup code"
            autoComplete="off"
            autoCapitalize="none"
            maxLength={16}
            spellCheck={false}
            autoFocus
          />
        )}
        <div className="flex items-start gap-3">
          <input
            {...getInputProps(fields.trustDevice, { type: "checkbox" })}
            key={fields.trustDevice.key}
            className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600 dark:border-slate-600 dark:bg-slate-900"
          />
          <label htmlFor={fields.trustDevice.id} className={labelClass}>
            Trust this device for 30 days
            <span className="block font-normal text-slate-600 dark:text-slate-400">
              Only on a device that is yours: it will not ask for a code again until then.
            </span>
          </label>
        </div>
        <Button type="submit" pending={pending} className="w-full">
          {pending ? "Checking…" : "Sign in"}
        </Button>
      </Form>
      <p className="mt-5 text-sm">
        <Link to={`/sign-in/two-factor${otherQuery ? `?${otherQuery}` : ""}`} className={textLinkClass}>
          {method === "totp" ? "No access to your app? Use a backup code" : "Use a code from your authenticator app"}
        </Link>
      </p>
    </AuthPage>
  );
}
