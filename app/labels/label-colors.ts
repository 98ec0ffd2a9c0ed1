// The label palette's classes. The colours' names live in db/values.ts with the column's
// check; the schemas and the badges take them from here.
import { LABEL_COLOR_NAMES, type LabelColor } from "../../db/values";

export { LABEL_COLOR_NAMES, type LabelColor };

/**
 * The palette. Each colour's badge classes pair a pale background with a dark text in light
 * mode and the reverse in dark mode (Tailwind 100/900 and 900/100 steps): above 7:1 either way.
 */
export const LABEL_COLORS = {
  gray: "bg-slate-100 text-slate-900 ring-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600",
  red: "bg-red-100 text-red-900 ring-red-300 dark:bg-red-900 dark:text-red-100 dark:ring-red-700",
  orange: "bg-orange-100 text-orange-900 ring-orange-300 dark:bg-orange-900 dark:text-orange-100 dark:ring-orange-700",
  yellow: "bg-yellow-100 text-yellow-900 ring-yellow-300 dark:bg-yellow-900 dark:text-yellow-100 dark:ring-yellow-700",
  green: "bg-green-100 text-green-900 ring-green-300 dark:bg-green-900 dark:text-green-100 dark:ring-green-700",
  teal: "bg-teal-100 text-teal-900 ring-teal-300 dark:bg-teal-900 dark:text-teal-100 dark:ring-teal-700",
  blue: "bg-blue-100 text-blue-900 ring-blue-300 dark:bg-blue-900 dark:text-blue-100 dark:ring-blue-700",
  violet: "bg-violet-100 text-violet-900 ring-violet-300 dark:bg-violet-900 dark:text-violet-100 dark:ring-violet-700",
  pink: "bg-pink-100 text-pink-900 ring-pink-300 dark:bg-pink-900 dark:text-pink-100 dark:ring-pink-700",
} as const satisfies Record<LabelColor, string>;
