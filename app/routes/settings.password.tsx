// /settings/password: the Password form of the settings page (one route per form). The settings
// page posts here through a fetcher; without JavaScript a refusal shows this page with the form.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { changePassword } from "~/auth/account.server";
import { ChangePasswordForm } from "~/auth/components/settings/change-password-form";
import { SettingsSection } from "~/auth/components/settings/settings-section";
import { SettingsSubpageHeader } from "~/auth/components/settings/settings-subpage-header";
import { revokeAllApiKeys } from "~/api-keys/api-keys.server";
import { INVALID_PASSWORD, PASSWORD_TOO_WEAK } from "~/auth/errors";
import { attemptAuthForm } from "~/auth/failure.server";
import { ChangePasswordSchema } from "~/auth/schemas";
import { authHeaders, requireUser, withCookies } from "~/auth/session.server";
import { replaceWithFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";
import type { Route } from "./+types/settings.password";

export const meta: Route.MetaFunction = () => [{ title: "Change password · Settings · Tasklane" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, context);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const hideFields = ["currentPassword", "newPassword"];
  const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const { signOutOtherSessions, revokeApiKeys } = submission.value;
  const headers = authHeaders(request, context);
  const changed = await attemptAuthForm(
    submission,
    async () => {
      const { setCookies } = await changePassword(headers, submission.value);
      if (revokeApiKeys)
        await revokeAllApiKeys(user, { ipAddress: headers.get("x-client-ip"), userAgent: headers.get("user-agent") });
      return setCookies;
    },
    {
      requestId: context.get(requestMetaContext).requestId,
      hideFields,
      fieldFor: { [INVALID_PASSWORD]: "currentPassword", [PASSWORD_TOO_WEAK]: "newPassword" },
    },
  );
  if (!changed.ok) return data(changed.reply, { status: changed.status });

  const also = [
    signOutOtherSessions && "your other sessions have been signed out",
    revokeApiKeys && "your API keys have been revoked",
  ].filter(Boolean);
  return replaceWithFlash(
    "/settings",
    { kind: "success", message: also.length ? `Password changed; ${also.join(" and ")}.` : "Password changed." },
    // Signing out the other sessions replaced this one too: the new cookie rides on the redirect.
    { headers: withCookies(changed.value) },
  );
}

export default function ChangePasswordPage({ actionData }: Route.ComponentProps) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <SettingsSubpageHeader title="Change password">
        Your new password works at once, on every device.
      </SettingsSubpageHeader>
      <SettingsSection id="password" title="Password" description="Choose a strong password you do not use elsewhere.">
        <ChangePasswordForm lastResult={actionData} />
      </SettingsSection>
    </div>
  );
}
