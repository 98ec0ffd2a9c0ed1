// /settings/email: the Email address form of the settings page (one route per form). The settings
// page posts here through a fetcher; without JavaScript a refusal shows this page with the form.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { requestEmailChange } from "~/auth/account.server";
import { EmailSection } from "~/auth/components/settings/email-section";
import { SettingsSection } from "~/auth/components/settings/settings-section";
import { SettingsSubpageHeader } from "~/auth/components/settings/settings-subpage-header";
import { CURRENT_PASSWORD_REQUIRED, INVALID_PASSWORD } from "~/auth/errors";
import { attemptAuthForm } from "~/auth/failure.server";
import { ChangeEmailSchema } from "~/auth/schemas";
import { authHeaders, requireUser } from "~/auth/session.server";
import { replaceWithFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";
import type { Route } from "./+types/settings.email";

export const meta: Route.MetaFunction = () => [{ title: "Change email address · Settings · Tasklane" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  return { email: user.email, emailVerified: user.emailVerified };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const hideFields = ["currentPassword"];
  const submission = parseWithZod(await request.formData(), { schema: ChangeEmailSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const { newEmail } = submission.value;
  if (newEmail === user.email) {
    return data(submission.reply({ hideFields, fieldErrors: { newEmail: ["That is already your email address."] } }), {
      status: 400,
    });
  }
  const asked = await attemptAuthForm(
    submission,
    () => requestEmailChange(authHeaders(request, context), submission.value),
    {
      requestId: context.get(requestMetaContext).requestId,
      hideFields,
      fieldFor: { [INVALID_PASSWORD]: "currentPassword", [CURRENT_PASSWORD_REQUIRED]: "currentPassword" },
    },
  );
  if (!asked.ok) return data(asked.reply, { status: asked.status });
  // The same answer when the address belongs to another account (Better Auth then sends nothing).
  return replaceWithFlash("/settings", {
    kind: "success",
    message: `We sent a link to ${newEmail}. Your address changes when you open it.`,
  });
}

export default function ChangeEmailPage({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <SettingsSubpageHeader title="Change email address">
        We send a link to the new address; it takes over when you open it.
      </SettingsSubpageHeader>
      <SettingsSection
        id="email"
        title="Email address"
        description="Where we send password resets and security notices."
      >
        <EmailSection email={loaderData.email} emailVerified={loaderData.emailVerified} lastResult={actionData} />
      </SettingsSection>
    </div>
  );
}
