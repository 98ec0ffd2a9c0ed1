import { useEffect, useRef } from "react";
import { Link, NavLink, useLocation } from "react-router";
import { cx } from "~/ui/cx";
import { ProjectDot } from "./project-badge";
import type { ProjectForPage } from "./project-for-page";

const linkClass = ({ isActive }: { isActive: boolean }) =>
  cx(
    "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm",
    isActive
      ? "bg-slate-200 font-medium text-slate-900 dark:bg-slate-800 dark:text-white"
      : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
  );
const headingClass = "px-2 pt-4 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400";
const footLinkClass =
  "block rounded-md px-2 py-1.5 text-sm font-medium text-indigo-700 hover:bg-slate-100 dark:text-indigo-300 dark:hover:bg-slate-800";

/**
 * The projects' navigation: the Inbox, the favourites, the other projects, each with its count
 * of pending tasks. One element for both widths, in the header's row: from the lg breakpoint a
 * column beside the page (always open, by CSS), below it a menu button whose panel opens over the
 * page, without JavaScript (a <details>), so the page itself starts where it did before.
 */
export function ProjectNav({
  projects,
  dueCounts,
}: {
  projects: readonly ProjectForPage[];
  /** Pending tasks in Today (overdue and due today) and Upcoming, as shown ("7", "99+"). */
  dueCounts: { today: string; upcoming: string };
}) {
  const inbox = projects.filter((project) => project.inbox);
  const favourites = projects.filter((project) => !project.inbox && project.favorite);
  const others = projects.filter((project) => !project.inbox && !project.favorite);
  // With JavaScript the layout stays mounted across pages: fold the phone menu once a page is
  // chosen, as a full page load would (from lg the CSS keeps it open anyway).
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    menu.current?.removeAttribute("open");
  }, [pathname]);
  return (
    <nav aria-label="Projects">
      <details ref={menu} className="always-open-from-lg">
        <summary className="grid size-8 cursor-pointer list-none place-items-center rounded-md text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden">
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-5" aria-hidden="true">
            <path
              fillRule="evenodd"
              d="M2 4.75A.75.75 0 0 1 2.75 4h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 4.75Zm0 5.25a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 10Zm0 5.25a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75a.75.75 0 0 1-.75-.75Z"
              clipRule="evenodd"
            />
          </svg>
          <span className="sr-only">Projects</span>
        </summary>
        {/* Under the header on phones, over the page; from lg the column the page keeps free. */}
        <div className="absolute top-full right-3 left-3 z-20 mt-1 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200 lg:right-auto lg:left-4 lg:mt-0 lg:w-60 lg:bg-transparent lg:px-0 lg:py-8 lg:shadow-none lg:ring-0 dark:bg-slate-900 dark:ring-slate-800 lg:dark:bg-transparent">
          <NavLink to="/tasks" end className={linkClass}>
            <span className="min-w-0 flex-1">All tasks</span>
          </NavLink>
          <ul className="mb-2 space-y-0.5">
            <CountedLink to="/today" name="Today" count={dueCounts.today} />
            <CountedLink to="/upcoming" name="Upcoming" count={dueCounts.upcoming} />
          </ul>
          <ProjectLinks projects={inbox} />
          {favourites.length > 0 ? (
            <>
              <h2 id="nav-favourites" className={headingClass}>
                Favourites
              </h2>
              <ProjectLinks projects={favourites} labelledBy="nav-favourites" />
            </>
          ) : null}
          {others.length > 0 ? (
            <>
              <h2 id="nav-projects" className={headingClass}>
                Projects
              </h2>
              <ProjectLinks projects={others} labelledBy="nav-projects" />
            </>
          ) : null}
          <div className="mt-3 border-t border-slate-200 pt-2 dark:border-slate-800">
            <Link to="/projects" className={footLinkClass}>
              New or reorder projects
            </Link>
            <Link to="/projects/archived" className={footLinkClass}>
              Archived projects
            </Link>
          </div>
        </div>
      </details>
    </nav>
  );
}

function CountedLink({ to, name, count }: { to: string; name: string; count: number | string }) {
  return (
    <li>
      <NavLink to={to} className={linkClass}>
        <span className="min-w-0 flex-1 truncate">{name}</span>
        <span className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
          {count}
          <span className="sr-only"> pending</span>
        </span>
      </NavLink>
    </li>
  );
}

function ProjectLinks({ projects, labelledBy }: { projects: readonly ProjectForPage[]; labelledBy?: string }) {
  return (
    <ul aria-labelledby={labelledBy} className="space-y-0.5">
      {projects.map((project) => (
        <li key={project.id}>
          <NavLink to={`/projects/${project.id}`} className={linkClass}>
            <ProjectDot color={project.color} />
            <span className="min-w-0 flex-1 truncate" title={project.name}>
              {project.name}
            </span>
            <span className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
              {project.pendingCount}
              <span className="sr-only"> pending</span>
            </span>
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
