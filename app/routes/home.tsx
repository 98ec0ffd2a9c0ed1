import { Link } from "react-router";
import { getSession } from "~/auth/session.server";
import type { Route } from "./+types/home";

export const meta: Route.MetaFunction = () => [
  { title: "Tasklane: your tasks, in the browser and over an API" },
  { name: "description", content: "A fast, private task manager with a JSON API for your own programs." },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await getSession(request, context);
  return { signedInAs: session ? session.user.name : null };
}

const primaryLinkClass = "rounded-md bg-indigo-600 px-5 py-2.5 font-semibold text-white shadow-sm hover:bg-indigo-500";

export default function Home({ loaderData }: Route.ComponentProps) {
  const { signedInAs } = loaderData;
  return (
    <main className="mx-auto flex min-h-dvh max-w-3xl flex-col justify-center px-6 py-16">
      <p className="text-sm font-semibold tracking-wide text-indigo-600 uppercase dark:text-indigo-400">Tasklane</p>
      <h1 className="mt-3 text-4xl font-bold tracking-tight sm:text-5xl">Your tasks, in order.</h1>
      <p className="mt-5 max-w-xl text-lg text-slate-600 dark:text-slate-300">
        Capture what needs doing, sort it by priority and due date, and get it done. Works in any browser, even with
        JavaScript turned off, and from your own programs through a JSON API.
      </p>
      {signedInAs ? (
        <div className="mt-10 flex flex-wrap items-center gap-4">
          <Link to="/tasks" className={primaryLinkClass}>
            Go to your tasks
          </Link>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Signed in as <span className="font-medium text-slate-900 dark:text-slate-100">{signedInAs}</span>
          </p>
        </div>
      ) : (
        <div className="mt-10 flex flex-wrap gap-4">
          <Link to="/sign-up" className={primaryLinkClass}>
            Create an account
          </Link>
          <Link
            to="/sign-in"
            className="rounded-md px-5 py-2.5 font-semibold text-slate-900 ring-1 ring-slate-300 hover:bg-slate-100 dark:text-slate-100 dark:ring-slate-700 dark:hover:bg-slate-900"
          >
            Sign in
          </Link>
        </div>
      )}
    </main>
  );
}
