import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { AddPasskeyForm } from "~/auth/components/passkeys/add-passkey-form";
import { PasskeyList } from "~/auth/components/passkeys/passkey-list";
import { SettingsSection } from "~/auth/components/settings/settings-section";
import { SettingsSubpageHeader } from "~/auth/components/settings/settings-subpage-header";
import { DeletePasskeySchema, RenamePasskeySchema } from "~/auth/passkey-schemas";
import { deletePasskey, isSessionFresh, listPasskeys, renamePasskey } from "~/auth/passkeys.server";
import { requireUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";
import type { Route } from "./+types/settings.passkeys";

export const meta: Route.MetaFunction = () => [{ title: "Passkeys · Settings · Tasklane" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user, session } = await requireUser(request, context);
  const passkeys = await listPasskeys(user.id);
  return {
    fresh: isSessionFresh(session.createdAt),
    passkeys: passkeys.map((key) => ({
      ...key,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    })),
  };
}

const NOT_FOUND = "That passkey does not exist any more.";

// Renaming and deleting are plain form posts (no WebAuthn involved), so they work without JavaScript.
export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const formData = await request.formData();
  const actor = { ipAddress: context.get(requestMetaContext).clientIp, userAgent: request.headers.get("user-agent") };

  switch (formData.get("intent")) {
    case "rename-passkey": {
      const submission = parseWithZod(formData, { schema: RenamePasskeySchema });
      if (submission.status !== "success") {
        const passkeyId = String(formData.get("passkeyId") ?? "");
        const message = submission.error?.name?.[0] ?? submission.error?.passkeyId?.[0] ?? "That name cannot be used.";
        return data({ renameError: { passkeyId, message } }, { status: 400 });
      }
      const { passkeyId, name } = submission.value;
      if (!(await renamePasskey(user, passkeyId, name, actor)))
        return data({ renameError: { passkeyId, message: NOT_FOUND } }, { status: 404 });
      return redirectWithFlash("/settings/passkeys", {
        kind: "success",
        message: `The passkey is now called “${name}”.`,
      });
    }
    case "delete-passkey": {
      const submission = parseWithZod(formData, { schema: DeletePasskeySchema });
      if (submission.status !== "success" || !(await deletePasskey(user, submission.value.passkeyId, actor))) {
        return data({ deleteError: NOT_FOUND }, { status: 404 });
      }
      return redirectWithFlash("/settings/passkeys", {
        kind: "success",
        message:
          "The passkey has been deleted: it cannot sign you in any more. You can also remove it from your device.",
      });
    }
    default:
      throw data("Unknown passkeys action", { status: 400 });
  }
}

export default function Passkeys({ loaderData, actionData }: Route.ComponentProps) {
  const renameError = actionData && "renameError" in actionData ? actionData.renameError : undefined;
  const deleteError = actionData && "deleteError" in actionData ? actionData.deleteError : undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <SettingsSubpageHeader title="Passkeys">
        Sign in with your fingerprint, face or device PIN instead of your password. A passkey counts as both factors, so
        no two-factor code is asked for.
      </SettingsSubpageHeader>

      <SettingsSection
        id="add-passkey-section"
        title="Add a passkey"
        description="Your device or password manager keeps it; Tasklane keeps only its public key."
      >
        <AddPasskeyForm fresh={loaderData.fresh} />
      </SettingsSection>

      <SettingsSection
        id="passkey-list"
        title="Your passkeys"
        description="Rename a passkey, or delete one you no longer use or have lost."
      >
        <div className="space-y-4">
          {deleteError ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {deleteError}
            </p>
          ) : null}
          <PasskeyList passkeys={loaderData.passkeys} renameError={renameError} />
        </div>
      </SettingsSection>
    </div>
  );
}
