import { PASSWORD_RULES } from "~/auth/password-policy";
import { cx } from "~/ui/cx";

/**
 * The password rules under a new-password field. Server-rendered as a plain list (so the
 * rules are known without JavaScript); with JavaScript each rule ticks as it is met.
 * `password` is undefined until the user types.
 */
export function PasswordChecklist({ password }: { password: string | undefined }) {
  const typed = password !== undefined && password.length > 0;
  return (
    <div>
      <p>Your password needs:</p>
      <ul className="mt-1 space-y-0.5">
        {PASSWORD_RULES.map((rule) => {
          const met = typed && rule.test(password);
          return (
            <li
              key={rule.id}
              data-rule={rule.id}
              data-met={typed ? String(met) : undefined}
              className={cx("flex items-center gap-1.5", met && "text-emerald-700 dark:text-emerald-400")}
            >
              <RuleIcon state={!typed ? "pending" : met ? "met" : "unmet"} />
              <span>{rule.label}</span>
              {typed ? <span className="sr-only">{met ? "(done)" : "(missing)"}</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function RuleIcon({ state }: { state: "pending" | "met" | "unmet" }) {
  if (state === "met") {
    return (
      <svg viewBox="0 0 16 16" className="size-4 shrink-0" fill="none" aria-hidden="true">
        <path d="m3.5 8.5 3 3 6-7" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 16 16" className="size-4 shrink-0 text-slate-400 dark:text-slate-500" aria-hidden="true">
      <circle cx="8" cy="8" r={state === "unmet" ? 3 : 2.5} fill="currentColor" />
    </svg>
  );
}
