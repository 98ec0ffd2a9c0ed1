// Repeating tasks: the rule (an RFC 5545 RRULE without DTSTART: the due date starts it),
// checked and written in words. Which dates it falls on is repeat-dates.ts's business (it
// needs the rrule library, which this module, shared with the browser, keeps out).

import { REPEAT_MODES, type RepeatMode } from "../../db/values";

export { REPEAT_MODES, type RepeatMode };

export interface Repeat {
  rule: string;
  mode: RepeatMode;
}

export const REPEAT_RULE_MAX = 200;

const WEEKDAY = "(?:[+-]?(?:[1-5]))?(?:MO|TU|WE|TH|FR|SA|SU)";
const list = (item: string) => new RegExp(`^${item}(?:,${item})*$`);
// The parts a task's rule may have, each with the values it takes. Time-of-day parts
// (BYHOUR...) and sub-daily frequencies make no sense for a task due on a date.
const RULE_PARTS: Record<string, RegExp> = {
  FREQ: /^(?:DAILY|WEEKLY|MONTHLY|YEARLY)$/,
  INTERVAL: /^(?:[1-9]\d{0,2})$/,
  COUNT: /^(?:[1-9]\d{0,2})$/,
  UNTIL: /^\d{8}(?:T\d{6}Z?)?$/,
  BYDAY: list(WEEKDAY),
  BYMONTHDAY: list("-?(?:[1-9]|[12]\\d|3[01])"),
  BYMONTH: list("(?:[1-9]|1[0-2])"),
  BYSETPOS: list("-?(?:[1-9]|[1-9]\\d|[1-2]\\d\\d|3[0-6]\\d)"),
  WKST: /^(?:MO|TU|WE|TH|FR|SA|SU)$/,
};

/** Why a rule cannot be used, or null when it can. */
export function repeatRuleProblem(rule: string): string | null {
  if (rule.length > REPEAT_RULE_MAX) return `The repeat rule must be at most ${REPEAT_RULE_MAX} characters`;
  const parts = ruleParts(rule);
  if (!parts) return "The repeat rule must be an RRULE such as FREQ=WEEKLY;BYDAY=MO,WE";
  for (const [name, value] of parts) {
    const pattern = RULE_PARTS[name];
    if (!pattern) return `The repeat rule cannot have ${name} (it may have ${Object.keys(RULE_PARTS).join(", ")})`;
    if (!pattern.test(value)) return `The repeat rule's ${name} cannot be ${value}`;
  }
  const names = parts.map(([name]) => name);
  if (new Set(names).size !== names.length) return "The repeat rule names a part twice";
  if (!names.includes("FREQ")) return "The repeat rule needs a FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)";
  if (names.includes("COUNT") && names.includes("UNTIL")) return "The repeat rule may have COUNT or UNTIL, not both";
  if (names.includes("UNTIL") && !isRealDate(parts.find(([name]) => name === "UNTIL")![1].slice(0, 8)))
    return "The repeat rule's UNTIL must be a real date";
  return null;
}

export function ruleParts(rule: string): [string, string][] | null {
  const text = rule.trim().replace(/^RRULE:/i, "");
  if (!text) return null;
  const parts: [string, string][] = [];
  for (const part of text.split(";")) {
    const match = /^([A-Za-z]+)=(.+)$/.exec(part);
    if (!match) return null;
    parts.push([match[1]!.toUpperCase(), match[2]!.toUpperCase()]);
  }
  return parts;
}

/** The rule as stored: upper case, no RRULE: prefix, parts in a fixed order. */
export function normalizeRepeatRule(rule: string): string {
  const parts = ruleParts(rule) ?? [];
  const order = Object.keys(RULE_PARTS);
  return parts
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([name, value]) => `${name}=${value}`)
    .join(";");
}

function isRealDate(compact: string): boolean {
  const date = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

const WEEKDAY_NAMES: Record<string, string> = {
  MO: "Mon",
  TU: "Tue",
  WE: "Wed",
  TH: "Thu",
  FR: "Fri",
  SA: "Sat",
  SU: "Sun",
};
const ORDINALS: Record<string, string> = { "1": "1st", "2": "2nd", "3": "3rd", "-1": "last" };
const UNITS: Record<string, string> = { DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year" };

/** "Every 2 weeks on Mon, Wed", "Every! 3 days": the list row's and the form's words for a rule. */
export function describeRepeat(repeat: Repeat): string {
  const parts = new Map(ruleParts(repeat.rule) ?? []);
  const interval = Number(parts.get("INTERVAL") ?? "1");
  const unit = UNITS[parts.get("FREQ") ?? ""] ?? "time";
  let text = `${repeat.mode === "completion" ? "Every!" : "Every"} ${interval === 1 ? unit : `${interval} ${unit}s`}`;
  const byDay = parts.get("BYDAY");
  const setPos = parts.get("BYSETPOS");
  const monthDay = parts.get("BYMONTHDAY");
  if (byDay === "MO,TU,WE,TH,FR" && unit === "week" && interval === 1) text = `${text.replace(" week", "")} weekday`;
  else if (byDay) {
    const days = byDay.split(",").map((day) => {
      const match = /^([+-]?\d)?([A-Z]{2})$/.exec(day)!;
      const ordinal = match[1] ?? setPos;
      return ordinal
        ? `${ORDINALS[ordinal.replace("+", "")] ?? ordinal} ${WEEKDAY_NAMES[match[2]!]}`
        : WEEKDAY_NAMES[match[2]!];
    });
    text += ` on ${days.join(", ")}`;
  } else if (monthDay === "-1") text += " on the last day";
  else if (monthDay) text += ` on day ${monthDay}`;
  const count = parts.get("COUNT");
  const until = parts.get("UNTIL");
  if (count) text += `, ${count} ${count === "1" ? "time" : "times"} left`;
  if (until) text += `, until ${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
  return text;
}

/** The form's plain inputs for a repeat (no JavaScript needed): what they hold. */
export const REPEAT_FREQUENCIES = [
  { value: "DAILY", label: "Days" },
  { value: "WEEKLY", label: "Weeks" },
  { value: "MONTHLY", label: "Months" },
  { value: "YEARLY", label: "Years" },
] as const;
export type RepeatFrequency = (typeof REPEAT_FREQUENCIES)[number]["value"];
export const WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export const WEEKDAY_OPTIONS = WEEKDAY_CODES.map((code) => ({ value: code, label: WEEKDAY_NAMES[code]! }));
export const MONTHLY_MODES = [
  { value: "day", label: "On the due date's day" },
  { value: "last", label: "On the last day" },
  { value: "weekday", label: "On the due date's weekday (e.g. 2nd Tuesday)" },
] as const;
export type MonthlyMode = (typeof MONTHLY_MODES)[number]["value"];

export interface RepeatFormValues {
  repeatFrequency?: RepeatFrequency;
  repeatInterval?: number;
  repeatWeekdays: string[];
  repeatMonthly?: MonthlyMode;
  repeatFromCompletion: boolean;
  repeatUntil?: string;
  repeatCount?: number;
}

/** The rule the form's inputs describe ("2nd Tuesday" read from the due date); null: no repeat. */
export function repeatFromForm(values: RepeatFormValues, dueDate: string | null): Repeat | null {
  if (!values.repeatFrequency) return null;
  const parts = [`FREQ=${values.repeatFrequency}`];
  if (values.repeatInterval && values.repeatInterval > 1) parts.push(`INTERVAL=${values.repeatInterval}`);
  if (values.repeatFrequency === "WEEKLY" && values.repeatWeekdays.length > 0)
    parts.push(`BYDAY=${WEEKDAY_CODES.filter((code) => values.repeatWeekdays.includes(code)).join(",")}`);
  if (values.repeatFrequency === "MONTHLY" && values.repeatMonthly === "last") parts.push("BYMONTHDAY=-1");
  if (values.repeatFrequency === "MONTHLY" && values.repeatMonthly === "weekday" && dueDate) {
    const date = new Date(`${dueDate}T00:00:00Z`);
    const nth = Math.ceil(date.getUTCDate() / 7);
    // The 5th of a weekday is its last (not every month has a 5th).
    parts.push(`BYDAY=${nth === 5 ? -1 : nth}${WEEKDAY_CODES[(date.getUTCDay() + 6) % 7]}`);
  }
  if (values.repeatCount) parts.push(`COUNT=${values.repeatCount}`);
  else if (values.repeatUntil) parts.push(`UNTIL=${values.repeatUntil.replaceAll("-", "")}`);
  return { rule: parts.join(";"), mode: values.repeatFromCompletion ? "completion" : "due" };
}

/** The form's inputs for a stored rule (the edit form's defaults). */
export function repeatFormDefaults(repeat: Repeat | null): Record<string, string | string[] | undefined> {
  if (!repeat) return {};
  const parts = new Map(ruleParts(repeat.rule) ?? []);
  const byDay = parts.get("BYDAY");
  const until = parts.get("UNTIL");
  return {
    repeatFrequency: parts.get("FREQ"),
    repeatInterval: parts.get("INTERVAL") ?? "1",
    repeatWeekdays: byDay && parts.get("FREQ") === "WEEKLY" ? byDay.split(",") : [],
    repeatMonthly: parts.get("BYMONTHDAY") === "-1" ? "last" : byDay ? "weekday" : "day",
    repeatFromCompletion: repeat.mode === "completion" ? "on" : undefined,
    repeatUntil: until && `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`,
    repeatCount: parts.get("COUNT"),
  };
}

/** Splits the form's values into the repeat's inputs and the rest. */
export function takeRepeatValues<T extends RepeatFormValues>(
  values: T,
): [RepeatFormValues, Omit<T, keyof RepeatFormValues>] {
  const {
    repeatFrequency,
    repeatInterval,
    repeatWeekdays,
    repeatMonthly,
    repeatFromCompletion,
    repeatUntil,
    repeatCount,
    ...rest
  } = values;
  return [
    { repeatFrequency, repeatInterval, repeatWeekdays, repeatMonthly, repeatFromCompletion, repeatUntil, repeatCount },
    rest,
  ];
}
