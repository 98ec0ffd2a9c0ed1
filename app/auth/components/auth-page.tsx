import { Link } from "react-router";

interface AuthPageProps {
  title: string;
  intro: React.ReactNode;
  children: React.ReactNode;
  footer: React.ReactNode;
}

/** The frame of the signed-out pages (sign-in, sign-up): brand, a heading and one card. */
export function AuthPage({ title, intro, children, footer }: AuthPageProps) {
  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-md flex-col justify-center px-4 py-12 sm:px-6">
      <Link
        to="/"
        className="flex items-center gap-2 self-start rounded-md text-sm font-semibold tracking-wide text-indigo-600 uppercase dark:text-indigo-400"
      >
        <img src="/favicon.svg" alt="" className="size-6" />
        Tasklane
      </Link>
      <h1 className="mt-6 text-3xl font-bold tracking-tight">{title}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">{intro}</p>
      <div className="mt-8 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8 dark:bg-slate-900 dark:ring-slate-800">
        {children}
      </div>
      <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">{footer}</p>
    </main>
  );
}

export const textLinkClass =
  "rounded font-semibold text-indigo-600 underline-offset-4 hover:underline dark:text-indigo-400";
