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

/** Today's date (YYYY-MM-DD) in the given IANA time zone; UTC when it is missing or unknown. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  try {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat("en-CA", { timeZone: timeZone || "UTC" }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}
