import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { textLinkClass } from "~/auth/components/auth-page";
import { QrCode } from "~/auth/components/qr-code";
import { SettingsSection } from "~/auth/components/settings/settings-section";
import { toAuthFailure } from "~/auth/failure.server";
import { authHeaders, requireUser, withCookies } from "~/auth/session.server";
import { confirmTwoFactorSetup } from "~/auth/two-factor-account.server";
import { ConfirmTotpSchema } from "~/auth/two-factor-schemas";
import { allowBackupCodesView, readPendingTotpSetup } from "~/auth/two-factor.server";
import { requestMetaContext } from "~/request-context";
import { Button } from "~/ui/button";
import { FormErrors, InputField } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/settings.two-factor.setup";

// Step two of turning it on: the secret made by step one (settings.two-factor.tsx, with the
// password) as a QR code and as text, and the first code, which turns two-factor on.

const confirmConstraint = getZodConstraint(ConfirmTotpSchema);

export const meta: Route.MetaFunction = () => [{ title: "Set up your authenticator app · Tasklane" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const setup = await readPendingTotpSetup(user.id, user.email);
  // Nothing waiting (already on, or never started): the page that starts it.
  if (!setup) throw redirect("/settings/two-factor");
  return { secret: setup.secret, qrModules: setup.qrModules, email: user.email };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: ConfirmTotpSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { setCookies } = await confirmTwoFactorSetup(authHeaders(request, context), submission.value.code);
    await allowBackupCodesView(user.id);
    // Turning it on replaced the session: the new cookie rides on the redirect.
    return redirect("/settings/two-factor/backup-codes", { headers: withCookies(setCookies) });
  } catch (error) {
    const failure = toAuthFailure(error, context.get(requestMetaContext).requestId);
    const reply =
      failure.code === "INVALID_CODE"
        ? submission.reply({ fieldErrors: { code: [failure.message] } })
        : submission.reply({ formErrors: [failure.message] });
    return data(reply, { status: failure.status });
  }
}

export default function TwoFactorSetup({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    id: "confirm-two-factor",
    lastResult: actionData,
    constraint: confirmConstraint,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConfirmTotpSchema }),
  });
  const pending = usePendingSubmission();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <p className="text-sm">
          <Link to="/settings/two-factor" className={textLinkClass}>
            ← Two-factor authentication
          </Link>
        </p>
        <h1 className="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">Set up your authenticator app</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">
          Two-factor authentication is not on until you enter a code below.
        </p>
      </div>

      <SettingsSection
        id="scan"
        title="1. Add Tasklane to the app"
        description="Scan this QR code with the app on your phone."
      >
        <div className="flex flex-col gap-5 sm:flex-row sm:items-start">
          <QrCode modules={loaderData.qrModules} label={`QR code for Tasklane, ${loaderData.email}`} />
          <div className="min-w-0 text-sm">
            <p className="text-slate-700 dark:text-slate-300">
              Cannot scan it? Enter this key in the app instead (time-based, 6 digits):
            </p>
            <p
              className="mt-2 font-mono text-base break-all text-slate-900 dark:text-slate-100"
              data-testid="totp-secret"
            >
              {loaderData.secret}
            </p>
          </div>
        </div>
      </SettingsSection>

      <SettingsSection
        id="confirm"
        title="2. Enter the code it shows"
        description="This proves the app is set up. Then you get your backup codes."
      >
        <Form method="post" {...getFormProps(form)} className="max-w-sm space-y-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          <InputField
            meta={fields.code}
            label="6-digit code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\s*(\d\s*){6}"
            maxLength={12}
            spellCheck={false}
          />
          <Button type="submit" pending={pending}>
            {pending ? "Checking…" : "Turn on two-factor authentication"}
          </Button>
        </Form>
      </SettingsSection>
    </div>
  );
}
