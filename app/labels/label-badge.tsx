import { cx } from "~/ui/cx";
import { LABEL_COLORS, type LabelColor } from "./label-colors";

const BADGE_CLASS =
  "inline-flex max-w-full items-center rounded-md px-2 py-0.5 text-xs font-medium break-all ring-1 ring-inset";
// Each colour's whole class string, built once: the list shows a badge per label per row.
const badgeClasses = Object.fromEntries(
  Object.entries(LABEL_COLORS).map(([color, classes]) => [color, cx(BADGE_CLASS, classes)]),
) as Record<LabelColor, string>;

/** A label as the list and the pages show it: its name as text (never markup), in its colour. */
export function LabelBadge({ name, color, className }: { name: string; color: LabelColor; className?: string }) {
  return <span className={className ? cx(badgeClasses[color], className) : badgeClasses[color]}>{name}</span>;
}

/** Each label name's colour, for showing a task's labels (a name no longer known shows in gray). */
export function labelColorsByName(
  labels: readonly { name: string; color: LabelColor }[],
): (name: string) => LabelColor {
  const colors = new Map(labels.map((label) => [label.name, label.color]));
  return (name) => colors.get(name) ?? "gray";
}
