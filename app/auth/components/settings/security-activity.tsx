import { LocalTime } from "~/ui/local-time";
import { cx } from "~/ui/cx";

export interface SecurityEventView {
  id: string;
  event: string;
  device: string;
  ipAddress: string | null;
  createdAt: string;
}

const EVENT_LABELS: Record<string, string> = {
  "sign-up": "Account created",
  "sign-in": "Signed in",
  "sign-in-failure": "Failed sign-in attempt",
  "sign-out": "Signed out",
  "password-change": "Password changed",
  "session-revoked": "Session signed out from settings",
  "account-deleted": "Account deleted",
  "sign-up-existing-account": "Someone tried to sign up with your address",
  "password-reset-request": "Password reset link requested",
  "password-reset": "Password reset with an emailed link",
  "verification-email-request": "Confirmation link requested",
  "email-verified": "Email address confirmed",
  "email-change-request": "Change of email address requested",
  "email-changed": "Email address changed",
  "api-key-created": "API key created",
  "api-key-revoked": "API key revoked",
  "sign-in-second-factor-pending": "Password accepted, waiting for the second step",
  "two-factor-failure": "Wrong two-factor code",
  "backup-code-used": "Backup code used",
  "two-factor-enabled": "Two-factor authentication turned on",
  "two-factor-disabled": "Two-factor authentication turned off",
  "backup-codes-regenerated": "New backup codes made",
  "passkey-added": "Passkey added",
  "passkey-renamed": "Passkey renamed",
  "passkey-removed": "Passkey removed",
  "passkey-sign-in": "Signed in with a passkey",
  "oauth-app-registered": "Developer app registered",
  "oauth-app-secret-rotated": "Developer app secret rotated",
  "oauth-app-deleted": "Developer app deleted",
  "oauth-app-disconnected": "Connected app disconnected",
};

const WARNING_EVENTS = new Set([
  "sign-in-failure",
  "sign-up-existing-account",
  "two-factor-failure",
  "two-factor-disabled",
]);

export function SecurityActivity({ events }: { events: SecurityEventView[] }) {
  if (events.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">No activity yet.</p>;
  }
  return (
    <ol className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
      {events.map((entry) => (
        <li key={entry.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 py-2.5">
          <span className={cx("font-medium", WARNING_EVENTS.has(entry.event) && "text-amber-700 dark:text-amber-400")}>
            {EVENT_LABELS[entry.event] ?? entry.event}
          </span>
          <span className="text-slate-600 dark:text-slate-400">
            {entry.device} · {entry.ipAddress ?? "unknown IP"} · <LocalTime iso={entry.createdAt} />
          </span>
        </li>
      ))}
    </ol>
  );
}
