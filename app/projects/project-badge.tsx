import { cx } from "~/ui/cx";
import type { LabelColor } from "~/labels/label-colors";

// A project's colour as a dot beside its name: the name carries the meaning (and the contrast),
// the dot only helps the eye, so it is hidden from screen readers.
const DOT_CLASSES = {
  gray: "bg-slate-500",
  red: "bg-red-500",
  orange: "bg-orange-500",
  yellow: "bg-yellow-400",
  green: "bg-green-500",
  teal: "bg-teal-500",
  blue: "bg-blue-500",
  violet: "bg-violet-500",
  pink: "bg-pink-500",
} as const satisfies Record<LabelColor, string>;

export function ProjectDot({ color, className }: { color: LabelColor; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cx("inline-block size-2.5 shrink-0 rounded-full", DOT_CLASSES[color], className)}
    />
  );
}

/** The project a task lives in, as the all-tasks list shows it on each row. */
export function ProjectBadge({ name, color }: { name: string; color: LabelColor }) {
  return (
    <span className="inline-flex max-w-full items-center gap-1.5 text-xs font-medium break-all text-slate-700 dark:text-slate-300">
      <ProjectDot color={color} />
      <span>
        <span className="sr-only">Project: </span>
        {name}
      </span>
    </span>
  );
}
