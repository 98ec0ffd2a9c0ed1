// Due dates and times in the person's zone (decision 090): the instant from a wall-clock time,
// the day and time a reader sees, "today" and "overdue", across DST changes, month ends and
// leap years. Every clock here is a fixed instant.
import { describe, expect, it } from "vitest";
import {
  addDays,
  dayHeading,
  dueFor,
  formatDueDate,
  groupByDueDay,
  isDueToday,
  isOverdue,
  todayFor,
  todayIn,
} from "~/tasks/due-date";
import { dueColumns, dueInstant, DueTimeWithoutDateError } from "~/tasks/due.server";
import { canonicalTimeZone } from "~/tasks/time-zone";

const day = (dueDate: string) => ({ dueDate, dueTime: null, dueAt: null, completed: false });
const timed = (dueDate: string, dueTime: string, timeZone: string) => ({
  dueDate,
  dueTime,
  dueAt: dueInstant(dueDate, dueTime, timeZone),
  completed: false,
});

describe("the due instant", () => {
  it("is the wall-clock time in the zone written in, whatever the offset that day", () => {
    // Berlin: CET (+1) in winter, CEST (+2) in summer.
    expect(dueInstant("2027-01-15", "09:00", "Europe/Berlin").toISOString()).toBe("2027-01-15T08:00:00.000Z");
    expect(dueInstant("2027-07-15", "09:00", "Europe/Berlin").toISOString()).toBe("2027-07-15T07:00:00.000Z");
    // Sydney: AEDT (+11) in its summer, AEST (+10) in its winter.
    expect(dueInstant("2027-01-15", "09:00", "Australia/Sydney").toISOString()).toBe("2027-01-14T22:00:00.000Z");
    expect(dueInstant("2027-07-15", "09:00", "Australia/Sydney").toISOString()).toBe("2027-07-14T23:00:00.000Z");
  });

  it("keeps 09:00 at 09:00 on the days around both of Berlin's changes", () => {
    // Spring forward on 2027-03-28 at 02:00, fall back on 2027-10-31 at 03:00.
    expect(dueInstant("2027-03-27", "09:00", "Europe/Berlin").toISOString()).toBe("2027-03-27T08:00:00.000Z");
    expect(dueInstant("2027-03-28", "09:00", "Europe/Berlin").toISOString()).toBe("2027-03-28T07:00:00.000Z");
    expect(dueInstant("2027-10-30", "09:00", "Europe/Berlin").toISOString()).toBe("2027-10-30T07:00:00.000Z");
    expect(dueInstant("2027-10-31", "09:00", "Europe/Berlin").toISOString()).toBe("2027-10-31T08:00:00.000Z");
  });

  it("moves a skipped time forward by the gap and takes the first of a repeated one", () => {
    expect(dueInstant("2027-03-28", "02:30", "Europe/Berlin").toISOString()).toBe("2027-03-28T01:30:00.000Z");
    expect(dueInstant("2027-10-31", "02:30", "Europe/Berlin").toISOString()).toBe("2027-10-31T00:30:00.000Z");
    // Sydney springs forward on 2027-10-03 at 02:00 and falls back on 2027-04-04 at 03:00.
    expect(dueInstant("2027-10-03", "02:30", "Australia/Sydney").toISOString()).toBe("2027-10-02T16:30:00.000Z");
    expect(dueInstant("2027-04-04", "02:30", "Australia/Sydney").toISOString()).toBe("2027-04-03T15:30:00.000Z");
  });

  it("is the day's start for a date without a time", () => {
    expect(dueInstant("2027-04-04", null, "Australia/Sydney").toISOString()).toBe("2027-04-03T13:00:00.000Z");
    expect(dueInstant("2028-02-29", null, "UTC").toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });

  it("stores the zone given, else the account's, and nothing without a date", () => {
    expect(dueColumns({ dueDate: "2027-05-01", dueTime: "18:30", timeZone: null }, "Europe/Berlin")).toEqual({
      dueDate: "2027-05-01",
      dueTime: "18:30",
      timeZone: "Europe/Berlin",
      dueAt: new Date("2027-05-01T16:30:00.000Z"),
    });
    expect(dueColumns({ dueDate: "2027-05-01", timeZone: "Australia/Sydney" }, "Europe/Berlin").timeZone).toBe(
      "Australia/Sydney",
    );
    expect(dueColumns({ dueDate: null, dueTime: null }, "UTC")).toEqual({
      dueDate: null,
      dueTime: null,
      timeZone: null,
      dueAt: null,
    });
    expect(() => dueColumns({ dueDate: null, dueTime: "09:00" }, "UTC")).toThrow(DueTimeWithoutDateError);
  });
});

describe("what a reader sees", () => {
  it("shows a Berlin 09:00 task at 09:00 in Berlin and 19:00 (or 18:00) in Sydney", () => {
    const winter = timed("2027-01-15", "09:00", "Europe/Berlin");
    expect(dueFor(winter, "Europe/Berlin")).toEqual({ day: "2027-01-15", time: "09:00" });
    expect(dueFor(winter, "Australia/Sydney")).toEqual({ day: "2027-01-15", time: "19:00" });
    const summer = timed("2027-07-15", "09:00", "Europe/Berlin");
    expect(dueFor(summer, "Australia/Sydney")).toEqual({ day: "2027-07-15", time: "17:00" });
    // A Sydney morning is the evening before in Berlin.
    const sydney = timed("2027-01-15", "08:00", "Australia/Sydney");
    expect(dueFor(sydney, "Europe/Berlin")).toEqual({ day: "2027-01-14", time: "22:00" });
  });

  it("keeps a date without a time on its date wherever the reader is", () => {
    expect(dueFor(day("2027-01-15"), "Pacific/Kiritimati")).toEqual({ day: "2027-01-15", time: null });
    expect(dueFor(day("2027-01-15"), "Pacific/Pago_Pago")).toEqual({ day: "2027-01-15", time: null });
  });

  it("turns today over at the reader's midnight", () => {
    // 22:59:59 UTC is 23:59:59 in Berlin in winter; a second later it is the next day.
    expect(todayIn("Europe/Berlin", new Date("2027-01-15T22:59:59Z"))).toBe("2027-01-15");
    expect(todayIn("Europe/Berlin", new Date("2027-01-15T23:00:00Z"))).toBe("2027-01-16");
    // Across Berlin's spring change the midnight is still at +01:00; after it, +02:00.
    expect(todayIn("Europe/Berlin", new Date("2027-03-27T22:59:59Z"))).toBe("2027-03-27");
    expect(todayIn("Europe/Berlin", new Date("2027-03-27T23:00:00Z"))).toBe("2027-03-28");
    expect(todayIn("Europe/Berlin", new Date("2027-03-28T21:59:59Z"))).toBe("2027-03-28");
    expect(todayIn("Europe/Berlin", new Date("2027-03-28T22:00:00Z"))).toBe("2027-03-29");
    // Sydney's autumn change (2027-04-04): midnight moves from 13:00Z to 14:00Z.
    expect(todayIn("Australia/Sydney", new Date("2027-04-03T12:59:59Z"))).toBe("2027-04-03");
    expect(todayIn("Australia/Sydney", new Date("2027-04-03T13:00:00Z"))).toBe("2027-04-04");
    expect(todayIn("Australia/Sydney", new Date("2027-04-04T13:59:59Z"))).toBe("2027-04-04");
    expect(todayIn("Australia/Sydney", new Date("2027-04-04T14:00:00Z"))).toBe("2027-04-05");
  });

  it("marks a task overdue from the reader's next day, due today on the day", () => {
    const beforeMidnight = todayFor("Europe/Berlin", new Date("2027-01-15T22:59:59Z"));
    const afterMidnight = todayFor("Europe/Berlin", new Date("2027-01-15T23:00:00Z"));
    const task = day("2027-01-15");
    expect(isDueToday(task, beforeMidnight)).toBe(true);
    expect(isOverdue(task, beforeMidnight)).toBe(false);
    expect(isDueToday(task, afterMidnight)).toBe(false);
    expect(isOverdue(task, afterMidnight)).toBe(true);
    expect(isOverdue({ ...task, completed: true }, afterMidnight)).toBe(false);
    expect(isOverdue(day("2027-01-14"), { date: "2027-01-15", timeZone: "UTC" })).toBe(true);
    expect(isDueToday({ dueDate: null, dueTime: null, dueAt: null, completed: false }, afterMidnight)).toBe(false);
  });

  it("reads a timed task's day in the reader's zone: due today in Sydney, still tomorrow's in Berlin", () => {
    const task = timed("2027-01-16", "08:00", "Australia/Sydney"); // 2027-01-15T21:00Z
    const now = new Date("2027-01-15T20:00:00Z");
    expect(isDueToday(task, todayFor("Australia/Sydney", now))).toBe(true);
    expect(isDueToday(task, todayFor("Europe/Berlin", now))).toBe(true); // 22:00 on the 15th there
    expect(dueFor(task, "Europe/Berlin")).toEqual({ day: "2027-01-15", time: "22:00" });
  });

  it("formats the calendar date itself, whatever the zone", () => {
    expect(formatDueDate("2027-01-01")).toBe("Jan 1, 2027");
    expect(formatDueDate("2028-02-29")).toBe("Feb 29, 2028");
  });
});

describe("calendar arithmetic", () => {
  it("crosses month ends, year ends and leap days", () => {
    expect(addDays("2027-01-31", 1)).toBe("2027-02-01");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2028-02-29", 1)).toBe("2028-03-01");
    expect(addDays("2100-02-28", 1)).toBe("2100-03-01");
    expect(addDays("2000-02-28", 1)).toBe("2000-02-29");
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
    expect(addDays("2027-12-25", 14)).toBe("2028-01-08");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
  });
});

describe("time zone names", () => {
  it("accepts IANA names in their canonical spelling and refuses the rest", () => {
    expect(canonicalTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(canonicalTimeZone("+02:00")).toBeNull();
    expect(canonicalTimeZone("")).toBeNull();
  });
});

describe("Upcoming's days", () => {
  it("names today, tomorrow, then the weekday and date, across a month end and a year end", () => {
    expect(dayHeading("2026-12-05", "2026-12-05")).toBe("Today");
    expect(dayHeading("2026-12-06", "2026-12-05")).toBe("Tomorrow");
    expect(dayHeading("2026-12-07", "2026-12-05")).toBe("Monday 7 December");
    expect(dayHeading("2027-01-01", "2026-12-31")).toBe("Tomorrow");
    expect(dayHeading("2027-01-04", "2026-12-31")).toBe("Monday 4 January");
    expect(dayHeading("2028-02-29", "2028-02-27")).toBe("Tuesday 29 February");
  });

  it("groups by the reader's day for 14 days from today, then Later; a timed task by its instant there", () => {
    const berlin = todayFor("Europe/Berlin", new Date("2027-03-27T23:30:00Z")); // 00:30 on Sunday 28 March, the spring change
    expect(berlin.date).toBe("2027-03-28");
    const tasks = [
      { title: "whole day today", ...day("2027-03-28") },
      // 23:30 in Sydney on the 28th is 14:30 in Berlin (CEST) the same day.
      { title: "Sydney evening", ...timed("2027-03-28", "23:30", "Australia/Sydney") },
      // 09:00 in Sydney on the 29th is 00:00 on the 29th in Berlin: tomorrow.
      { title: "Sydney morning", ...timed("2027-03-29", "09:00", "Australia/Sydney") },
      { title: "day 14", ...day("2027-04-10") },
      { title: "day 15", ...day("2027-04-11") },
      { title: "next year", ...day("2028-01-01") },
    ];
    const groups = groupByDueDay(tasks, berlin).map((group) => [group.heading, group.tasks.map((task) => task.title)]);
    expect(groups).toEqual([
      ["Today", ["whole day today", "Sydney evening"]],
      ["Tomorrow", ["Sydney morning"]],
      ["Saturday 10 April", ["day 14"]],
      ["Later", ["day 15", "next year"]],
    ]);
    // The same tasks for a reader in Sydney, where it is already 10:30 on the 28th.
    const sydney = todayFor("Australia/Sydney", new Date("2027-03-27T23:30:00Z"));
    expect(groupByDueDay(tasks, sydney)[0]).toMatchObject({
      heading: "Today",
      tasks: [{ title: "whole day today" }, { title: "Sydney evening" }],
    });
  });
});
