// Quick add: "Pay rent every month on the 1st #Home @bills p1" becomes a title and the
// fields it names. One parser for the server (forms without JavaScript, the API's `text`)
// and the preview. Dates are read by chrono-node on the person's wall clock; repeats by
// the small grammar below, which writes RRULEs (decision 094).
import * as chrono from "chrono-node";
import type { Priority } from "./priority";
import { firstOccurrence } from "./repeat-dates";
import type { Repeat } from "./repeat-rule";

export interface QuickAddClock {
  now: Date;
  /** The person's IANA zone: "today" and "5pm" are theirs. */
  timeZone: string;
  /**
   * The person's project names: `#Home renovation` names the longest of them the text after
   * `#` starts with (whole words, ignoring case). Without them, or when none fits, `#` takes
   * one word. `#"Home renovation"` names a project of several words either way.
   */
  projects?: readonly string[];
}

export type QuickAddPartKind = "date" | "repeat" | "project" | "label" | "priority";

export interface QuickAddPart {
  kind: QuickAddPartKind;
  text: string;
}

export interface QuickAdd {
  title: string;
  dueDate: string | null;
  /** HH:MM on the person's clock, when a time was named. */
  dueTime: string | null;
  repeat: Repeat | null;
  /** The project's name as typed after #. */
  project: string | null;
  labels: string[];
  priority: Priority | null;
  /** What was recognised, in the order typed (the preview's chips). */
  parts: QuickAddPart[];
}

/** One recognised part of the text, as the new-task field's preview shows it. */
export interface QuickAddPreviewPart {
  kind: QuickAddPartKind;
  /** The words typed ("every month on the 1st"). */
  text: string;
  /** What they mean ("Every month on day 1, from Friday 1 January"). */
  meaning: string;
  /** Set when the task could not be made as typed ("No project named “Nowhere”"). */
  problem?: string;
}

export interface QuickAddPreview {
  /** The text read, so the page shows an answer only for what is in the field. */
  text: string;
  title: string;
  parts: QuickAddPreviewPart[];
}

const PRIORITY_WORDS: Record<string, Priority> = { "1": "high", "2": "medium", "3": "low" };

const DAY_CODES: [RegExp, string][] = [
  [/^mon/, "MO"],
  [/^tue/, "TU"],
  [/^wed/, "WE"],
  [/^thu/, "TH"],
  [/^fri/, "FR"],
  [/^sat/, "SA"],
  [/^sun/, "SU"],
];
const DAY = "(?:mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)";
const DAYS = `${DAY}(?:\\s*(?:,|and|&)\\s*${DAY})*`;
const N = "(\\d{1,3}|other)";
const ORDINAL = "(1st|2nd|3rd|4th|5th|last|first|second|third|fourth|fifth)";
const MONTH_DAY = "(\\d{1,2})(?:st|nd|rd|th)?";

// "every" or Todoist's "every!" (from completion), then one of these; the first that fits wins.
const REPEAT_PATTERNS: { pattern: RegExp; rule: (match: RegExpExecArray) => string }[] = [
  { pattern: new RegExp(`^(?:${N}\\s+)?days?\\b`), rule: (m) => `FREQ=DAILY${interval(m[1])}` },
  { pattern: /^weekdays?\b/, rule: () => "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" },
  { pattern: /^weekends?\b/, rule: () => "FREQ=WEEKLY;BYDAY=SA,SU" },
  {
    pattern: new RegExp(`^(?:${N}\\s+)?weeks?(?:\\s+on\\s+(${DAYS}))?(?![\\w])`),
    rule: (m) => `FREQ=WEEKLY${interval(m[1])}${m[2] ? `;BYDAY=${dayCodes(m[2])}` : ""}`,
  },
  { pattern: new RegExp(`^(${DAYS})(?![\\w])`), rule: (m) => `FREQ=WEEKLY;BYDAY=${dayCodes(m[1]!)}` },
  {
    pattern: new RegExp(`^(?:${N}\\s+)?months?\\s+on\\s+the\\s+${ORDINAL}\\s+(${DAY})(?![\\w])`),
    rule: (m) => `FREQ=MONTHLY${interval(m[1])};BYDAY=${dayCodes(m[3]!)};BYSETPOS=${setPosition(m[2]!)}`,
  },
  {
    pattern: new RegExp(`^(?:${N}\\s+)?months?\\s+on\\s+the\\s+last\\s+day\\b`),
    rule: (m) => `FREQ=MONTHLY${interval(m[1])};BYMONTHDAY=-1`,
  },
  {
    pattern: new RegExp(`^(?:${N}\\s+)?months?\\s+on\\s+the\\s+${MONTH_DAY}(?![\\w])`),
    rule: (m) =>
      Number(m[2]) >= 1 && Number(m[2]) <= 31 ? `FREQ=MONTHLY${interval(m[1])};BYMONTHDAY=${Number(m[2])}` : "",
  },
  { pattern: new RegExp(`^(?:${N}\\s+)?months?\\b`), rule: (m) => `FREQ=MONTHLY${interval(m[1])}` },
  { pattern: new RegExp(`^(?:${N}\\s+)?years?\\b`), rule: (m) => `FREQ=YEARLY${interval(m[1])}` },
];

function interval(value: string | undefined): string {
  if (!value || value === "1") return "";
  return `;INTERVAL=${value === "other" ? 2 : Number(value)}`;
}

function dayCodes(text: string): string {
  const codes = text.split(/\s*(?:,|and|&)\s*/).map((day) => DAY_CODES.find(([prefix]) => prefix.test(day))![1]);
  return [...new Set(codes)].join(",");
}

function setPosition(ordinal: string): number {
  return ordinal === "last"
    ? -1
    : ["1st|first", "2nd|second", "3rd|third", "4th|fourth", "5th|fifth"].findIndex((names) =>
        names.split("|").includes(ordinal),
      ) + 1;
}

interface Span {
  start: number;
  end: number;
}

/** Reads `text` as typed into the new-task field. Never throws; unknown names are the caller's to check. */
export function parseQuickAdd(text: string, clock: QuickAddClock): QuickAdd {
  const wallNow = wallClock(clock);
  const today = wallNow.toISOString().slice(0, 10);
  const taken: (Span & { kind: QuickAddPartKind })[] = [];
  const take = (kind: QuickAddPartKind, start: number, end: number) => taken.push({ kind, start, end });

  let project: string | null = null;
  // Quoted text is kept as typed: hidden from every rule below by blanking it out. A quote
  // right after a lone # is a project's name ("#\"Home renovation\"").
  const hidden: Span[] = [];
  for (const match of text.matchAll(/"([^"]*)"/g)) {
    const start = match.index;
    const end = start + match[0].length;
    const name = match[1]!.trim();
    if (project === null && name && text[start - 1] === "#" && (start === 1 || /\s/.test(text[start - 2]!))) {
      project = name;
      take("project", start - 1, end);
      hidden.push({ start: start - 1, end });
    } else hidden.push({ start, end });
  }
  let visible = text;
  for (const span of hidden)
    visible = visible.slice(0, span.start) + " ".repeat(span.end - span.start) + visible.slice(span.end);
  const lower = visible.toLowerCase();

  const labels: string[] = [];
  let priority: Priority | null = null;
  for (const match of visible.matchAll(/(?<=^|\s)([#@])([^\s#@"]+)/g)) {
    let name = match[2]!;
    let end = match.index + match[0].length;
    if (match[1] === "#") {
      if (project !== null || taken.some((span) => span.start < end && match.index < span.end)) continue;
      const known = longestProjectAt(visible, match.index + 1, clock.projects);
      if (known) {
        name = known;
        end = match.index + 1 + known.length;
      }
      project = name;
    } else if (!labels.some((label) => label.toLowerCase() === name.toLowerCase())) labels.push(name);
    take(match[1] === "#" ? "project" : "label", match.index, end);
  }
  for (const match of lower.matchAll(/(?<=^|\s)p([1-3])(?=\s|$)/g)) {
    if (priority !== null) break;
    priority = PRIORITY_WORDS[match[1]!]!;
    take("priority", match.index, match.index + match[0].length);
  }

  let repeat: Repeat | null = null;
  for (const match of lower.matchAll(/(?<=^|\s)every(!?)\s+/g)) {
    if (repeat) break;
    const rest = lower.slice(match.index + match[0].length);
    for (const { pattern, rule } of REPEAT_PATTERNS) {
      const found = pattern.exec(rest);
      if (!found) continue;
      let written = rule(found);
      if (!written) break;
      let end = match.index + match[0].length + found[0].length;
      const ending = seriesEnd(visible.slice(end), wallNow);
      if (ending) {
        written += ending.part;
        end += ending.length;
      }
      repeat = { rule: written, mode: match[1] ? "completion" : "due" };
      take("repeat", match.index, end);
      break;
    }
  }

  let dueDate: string | null = null;
  let dueTime: string | null = null;
  // Dates are looked for outside what was taken already ("every sunday 6pm" leaves "6pm").
  let rest = visible;
  for (const span of taken) rest = rest.slice(0, span.start) + " ".repeat(span.end - span.start) + rest.slice(span.end);
  let namedDay = false;
  for (const result of chrono.parse(rest, { instant: wallNow, timezone: 0 }, { forwardDate: true })) {
    const named = readDate(result);
    if (!named) continue;
    ({ date: dueDate, time: dueTime, hasDay: namedDay } = named);
    // "Pay rent by friday": the word that led to the date goes with it.
    const lead = /(?:^|\s)(?:on|at|by|due|from|starting)\s+$/i.exec(rest.slice(0, result.index));
    take(
      "date",
      lead ? lead.index + (lead[0].startsWith(" ") ? 1 : 0) : result.index,
      result.index + result.text.length,
    );
    break;
  }
  // A repeat without a day named starts on its first day from today.
  if (repeat && !namedDay) dueDate = firstOccurrence(repeat.rule, today);

  let title = "";
  let at = 0;
  for (const span of [...taken].sort((a, b) => a.start - b.start)) {
    title += text.slice(at, span.start) + " ";
    at = span.end;
  }
  title += text.slice(at);
  // Quotes mark what to keep, and stay in the title: a title with quotes in it (a quotation, a
  // name, markup) is kept exactly as typed.
  title = title.replace(/\s+/g, " ").trim();
  const parts = [...taken]
    .sort((a, b) => a.start - b.start)
    .map((span) => ({ kind: span.kind, text: text.slice(span.start, span.end).trim() }));
  return { title, dueDate, dueTime, repeat, project, labels, priority, parts };
}

/**
 * The longest of the person's project names that the text at `at` starts with, as typed
 * there, ending at a word's end ("#Home renovation paint" names "Home renovation" over "Home").
 */
function longestProjectAt(text: string, at: number, projects: readonly string[] | undefined): string | null {
  const rest = text.slice(at).toLowerCase();
  let found: string | null = null;
  for (const name of projects ?? []) {
    const wanted = name.trim().toLowerCase();
    if (!wanted.includes(" ") || !rest.startsWith(wanted) || /[\p{L}\p{N}_]/u.test(rest[wanted.length] ?? "")) continue;
    if (found === null || wanted.length > found.length) found = text.slice(at, at + wanted.length);
  }
  return found;
}

/** The text typed, with nothing read out of it (the "don't parse" box). */
export function literalQuickAdd(text: string): QuickAdd {
  return {
    title: text.replace(/\s+/g, " ").trim(),
    dueDate: null,
    dueTime: null,
    repeat: null,
    project: null,
    labels: [],
    priority: null,
    parts: [],
  };
}

/**
 * A date chrono found, if it names a day (or a weekday, or "in 3 days") or a clock time with
 * am/pm or minutes: "May" alone or "at 5" say too little to move a task.
 */
function readDate(result: chrono.ParsedResult): { date: string; time: string | null; hasDay: boolean } | null {
  const start = result.start;
  const hasTime = start.isCertain("hour") && (start.isCertain("meridiem") || /\d:\d\d/.test(result.text));
  const hasDay = start.isCertain("day") || start.isCertain("weekday");
  if (!hasDay && !hasTime) return null;
  const date = start.date();
  const iso = date.toISOString();
  return { date: iso.slice(0, 10), time: hasTime ? iso.slice(11, 16) : null, hasDay };
}

/** " until dec 31" or " for 5 times" after a repeat: the RRULE part and how much text it took. */
function seriesEnd(rest: string, wallNow: Date): { part: string; length: number } | null {
  const times = /^\s+(?:for\s+)?(\d{1,3})\s+times\b/i.exec(rest);
  if (times && Number(times[1]) > 0) return { part: `;COUNT=${Number(times[1])}`, length: times[0].length };
  const until = /^\s+until\s+/i.exec(rest);
  if (!until) return null;
  const [result] = chrono.parse(rest.slice(until[0].length), { instant: wallNow, timezone: 0 }, { forwardDate: true });
  if (!result || result.index !== 0 || !(result.start.isCertain("day") || result.start.isCertain("weekday")))
    return null;
  const date = result.start.date().toISOString().slice(0, 10).replaceAll("-", "");
  return { part: `;UNTIL=${date}`, length: until[0].length + result.text.length };
}

/** The person's wall clock now, as a UTC instant with the same digits ("floating"). */
function wallClock({ now, timeZone }: QuickAddClock): Date {
  const fields = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(now);
  const get = (type: string) => Number(fields.find((field) => field.type === type)!.value);
  return new Date(Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")));
}
