// The due instant from the local date, time and zone the person wrote (decision 090), through
// the Temporal polyfill: the one place where a wall-clock time becomes an instant.
import { Temporal } from "temporal-polyfill";

export interface DueFields {
  dueDate: string | null;
  /** HH:MM or HH:MM:SS; null or missing: the whole day. */
  dueTime?: string | null;
  /** Missing: the account's. */
  timeZone?: string | null;
}

/** Raised when a due time is given without a due date to put it on. */
export class DueTimeWithoutDateError extends Error {
  constructor() {
    super("A due time needs a due date");
  }
}

/**
 * `dueDate` at `dueTime` (the day's start without one) in `timeZone`. A time skipped by a
 * daylight-saving change (02:30 on the spring-forward night in Berlin) moves forward by the
 * gap (03:30); a time that happens twice (the autumn night) is its first occurrence.
 */
export function dueInstant(dueDate: string, dueTime: string | null, timeZone: string): Date {
  const date = Temporal.PlainDate.from(dueDate);
  const zoned = dueTime
    ? date.toPlainDateTime(Temporal.PlainTime.from(dueTime)).toZonedDateTime(timeZone, { disambiguation: "compatible" })
    : date.toZonedDateTime({ timeZone });
  return new Date(zoned.epochMilliseconds);
}

/**
 * The four stored columns of a due date: all null without a date; the zone is the one given,
 * else the account's (`accountZone`).
 */
export function dueColumns(fields: DueFields, accountZone: string) {
  if (fields.dueDate === null) {
    if (fields.dueTime) throw new DueTimeWithoutDateError();
    return { dueDate: null, dueTime: null, timeZone: null, dueAt: null };
  }
  const timeZone = fields.timeZone ?? accountZone;
  const dueTime = fields.dueTime ? fields.dueTime.slice(0, 5) : null;
  return { dueDate: fields.dueDate, dueTime, timeZone, dueAt: dueInstant(fields.dueDate, dueTime, timeZone) };
}
