import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { textLinkClass } from "~/auth/components/auth-page";
import { SettingsSubpageHeader } from "~/auth/components/settings/settings-subpage-header";
import { SettingsSection } from "~/auth/components/settings/settings-section";
import { INVALID_PASSWORD } from "~/auth/errors";
import { toAuthFailure } from "~/auth/failure.server";
import { authHeaders, requireUser, withCookies } from "~/auth/session.server";
import { regenerateBackupCodes, startTwoFactorSetup, turnOffTwoFactor } from "~/auth/two-factor-account.server";
import { TWO_FACTOR_INTENTS, type TwoFactorIntent, TwoFactorPasswordSchema } from "~/auth/two-factor-schemas";
import { allowBackupCodesView, readTwoFactorStatus } from "~/auth/two-factor.server";
import { redirectWithFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";
import { Button } from "~/ui/button";
import { FormErrors, InputField } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/settings.two-factor";

const passwordConstraint = getZodConstraint(TwoFactorPasswordSchema);

export const meta: Route.MetaFunction = () => [{ title: "Two-factor authentication · Tasklane" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  return readTwoFactorStatus(user.id, Boolean(user.twoFactorEnabled));
}

const isTwoFactorIntent = (value: unknown): value is TwoFactorIntent =>
  (TWO_FACTOR_INTENTS as readonly unknown[]).includes(value);

type ActionData = { intent: TwoFactorIntent; result: SubmissionResult<string[]> };

/** Each form asks for the password; which one it is says `intent`. */
export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: TwoFactorPasswordSchema });
  const hideFields = ["password"];
  const intent = formData.get("intent");
  if (submission.status !== "success") {
    if (!isTwoFactorIntent(intent)) throw data("Unknown two-factor action", { status: 400 });
    return data<ActionData>({ intent, result: submission.reply({ hideFields }) }, { status: 400 });
  }
  const headers = authHeaders(request, context);
  const { password } = submission.value;
  try {
    switch (submission.value.intent) {
      case "enable":
        await startTwoFactorSetup(headers, password);
        return redirect("/settings/two-factor/setup");
      case "regenerate-backup-codes":
        await regenerateBackupCodes(headers, password);
        await allowBackupCodesView(user.id);
        return redirect("/settings/two-factor/backup-codes");
      case "disable": {
        const { setCookies } = await turnOffTwoFactor(headers, password);
        return redirectWithFlash(
          "/settings/two-factor",
          { kind: "success", message: "Two-factor authentication is off. Your other sessions have been signed out." },
          { headers: withCookies(setCookies) },
        );
      }
    }
  } catch (error) {
    const failure = toAuthFailure(error, context.get(requestMetaContext).requestId);
    const reply =
      failure.code === INVALID_PASSWORD
        ? submission.reply({ hideFields, fieldErrors: { password: [failure.message] } })
        : submission.reply({ hideFields, formErrors: [failure.message] });
    return data<ActionData>({ intent: submission.value.intent, result: reply }, { status: failure.status });
  }
}

export default function TwoFactorSettings({ loaderData, actionData }: Route.ComponentProps) {
  const resultFor = (intent: TwoFactorIntent) => (actionData?.intent === intent ? actionData.result : undefined);
  const { state, backupCodesLeft } = loaderData;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <SettingsSubpageHeader title="Two-factor authentication">
        {state === "on"
          ? "On. Signing in asks for a code from your authenticator app after your password."
          : "Off. Signing in needs only your password."}
      </SettingsSubpageHeader>

      {state === "on" ? (
        <>
          <SettingsSection
            id="backup-codes"
            title="Backup codes"
            description={`You have ${backupCodesLeft} unused backup code${backupCodesLeft === 1 ? "" : "s"}. Each signs you in once when your phone is not at hand.`}
          >
            <PasswordForm
              intent="regenerate-backup-codes"
              lastResult={resultFor("regenerate-backup-codes")}
              hint="New codes replace the old ones, which stop working at once."
              submitLabel="Make new backup codes"
              pendingLabel="Making codes…"
              variant="secondary"
            />
          </SettingsSection>
          <SettingsSection
            id="turn-off"
            title="Turn off two-factor authentication"
            tone="danger"
            description="Your password alone will sign you in again. Every other session is signed out and every trusted device forgotten."
          >
            <PasswordForm
              intent="disable"
              lastResult={resultFor("disable")}
              submitLabel="Turn off"
              pendingLabel="Turning off…"
              variant="danger"
            />
          </SettingsSection>
        </>
      ) : (
        <SettingsSection
          id="turn-on"
          title="Turn on two-factor authentication"
          description="After your password, Tasklane will ask for a 6-digit code from an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis)."
        >
          {state === "pending" ? (
            <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
              You started setting it up.{" "}
              <Link to="/settings/two-factor/setup" className={textLinkClass}>
                Finish with a code from your app
              </Link>
              , or start again with your password (a new QR code replaces the old one).
            </p>
          ) : null}
          <PasswordForm
            intent="enable"
            lastResult={resultFor("enable")}
            hint="Next you scan a QR code with the app and enter the code it shows."
            submitLabel="Continue"
            pendingLabel="Preparing…"
          />
        </SettingsSection>
      )}
    </div>
  );
}

interface PasswordFormProps {
  intent: TwoFactorIntent;
  lastResult?: SubmissionResult<string[]>;
  hint?: string;
  submitLabel: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
}

function PasswordForm({ intent, lastResult, hint, submitLabel, pendingLabel, variant = "primary" }: PasswordFormProps) {
  const [form, fields] = useForm({
    id: `two-factor-${intent}`,
    lastResult,
    constraint: passwordConstraint,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorPasswordSchema }),
  });
  const pending = usePendingSubmission(intent);
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-sm space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      <InputField
        meta={fields.password}
        label="Your password"
        type="password"
        autoComplete="current-password"
        hint={hint}
      />
      <Button type="submit" variant={variant} pending={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </Form>
  );
}
