import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link } from "react-router";
import {
  changePassword,
  deleteAccount,
  listActiveSessions,
  renameUser,
  requestEmailChange,
  revokeOtherSessions,
  revokeSession,
} from "~/auth/account.server";
import { revokeAllApiKeys } from "~/api-keys/api-keys.server";
import { listRecentSecurityEvents } from "~/audit.server";
import { EmailSection } from "~/auth/components/settings/email-section";
import { KeyboardShortcutsForm } from "~/shortcuts/keyboard-shortcuts-form";
import { ChangePasswordForm } from "~/auth/components/settings/change-password-form";
import { DeleteAccountForm } from "~/auth/components/settings/delete-account-form";
import { ProfileForm } from "~/auth/components/settings/profile-form";
import { SecurityActivity } from "~/auth/components/settings/security-activity";
import { SessionList } from "~/auth/components/settings/session-list";
import { SettingsSection } from "~/auth/components/settings/settings-section";
import { TwoFactorSummary } from "~/auth/components/settings/two-factor-summary";
import { CURRENT_PASSWORD_REQUIRED, INVALID_PASSWORD, PASSWORD_TOO_WEAK } from "~/auth/errors";
import { toAuthFailure } from "~/auth/failure.server";
import {
  ChangeEmailSchema,
  ChangePasswordSchema,
  DeleteAccountSchema,
  RevokeOtherSessionsSchema,
  RevokeSessionSchema,
  type SettingsIntent,
  UpdateProfileSchema,
} from "~/auth/schemas";
import { authHeaders, requireUser, withCookies } from "~/auth/session.server";
import { describeUserAgent, formatIpAddress } from "~/auth/device.server";
import { redirectWithFlash } from "~/flash.server";
import { buttonClass } from "~/ui/button";
import { requestMetaContext } from "~/request-context";
import type { Route } from "./+types/settings";

export const meta: Route.MetaFunction = () => [{ title: "Settings · Tasklane" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user, session } = await requireUser(request, context);
  const [sessions, events] = await Promise.all([listActiveSessions(user.id), listRecentSecurityEvents(user.id)]);
  return {
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerified,
    twoFactorEnabled: Boolean(user.twoFactorEnabled),
    keyboardShortcuts: user.keyboardShortcuts,
    sessions: sessions
      .map((entry) => {
        const device = describeUserAgent(entry.userAgent);
        return {
          id: entry.id,
          device: device.label,
          kind: device.kind,
          ipAddress: formatIpAddress(entry.ipAddress),
          createdAt: entry.createdAt.toISOString(),
          expiresAt: entry.expiresAt.toISOString(),
          current: entry.id === session.id,
        };
      })
      // This device first; the others stay most recently signed in first (a stable sort).
      .sort((a, b) => Number(b.current) - Number(a.current)),
    events: events.map((entry) => ({
      id: entry.id,
      event: entry.event,
      device: describeUserAgent(entry.userAgent).label,
      ipAddress: formatIpAddress(entry.ipAddress),
      createdAt: entry.createdAt.toISOString(),
    })),
  };
}

type SettingsActionData = { intent: SettingsIntent; result: SubmissionResult<string[]> };

/** The settings page holds several forms; each posts an `intent` saying which one it is. */
export async function action({ request, context }: Route.ActionArgs) {
  const { session, user } = await requireUser(request, context);
  const formData = await request.formData();
  const headers = authHeaders(request, context);
  const { requestId } = context.get(requestMetaContext);
  const settingsPage = "/settings";

  const fail = (intent: SettingsIntent, result: SubmissionResult<string[]>, status = 400) =>
    data<SettingsActionData>({ intent, result }, { status });

  switch (formData.get("intent")) {
    case "update-profile": {
      const submission = parseWithZod(formData, { schema: UpdateProfileSchema });
      if (submission.status !== "success") return fail("update-profile", submission.reply());
      try {
        await renameUser(headers, submission.value.name);
      } catch (error) {
        const failure = toAuthFailure(error, requestId);
        return fail("update-profile", submission.reply({ formErrors: [failure.message] }), failure.status);
      }
      return redirectWithFlash(settingsPage, { kind: "success", message: "Your name has been updated." });
    }

    case "change-email": {
      const hideFields = ["currentPassword"];
      const submission = parseWithZod(formData, { schema: ChangeEmailSchema });
      if (submission.status !== "success") return fail("change-email", submission.reply({ hideFields }));
      const { newEmail } = submission.value;
      if (newEmail === user.email) {
        return fail("change-email", submission.reply({ hideFields, fieldErrors: { newEmail: ["That is already your email address."] } }));
      }
      try {
        await requestEmailChange(headers, submission.value);
      } catch (error) {
        const failure = toAuthFailure(error, requestId);
        const field = failure.code === INVALID_PASSWORD || failure.code === CURRENT_PASSWORD_REQUIRED ? "currentPassword" : null;
        const reply = submission.reply({
          hideFields,
          ...(field ? { fieldErrors: { [field]: [failure.message] } } : { formErrors: [failure.message] }),
        });
        return fail("change-email", reply, failure.status);
      }
      // The same answer when the address belongs to another account (Better Auth then sends nothing).
      return redirectWithFlash(settingsPage, {
        kind: "success",
        message: `We sent a link to ${newEmail}. Your address changes when you open it.`,
      });
    }

    case "change-password": {
      const hideFields = ["currentPassword", "newPassword"];
      const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
      if (submission.status !== "success") return fail("change-password", submission.reply({ hideFields }));
      try {
        const { setCookies } = await changePassword(headers, submission.value);
        const { signOutOtherSessions, revokeApiKeys } = submission.value;
        if (revokeApiKeys) await revokeAllApiKeys(user, { ipAddress: headers.get("x-client-ip"), userAgent: headers.get("user-agent") });
        const also = [signOutOtherSessions && "your other sessions have been signed out", revokeApiKeys && "your API keys have been revoked"].filter(Boolean);
        return redirectWithFlash(
          settingsPage,
          {
            kind: "success",
            message: also.length ? `Password changed; ${also.join(" and ")}.` : "Password changed.",
          },
          { headers: withCookies(setCookies) },
        );
      } catch (error) {
        const failure = toAuthFailure(error, requestId);
        const field =
          failure.code === INVALID_PASSWORD ? "currentPassword" : failure.code === PASSWORD_TOO_WEAK ? "newPassword" : null;
        const reply = submission.reply({
          hideFields,
          ...(field ? { fieldErrors: { [field]: [failure.message] } } : { formErrors: [failure.message] }),
        });
        return fail("change-password", reply, failure.status);
      }
    }

    case "revoke-session": {
      const submission = parseWithZod(formData, { schema: RevokeSessionSchema });
      if (submission.status !== "success") return fail("revoke-session", submission.reply());
      if (submission.value.sessionId === session.id) {
        return fail("revoke-session", submission.reply({ formErrors: ["To end this session, use Sign out."] }));
      }
      try {
        const revoked = await revokeSession(headers, session.userId, submission.value.sessionId);
        if (!revoked) {
          return fail("revoke-session", submission.reply({ formErrors: ["That session has already ended."] }), 404);
        }
      } catch (error) {
        const failure = toAuthFailure(error, requestId);
        return fail("revoke-session", submission.reply({ formErrors: [failure.message] }), failure.status);
      }
      return redirectWithFlash(settingsPage, { kind: "success", message: "That session has been signed out." });
    }

    case "revoke-other-sessions": {
      const submission = parseWithZod(formData, { schema: RevokeOtherSessionsSchema });
      if (submission.status !== "success") return fail("revoke-other-sessions", submission.reply());
      try {
        await revokeOtherSessions(headers);
      } catch (error) {
        const failure = toAuthFailure(error, requestId);
        return fail("revoke-other-sessions", submission.reply({ formErrors: [failure.message] }), failure.status);
      }
      return redirectWithFlash(settingsPage, { kind: "success", message: "All your other sessions have been signed out." });
    }

    case "delete-account": {
      const hideFields = ["password"];
      const submission = parseWithZod(formData, { schema: DeleteAccountSchema });
      if (submission.status !== "success") return fail("delete-account", submission.reply({ hideFields }));
      try {
        const { setCookies } = await deleteAccount(headers, submission.value.password);
        return redirectWithFlash(
          "/",
          { kind: "success", message: "Your account and all its tasks have been deleted." },
          { headers: withCookies(setCookies) },
        );
      } catch (error) {
        const failure = toAuthFailure(error, requestId);
        const reply =
          failure.code === INVALID_PASSWORD
            ? submission.reply({ hideFields, fieldErrors: { password: [failure.message] } })
            : submission.reply({ hideFields, formErrors: [failure.message] });
        return fail("delete-account", reply, failure.status);
      }
    }

    default:
      throw data("Unknown settings action", { status: 400 });
  }
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const resultFor = (intent: SettingsIntent) => (actionData?.intent === intent ? actionData.result : undefined);
  const sessionErrors =
    resultFor("revoke-session")?.error?.[""] ?? resultFor("revoke-other-sessions")?.error?.[""] ?? undefined;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Settings</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">
          Signed in as <span className="font-medium text-slate-900 dark:text-slate-100">{loaderData.email}</span>
        </p>
      </div>

      <SettingsSection id="profile" title="Profile" description="The name shown in Tasklane.">
        <ProfileForm name={loaderData.name} lastResult={resultFor("update-profile")} />
      </SettingsSection>

      <SettingsSection
        id="email"
        title="Email address"
        description="Where we send password resets and security notices."
      >
        <EmailSection
          email={loaderData.email}
          emailVerified={loaderData.emailVerified}
          lastResult={resultFor("change-email")}
        />
      </SettingsSection>

      <SettingsSection id="password" title="Password" description="Choose a strong password you do not use elsewhere.">
        <ChangePasswordForm lastResult={resultFor("change-password")} />
      </SettingsSection>

      <SettingsSection id="shortcuts" title="Keyboard shortcuts" description="Single keys that act on the task list.">
        <KeyboardShortcutsForm enabled={loaderData.keyboardShortcuts} />
      </SettingsSection>

      <SettingsSection
        id="two-factor"
        title="Two-factor authentication"
        description="A code from an authenticator app on your phone, asked for after your password."
      >
        <TwoFactorSummary enabled={loaderData.twoFactorEnabled} />
      </SettingsSection>

      <SettingsSection
        id="passkeys"
        title="Passkeys"
        description="Sign in with your fingerprint, face or device PIN instead of your password and code."
      >
        <Link to="/settings/passkeys" className={buttonClass("secondary")}>
          Manage passkeys
        </Link>
      </SettingsSection>

      <SettingsSection
        id="sessions"
        title="Active sessions"
        description="Devices signed in to your account. Sign out any you do not recognise."
      >
        <SessionList sessions={loaderData.sessions} errors={sessionErrors ?? undefined} />
      </SettingsSection>

      <SettingsSection
        id="api-keys"
        title="API keys"
        description="Keys let your own programs and scripts use your tasks without your password."
      >
        <Link to="/settings/api-keys" className={buttonClass("secondary")}>
          Manage API keys
        </Link>
      </SettingsSection>

      <SettingsSection
        id="activity"
        title="Recent security activity"
        description="The last 20 sign-ins, sign-outs and account changes."
      >
        <SecurityActivity events={loaderData.events} />
      </SettingsSection>

      <SettingsSection
        id="account-deletion"
        title="Delete account"
        tone="danger"
        description="Permanently removes your account, your sessions and all your tasks."
      >
        <DeleteAccountForm lastResult={resultFor("delete-account")} />
      </SettingsSection>
    </div>
  );
}
