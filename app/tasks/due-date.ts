// A task's due date is the calendar date the person wrote, with an optional local time, in the
// zone they wrote it in (decision 090). A date without a time is a day wherever the reader is;
// a date with a time is an instant, shown in the reader's account zone.

const dueDateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export interface Due {
  dueDate: string | null;
  /** HH:MM (the stored HH:MM:SS is cut when read). */
  dueTime: string | null;
  dueAt: Date | string | null;
  completed: boolean;
}

/** "Apr 15, 2027". A fixed locale keeps the server's HTML and the hydrated page identical. */
export function formatDueDate(dueDate: string): string {
  const [year, month, day] = dueDate.split("-").map(Number) as [number, number, number];
  return dueDateFormat.format(new Date(Date.UTC(year, month - 1, day)));
}

// Creating a formatter costs far more than using one: one per zone (a few hundred exist;
// the zones reaching here are canonical names checked when saved).
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function formatIn(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat) {
  let format = cache.get(timeZone);
  if (!format) {
    format = make();
    if (cache.size < 1_000) cache.set(timeZone, format);
  }
  return format;
}

/** The date (YYYY-MM-DD) of an instant in an IANA zone. */
export function dateIn(timeZone: string, instant: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return formatIn(dayFormats, timeZone, () => new Intl.DateTimeFormat("en-CA", { timeZone })).format(instant);
}

/** Today's date (YYYY-MM-DD) in an IANA zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return dateIn(timeZone, now);
}

/** The wall-clock time (HH:MM, 24 hours) of an instant in an IANA zone. */
export function timeIn(timeZone: string, instant: Date): string {
  const format = formatIn(
    timeFormats,
    timeZone,
    () => new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
  );
  return format.format(instant);
}

/**
 * Where a due task falls for a reader in `timeZone`: a date without a time stays its date; a
 * timed one is its instant's date and time there (09:00 in Berlin is 19:00 in Sydney).
 */
export function dueFor(task: Omit<Due, "completed">, timeZone: string): { day: string; time: string | null } | null {
  if (task.dueDate === null) return null;
  if (task.dueTime === null || task.dueAt === null) return { day: task.dueDate, time: null };
  const instant = new Date(task.dueAt);
  return { day: dateIn(timeZone, instant), time: timeIn(timeZone, instant) };
}

/** The reader's day and zone: what "today", "overdue" and due times are read against. */
export interface Today {
  /** YYYY-MM-DD in timeZone. */
  date: string;
  timeZone: string;
}

/** The reader's Today, computed once per request on the server (the page hydrates with it). */
export function todayFor(timeZone: string, now = new Date()): Today {
  return { date: todayIn(timeZone, now), timeZone };
}

/** A pending task is overdue from the day after the day it is due on, in the reader's zone. */
export function isOverdue(task: Due, today: Today): boolean {
  const due = dueFor(task, today.timeZone);
  return !task.completed && due !== null && due.day < today.date;
}

/** A pending task due on the reader's current day. Completed tasks are never "due". */
export function isDueToday(task: Due, today: Today): boolean {
  return !task.completed && dueFor(task, today.timeZone)?.day === today.date;
}

/** A calendar date moved by whole days (month ends and leap years by the calendar). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** How many days Upcoming shows under a heading each, from today, before "Later" (issue 30). */
export const UPCOMING_DAYS = 14;

// "Monday 7 December": the day named in full, as a heading reads it.
const dayHeadingFormat = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});

/** A day's heading for a reader whose day is `today`: "Today", "Tomorrow", "Monday 7 December". */
export function dayHeading(day: string, today: string): string {
  if (day === today) return "Today";
  if (day === addDays(today, 1)) return "Tomorrow";
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return dayHeadingFormat.format(new Date(Date.UTC(year, month - 1, date)));
}

export interface DayGroup<T> {
  /** YYYY-MM-DD, "later" or "none" (no due date). */
  key: string;
  heading: string;
  tasks: T[];
}

/**
 * Tasks under the day they fall on for the reader (a timed task by its instant in the reader's
 * zone), one heading per day for UPCOMING_DAYS from today, then "Later"; in date order, each
 * group's tasks in the order given.
 */
export function groupByDueDay<T extends Omit<Due, "completed">>(tasks: readonly T[], today: Today): DayGroup<T>[] {
  const last = addDays(today.date, UPCOMING_DAYS - 1);
  const groups = new Map<string, DayGroup<T>>();
  for (const task of tasks) {
    const day = dueFor(task, today.timeZone)?.day;
    const key = day === undefined ? "none" : day > last ? "later" : day;
    let group = groups.get(key);
    if (!group) {
      const heading = key === "none" ? "No due date" : key === "later" ? "Later" : dayHeading(key, today.date);
      group = { key, heading, tasks: [] };
      groups.set(key, group);
    }
    group.tasks.push(task);
  }
  // Dates sort before "later" and "none" ("l" < "n"), as digits sort before letters.
  return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
