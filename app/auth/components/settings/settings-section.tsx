import { cx } from "~/ui/cx";

interface SettingsSectionProps {
  id: string;
  title: string;
  description: React.ReactNode;
  tone?: "default" | "danger";
  children: React.ReactNode;
}

/** One titled card on the settings page; the heading labels the region for screen readers. */
export function SettingsSection({ id, title, description, tone = "default", children }: SettingsSectionProps) {
  const headingId = `${id}-heading`;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className={cx(
        "rounded-xl bg-white p-5 shadow-sm ring-1 sm:p-6 dark:bg-slate-900",
        tone === "danger" ? "ring-red-200 dark:ring-red-900/70" : "ring-slate-200 dark:ring-slate-800",
      )}
    >
      <h2 id={headingId} className={cx("text-lg font-semibold", tone === "danger" && "text-red-700 dark:text-red-400")}>
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p>
      <div className="mt-5">{children}</div>
    </section>
  );
}
