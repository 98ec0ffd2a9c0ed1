import { Form, Link, NavLink, useNavigation } from "react-router";
import { buttonClass } from "./button";
import { cx } from "./cx";

interface AppShellProps {
  user: { name: string; email: string };
  /**
   * A second navigation (the projects), placed in the header's row: it positions its own panel
   * (a menu under the header on phones, a column beside the page on wide screens), for which
   * the page keeps room from the lg breakpoint.
   */
  sidebar?: React.ReactNode;
  children: React.ReactNode;
}

/** The frame of every signed-in page: brand, navigation, who is signed in, sign-out. */
export function AppShell({ user, sidebar, children }: AppShellProps) {
  const navigation = useNavigation();
  const signingOut = navigation.formAction === "/sign-out";
  const navClass = ({ isActive }: { isActive: boolean }) =>
    cx(
      "rounded-md px-2 py-1.5 text-sm font-medium sm:px-3",
      isActive
        ? "bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-white"
        : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
    );
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-900/80">
        {/* Tight gaps below sm: brand, navigation and Sign out share one line on a 360 px phone. */}
        <div className="relative mx-auto flex max-w-7xl flex-wrap items-center gap-x-2 gap-y-2 px-3 py-3 sm:gap-x-4 sm:px-4">
          <Link to="/tasks" className="flex items-center gap-2 font-bold tracking-tight">
            <img src="/favicon.svg" alt="" className="size-6" />
            {/* On the narrowest phones the logo alone stands for the brand (the name stays for screen readers). */}
            <span className="max-[24rem]:sr-only">Tasklane</span>
          </Link>
          <nav aria-label="Main" className="flex items-center gap-0.5 sm:gap-1">
            {/* Below sm the sidebar's menu holds the task views (every task among them), and the
                header's row keeps room for its button. */}
            <NavLink to="/tasks" className={(state) => cx(navClass(state), sidebar ? "max-sm:hidden" : null)}>
              Tasks
            </NavLink>
            <NavLink to="/labels" className={navClass}>
              Labels
            </NavLink>
            <NavLink to="/settings" className={navClass}>
              Settings
            </NavLink>
          </nav>
          {sidebar}
          <div className="ml-auto flex items-center gap-3">
            <span className="hidden text-sm text-slate-600 sm:inline dark:text-slate-400" title={user.email}>
              {user.name}
            </span>
            <Form method="post" action="/sign-out">
              <button
                type="submit"
                className={buttonClass("secondary", "px-2.5 py-1.5 whitespace-nowrap sm:px-3.5")}
                disabled={signingOut}
              >
                {signingOut ? "Signing out…" : "Sign out"}
              </button>
            </Form>
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-7xl px-4">
        <main id="main" className={cx("min-w-0 py-6 sm:py-8", sidebar ? "lg:pl-68" : null)}>
          {children}
        </main>
      </div>
    </div>
  );
}
