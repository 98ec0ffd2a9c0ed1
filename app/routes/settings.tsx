import { data, Link, redirect } from "react-router";
import { listActiveSessions } from "~/auth/account.server";
import { listRecentSecurityEvents } from "~/audit.server";
import { EmailSection } from "~/auth/components/settings/email-section";
import { KeyboardShortcutsForm } from "~/shortcuts/keyboard-shortcuts-form";
import { AssignmentMailForm } from "~/projects/assignment-mail-form";
import { listOwnedSharedProjects } from "~/projects/members.server";
import { timeZoneChoices } from "~/tasks/time-zone";
import { TimeZoneForm } from "~/tasks/time-zone-form";
import { ReminderSettingsForm } from "~/reminders/reminder-settings-form";
import { getReminderSettings } from "~/reminders/reminder-settings.server";
import { CalendarFeedPanel } from "~/calendar/calendar-feed-panel";
import { getCalendarFeed } from "~/calendar/feeds.server";
import { ChangePasswordForm } from "~/auth/components/settings/change-password-form";
import { DeleteAccountForm } from "~/auth/components/settings/delete-account-form";
import { ProfileForm } from "~/auth/components/settings/profile-form";
import { SecurityActivity } from "~/auth/components/settings/security-activity";
import { SessionList } from "~/auth/components/settings/session-list";
import { SettingsSection } from "~/auth/components/settings/settings-section";
import { TwoFactorSummary } from "~/auth/components/settings/two-factor-summary";
import type { SettingsIntent } from "~/auth/schemas";
import {
  deleteTheAccount,
  type IntentArgs,
  revokeOneSession,
  revokeTheOtherSessions,
  updateProfile,
} from "~/auth/settings-actions.server";
import { authHeaders, requireUser } from "~/auth/session.server";
import { describeSecurityEvents, describeSessions } from "~/auth/device.server";
import { buttonClass } from "~/ui/button";
import { requestMetaContext } from "~/request-context";
import type { Route } from "./+types/settings";

export const meta: Route.MetaFunction = () => [{ title: "Settings · Tasklane" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user, session } = await requireUser(request, context);
  const [sessions, events, reminders, ownedShared, calendarFeed] = await Promise.all([
    listActiveSessions(user.id),
    listRecentSecurityEvents(user.id),
    getReminderSettings(user.id),
    listOwnedSharedProjects(user.id),
    getCalendarFeed({ userId: user.id, projectId: null }),
  ]);
  return {
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerified,
    twoFactorEnabled: Boolean(user.twoFactorEnabled),
    keyboardShortcuts: user.keyboardShortcuts,
    assignmentMail: user.assignmentMail,
    timeZone: user.timeZone ?? null,
    timeZones: timeZoneChoices(),
    reminders,
    calendarFeed,
    sessions: describeSessions(sessions, session.id),
    events: describeSecurityEvents(events),
    // Deleting the account deletes the projects it owns: the shared ones are named, to hand over first.
    ownedShared,
  };
}

// The forms that have routes of their own now: a post from a page loaded before they moved is
// sent on there with its body (308 keeps the method, for browsers and React Router alike).
const MOVED_FORMS: Record<string, string> = {
  "change-password": "/settings/password",
  "change-email": "/settings/email",
};

/** The forms left on this page each post an `intent`; each has its own function below. */
export async function action({ request, context }: Route.ActionArgs) {
  const signedIn = await requireUser(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (typeof intent === "string" && Object.hasOwn(MOVED_FORMS, intent)) throw redirect(MOVED_FORMS[intent]!, 308);
  const args: IntentArgs = {
    ...signedIn,
    formData,
    headers: authHeaders(request, context),
    requestId: context.get(requestMetaContext).requestId,
  };
  switch (intent) {
    case "update-profile":
      return updateProfile(args);
    case "revoke-session":
      return revokeOneSession(args);
    case "revoke-other-sessions":
      return revokeTheOtherSessions(args);
    case "delete-account":
      return deleteTheAccount(args);
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
        <EmailSection email={loaderData.email} emailVerified={loaderData.emailVerified} />
      </SettingsSection>

      <SettingsSection id="password" title="Password" description="Choose a strong password you do not use elsewhere.">
        <ChangePasswordForm />
      </SettingsSection>

      <SettingsSection
        id="time-zone"
        title="Time zone"
        description="The zone your due dates, due times and Today are read in."
      >
        <TimeZoneForm timeZone={loaderData.timeZone} zones={loaderData.timeZones} />
      </SettingsSection>

      <SettingsSection
        id="reminders"
        title="Reminders"
        description="Reminder emails for tasks, and a daily digest of what is due."
      >
        <ReminderSettingsForm
          {...loaderData.reminders}
          emailVerified={loaderData.emailVerified}
          timeZone={loaderData.timeZone}
        />
      </SettingsSection>

      <SettingsSection
        id="calendar-feed"
        title="Calendar feed"
        description="Your tasks with a due date in your calendar app. Each project's page has a feed of its own."
      >
        <CalendarFeedPanel
          action="/settings/calendar-feed"
          url={loaderData.calendarFeed?.url ?? null}
          webcalUrl={loaderData.calendarFeed?.webcalUrl ?? null}
          what="all your tasks"
        />
      </SettingsSection>

      <SettingsSection id="shortcuts" title="Keyboard shortcuts" description="Single keys that act on the task list.">
        <KeyboardShortcutsForm enabled={loaderData.keyboardShortcuts} />
      </SettingsSection>

      <SettingsSection id="notifications" title="Notifications" description="Mail about shared projects.">
        <AssignmentMailForm enabled={loaderData.assignmentMail} />
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
        id="connected-apps"
        title="Connected apps"
        description="Apps you allowed to use your tasks through OAuth, and the apps you registered as a developer."
      >
        <div className="flex flex-wrap gap-2">
          <Link to="/settings/connected-apps" className={buttonClass("secondary")}>
            Connected apps
          </Link>
          <Link to="/settings/developer-apps" className={buttonClass("secondary")}>
            Developer apps
          </Link>
        </div>
      </SettingsSection>

      <SettingsSection
        id="webhooks"
        title="Webhooks"
        description="Tell your own programs about changes as they happen: tasks, projects, comments and members."
      >
        <Link to="/settings/webhooks" className={buttonClass("secondary")}>
          Manage webhooks
        </Link>
      </SettingsSection>

      <SettingsSection
        id="your-data"
        title="Your data"
        description="Download everything you keep in Tasklane, or import tasks from a file (Tasklane or Todoist)."
      >
        <Link to="/settings/data" className={buttonClass("secondary")}>
          Export and import
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
        description="Permanently removes your account, your sessions and all your tasks, and takes you out of the projects others share with you."
      >
        {loaderData.ownedShared.length > 0 ? (
          <div className="space-y-2 text-sm text-slate-700 dark:text-slate-300" data-testid="owned-shared-projects">
            <p className="font-medium">These shared projects are yours and would be deleted with their tasks:</p>
            <ul className="list-disc space-y-1 pl-5">
              {loaderData.ownedShared.map((owned) => (
                <li key={owned.id}>
                  “{owned.name}”:{" "}
                  {owned.otherMembers === 1 ? "1 other member loses" : `${owned.otherMembers} other members lose`} it.{" "}
                  <Link
                    to={`/projects/${owned.id}/members`}
                    className="font-medium text-indigo-700 underline dark:text-indigo-300"
                  >
                    Hand it over first
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <DeleteAccountForm lastResult={resultFor("delete-account")} />
      </SettingsSection>
    </div>
  );
}
