// Due dates are calendar dates ("2027-04-15"), not instants: they are compared as strings
// and formatted in UTC so no time zone can move them to the day before.

const dueDateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** "Apr 15, 2027". A fixed locale keeps the server's HTML and the hydrated page identical. */
export function formatDueDate(dueDate: string): string {
  const [year, month, day] = dueDate.split("-").map(Number) as [number, number, number];
  return dueDateFormat.format(new Date(Date.UTC(year, month - 1, day)));
}

/** A pending task is overdue from the day after its due date. YYYY-MM-DD strings sort like dates. */
export function isOverdue(task: { dueDate: string | null; completed: boolean }, today: string): boolean {
  return !task.completed && task.dueDate !== null && task.dueDate < today;
}

/** A pending task due on the user's current day. Completed tasks are never "due". */
export function isDueToday(task: { dueDate: string | null; completed: boolean }, today: string): boolean {
  return !task.completed && task.dueDate === today;
}

// Creating a formatter costs far more than using one: keep one per time zone (there are a
// few hundred zones; the cap only guards against junk names from the cookie).
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 1_000;

/** Today's date (YYYY-MM-DD) in the given IANA time zone; UTC when it is missing or unknown. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  const zone = timeZone || "UTC";
  let format = formatters.get(zone);
  if (!format) {
    try {
      // en-CA writes dates as YYYY-MM-DD.
      format = new Intl.DateTimeFormat("en-CA", { timeZone: zone });
    } catch {
      return now.toISOString().slice(0, 10);
    }
    if (formatters.size < MAX_FORMATTERS) formatters.set(zone, format);
  }
  return format.format(now);
}
