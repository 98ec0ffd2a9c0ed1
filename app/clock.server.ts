// The time the reminder scheduler and the reminder rules read (decision 106). Tests set it,
// so a reminder due in a day is tested without waiting a day; everything else reads `new Date()`.
let current: () => Date = () => new Date();

export function now(): Date {
  return current();
}

/** Replaces the clock (tests only); `null` puts the real one back. */
export function setClock(clock: (() => Date) | null): void {
  current = clock ?? (() => new Date());
}
