import { Link } from "react-router";
import { buttonClass } from "~/ui/button";

/** The settings page's line about two-factor; the forms live on /settings/two-factor. */
export function TwoFactorSummary({ enabled }: { enabled: boolean }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-4">
      <p className="text-sm">
        <span className="font-medium">{enabled ? "On" : "Off"}</span>
        <span className="text-slate-600 dark:text-slate-400">
          {enabled ? ": signing in asks for a code after your password." : ": your password alone signs you in."}
        </span>
      </p>
      <Link to="/settings/two-factor" className={buttonClass("secondary")}>
        {enabled ? "Manage two-factor" : "Turn on two-factor"}
      </Link>
    </div>
  );
}
