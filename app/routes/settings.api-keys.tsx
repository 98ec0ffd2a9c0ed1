import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { ApiKeyList } from "~/api-keys/api-key-list";
import { CreateApiKeySchema, RevokeApiKeySchema } from "~/api-keys/api-key-schema";
import { createApiKey, listApiKeys, revokeApiKey } from "~/api-keys/api-keys.server";
import { CreateApiKeyForm } from "~/api-keys/create-api-key-form";
import { API_KEY_PREFIX } from "~/api-keys/key-rules";
import { NewApiKey } from "~/api-keys/new-api-key";
import { SettingsSubpageHeader } from "~/auth/components/settings/settings-subpage-header";
import { SettingsSection } from "~/auth/components/settings/settings-section";
import { requireUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { requestMetaContext } from "~/request-context";
import { FormErrors } from "~/ui/field";
import type { Route } from "./+types/settings.api-keys";

export const meta: Route.MetaFunction = () => [{ title: "API keys · Settings · Tasklane" }];

// The answer to "create" carries the new key: no cache may keep it.
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const now = Date.now();
  const keys = await listApiKeys(user.id);
  return {
    keys: keys.map((key) => ({
      ...key,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      expiresAt: key.expiresAt.toISOString(),
      expired: key.expiresAt.getTime() <= now,
    })),
  };
}

type ActionData =
  | { intent: "create-api-key"; result: SubmissionResult<string[]>; created?: { name: string; key: string } }
  | { intent: "revoke-api-key"; result: SubmissionResult<string[]>; created?: undefined };

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const formData = await request.formData();
  const actor = { ipAddress: context.get(requestMetaContext).clientIp, userAgent: request.headers.get("user-agent") };

  switch (formData.get("intent")) {
    case "create-api-key": {
      const submission = parseWithZod(formData, { schema: CreateApiKeySchema });
      if (submission.status !== "success") {
        return data<ActionData>({ intent: "create-api-key", result: submission.reply() }, { status: 400 });
      }
      const { key, view } = await createApiKey(user, submission.value, actor);
      // Shown on this answer only (not through a redirect): the key is never stored in the clear.
      return data<ActionData>(
        { intent: "create-api-key", result: submission.reply({ resetForm: true }), created: { name: view.name, key } },
        { status: 201 },
      );
    }
    case "revoke-api-key": {
      const submission = parseWithZod(formData, { schema: RevokeApiKeySchema });
      if (submission.status !== "success")
        return data<ActionData>({ intent: "revoke-api-key", result: submission.reply() }, { status: 400 });
      if (!(await revokeApiKey(user, submission.value.keyId, actor))) {
        return data<ActionData>(
          {
            intent: "revoke-api-key",
            result: submission.reply({ formErrors: ["That key has already been revoked."] }),
          },
          { status: 404 },
        );
      }
      return redirectWithFlash("/settings/api-keys", {
        kind: "success",
        message: "The key has been revoked. Programs using it are refused from now on.",
      });
    }
    default:
      throw data("Unknown API keys action", { status: 400 });
  }
}

export default function ApiKeys({ loaderData, actionData }: Route.ComponentProps) {
  const created = actionData?.created;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <SettingsSubpageHeader title="API keys">
        Let a program use your tasks without your password: it sends the key as{" "}
        <code>Authorization: Bearer {API_KEY_PREFIX}…</code>. See the README for the API.
      </SettingsSubpageHeader>

      {created ? <NewApiKey name={created.name} apiKey={created.key} /> : null}

      <SettingsSection
        id="create-api-key-section"
        title="Create a key"
        description="Give it only the access the program needs."
      >
        <CreateApiKeyForm lastResult={actionData?.intent === "create-api-key" ? actionData.result : undefined} />
      </SettingsSection>

      <SettingsSection
        id="api-key-list"
        title="Your keys"
        description="Revoke a key you no longer use, or that may have leaked."
      >
        <div className="space-y-4">
          <FormErrors
            id="api-key-list-errors"
            errors={actionData?.intent === "revoke-api-key" ? (actionData.result.error?.[""] ?? undefined) : undefined}
          />
          <ApiKeyList keys={loaderData.keys} />
        </div>
      </SettingsSection>
    </div>
  );
}
