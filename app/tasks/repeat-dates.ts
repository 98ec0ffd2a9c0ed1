// Which dates a repeat rule falls on. Dates are calendar dates on the task's own clock,
// computed as "floating" UTC midnights: no daylight-saving change can move a day, and the
// due time is carried as written, so 09:00 stays 09:00 (decision 093).
import * as rruleModule from "rrule";
import { normalizeRepeatRule, type Repeat, ruleParts } from "./repeat-rule";

// rrule ships ESM for bundlers and CommonJS (no named exports Node can see) for Node's own
// import, as in the tests: the class is found in either shape.
const { RRule } = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;
type RuleOptions = rruleModule.Options;

/**
 * The rule a task keeps. "From the due date", a monthly or yearly rule without a day gets the
 * due date's day written in: otherwise a series that fell on Feb 28 for want of a Feb 31 would
 * stay on the 28th. From completion, the day is the completion's and is left open.
 */
export function anchorRepeat(repeat: Repeat, dueDate: string): Repeat {
  const rule = normalizeRepeatRule(repeat.rule);
  if (repeat.mode !== "due") return { ...repeat, rule };
  return { ...repeat, rule: withDayOf(rule, dueDate) };
}

function withDayOf(rule: string, date: string): string {
  const parts = new Map(ruleParts(rule) ?? []);
  const [, month, day] = date.split("-").map(Number) as [number, number, number];
  const freq = parts.get("FREQ");
  const open = !parts.has("BYMONTHDAY") && !parts.has("BYDAY");
  if (freq === "MONTHLY" && open) parts.set("BYMONTHDAY", String(day));
  if (freq === "YEARLY" && open && !parts.has("BYMONTH")) {
    parts.set("BYMONTH", String(month));
    parts.set("BYMONTHDAY", String(day));
  }
  return normalizeRepeatRule([...parts].map(([name, value]) => `${name}=${value}`).join(";"));
}

/**
 * A lone day 29-31 means "that day, or the month's last day when it is shorter" (RFC 5545
 * would skip the month): it becomes "the last of 28..day" with BYSETPOS=-1.
 */
function clampMonthDay(options: Partial<RuleOptions>): Partial<RuleOptions> {
  const days = options.bymonthday;
  const day = Array.isArray(days) ? (days.length === 1 ? days[0] : undefined) : days;
  if (day === undefined || day === null || day < 29 || options.bysetpos) return options;
  // In a yearly rule the set is the year's: only one month's days may be narrowed to its last.
  const months = options.bymonth;
  if (options.freq === RRule.YEARLY && !(typeof months === "number" || months?.length === 1)) return options;
  const range = Array.from({ length: day - 27 }, (_, index) => 28 + index);
  return { ...options, bymonthday: range, bysetpos: [-1] };
}

export interface NextOccurrence {
  dueDate: string;
  /** The rule the next occurrence carries (a COUNT counts down). */
  rule: string;
}

/**
 * The occurrence after this one: from its due date ("due") or from the day it was completed
 * (`completedOn`, the person's today: "completion"). Null when the series has ended.
 */
export function nextOccurrence(repeat: Repeat, dueDate: string, completedOn: string): NextOccurrence | null {
  const from = repeat.mode === "due" ? dueDate : completedOn;
  const rule = repeat.mode === "due" ? normalizeRepeatRule(repeat.rule) : withDayOf(repeat.rule, from);
  const { count, ...options } = clampMonthDay(RRule.parseString(rule));
  // COUNT counts this occurrence and the ones left: the last one starts nothing.
  if (count != null && count <= 1) return null;
  const start = floating(from);
  const next = new RRule({ ...options, dtstart: start }).after(start, false);
  if (!next) return null;
  const carried =
    count == null
      ? normalizeRepeatRule(repeat.rule)
      : normalizeRepeatRule(repeat.rule).replace(/COUNT=\d+/, `COUNT=${count - 1}`);
  return { dueDate: next.toISOString().slice(0, 10), rule: carried };
}

/** The first date on or after `today` that the rule falls on (quick add's "every monday"). */
export function firstOccurrence(rule: string, today: string): string | null {
  // The interval counts from the first occurrence: "every 2 weeks on mon" starts this Monday.
  const { count: _count, interval: _interval, ...options } = clampMonthDay(RRule.parseString(withDayOf(rule, today)));
  const start = floating(today);
  return new RRule({ ...options, dtstart: start }).after(start, true)?.toISOString().slice(0, 10) ?? null;
}

function floating(date: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/**
 * The rule as a calendar should expand it from the task's due date (a calendar feed's RRULE):
 * a lone day 29-31 becomes "the last of 28..day" as here, and a rule from completion gets the
 * due date's day, so the calendar shows the dates the next occurrences would fall on if each
 * were done on its day.
 */
export function calendarRule(repeat: Repeat, dueDate: string): string {
  const rule = repeat.mode === "due" ? normalizeRepeatRule(repeat.rule) : withDayOf(repeat.rule, dueDate);
  const parts = new Map(ruleParts(rule) ?? []);
  const days = parts.get("BYMONTHDAY");
  const day = days !== undefined && /^\d+$/.test(days) ? Number(days) : undefined;
  const freq = parts.get("FREQ");
  const oneMonth = freq === "MONTHLY" || (freq === "YEARLY" && /^\d+$/.test(parts.get("BYMONTH") ?? ""));
  if (day !== undefined && day >= 29 && !parts.has("BYSETPOS") && oneMonth) {
    parts.set("BYMONTHDAY", Array.from({ length: day - 27 }, (_, index) => 28 + index).join(","));
    parts.set("BYSETPOS", "-1");
  }
  return [...parts].map(([name, value]) => `${name}=${value}`).join(";");
}
