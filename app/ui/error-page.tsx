import { Link } from "react-router";
import { buttonClass } from "./button";

interface ErrorPageProps {
  title: string;
  detail: string;
  /**
   * The one way out. `reloadDocument` for the site-wide boundary: after an error above every
   * route, a full page load is the safest way back. It renders a plain link, so the page also
   * works outside the router (the outage page, rendered without React Router).
   */
  action: { to: string; label: string; reloadDocument?: boolean };
  /** A request id for support, shown under the detail. */
  reference?: string;
}

/** The one look of every "not found" and "something went wrong" page, inside the app shell or not. */
export function ErrorPage({ title, detail, action, reference }: ErrorPageProps) {
  return (
    <div className="mx-auto max-w-lg py-12 text-center sm:py-16">
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{title}</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">{detail}</p>
      {reference ? <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Reference: {reference}</p> : null}
      {action.reloadDocument ? (
        <a href={action.to} className={buttonClass("primary", "mt-6")}>
          {action.label}
        </a>
      ) : (
        <Link to={action.to} className={buttonClass("primary", "mt-6")}>
          {action.label}
        </Link>
      )}
    </div>
  );
}
