import { Link } from "react-router";
import { textLinkClass } from "~/auth/components/auth-page";

/** The head of a page under Settings: the way back, the title, one line about the page. */
export function SettingsSubpageHeader({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <p className="text-sm">
        <Link to="/settings" className={textLinkClass}>
          ← Settings
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
      <p className="mt-1 text-slate-600 dark:text-slate-400">{children}</p>
    </div>
  );
}
