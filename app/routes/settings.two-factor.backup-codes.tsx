import { Link } from "react-router";
import { textLinkClass } from "~/auth/components/auth-page";
import { SettingsSection } from "~/auth/components/settings/settings-section";
import { requireUser } from "~/auth/session.server";
import { backupCodesDownloadHref, takeBackupCodesView } from "~/auth/two-factor.server";
import { redirectWithFlash } from "~/flash.server";
import { buttonClass } from "~/ui/button";
import type { Route } from "./+types/settings.two-factor.backup-codes";

// The backup codes, shown once: right after turning two-factor on or making new codes. A
// second visit finds nothing to show (takeBackupCodesView) and goes back to the settings.

export const meta: Route.MetaFunction = () => [{ title: "Your backup codes · Tasklane" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const codes = await takeBackupCodesView(user.id);
  if (!codes) {
    throw await redirectWithFlash("/settings/two-factor", {
      kind: "error",
      message: "Backup codes are shown only once. If you lost them, make new ones here.",
    });
  }
  return { codes, download: backupCodesDownloadHref(codes, user.email) };
}

export default function BackupCodes({ loaderData }: Route.ComponentProps) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Your backup codes</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">
          Two-factor authentication is on. Save these codes now: this page shows them only once.
        </p>
      </div>
      <SettingsSection
        id="codes"
        title="Backup codes"
        description="If your phone is lost, each code signs you in once instead of an authenticator code. Keep them somewhere safe, away from your phone."
      >
        <ul className="grid max-w-md grid-cols-2 gap-x-6 gap-y-2 font-mono text-base" aria-label="Backup codes">
          {loaderData.codes.map((code) => (
            <li key={code} data-testid="backup-code">
              {code}
            </li>
          ))}
        </ul>
        <div className="mt-6 flex flex-wrap items-center gap-4">
          <a href={loaderData.download} download="tasklane-backup-codes.txt" className={buttonClass("secondary")}>
            Download as a text file
          </a>
          <Link to="/settings/two-factor" className={textLinkClass}>
            I have saved them
          </Link>
        </div>
      </SettingsSection>
    </div>
  );
}
