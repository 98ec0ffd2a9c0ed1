// Which date a repeating task comes back on (decision 093): month ends, leap years, both
// modes, the series' end, and daylight-saving changes in Berlin and Sydney, where the next
// occurrence keeps its local time and so its instant moves by the change.
import { describe, expect, test } from "vitest";
import { dueInstant } from "~/tasks/due.server";
import { anchorRepeat, firstOccurrence, nextOccurrence } from "~/tasks/repeat-dates";
import { describeRepeat, repeatRuleProblem } from "~/tasks/repeat-rule";

const due = (rule: string) => ({ rule, mode: "due" as const });
const done = (rule: string) => ({ rule, mode: "completion" as const });
const next = (repeat: { rule: string; mode: "due" | "completion" }, dueDate: string, completedOn = dueDate) =>
  nextOccurrence(repeat, dueDate, completedOn)?.dueDate ?? null;

describe("next occurrence from the due date", () => {
  test.each([
    ["FREQ=DAILY", "2027-12-31", "2028-01-01"],
    ["FREQ=DAILY;INTERVAL=3", "2028-02-27", "2028-03-01"],
    ["FREQ=DAILY", "2028-02-28", "2028-02-29"],
    ["FREQ=WEEKLY;BYDAY=MO,WE", "2027-01-04", "2027-01-06"],
    ["FREQ=WEEKLY;BYDAY=MO,WE", "2027-01-06", "2027-01-11"],
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "2027-01-29", "2027-02-12"],
    ["FREQ=MONTHLY;BYMONTHDAY=31", "2027-01-31", "2027-02-28"],
    ["FREQ=MONTHLY;BYMONTHDAY=31", "2027-02-28", "2027-03-31"],
    ["FREQ=MONTHLY;BYMONTHDAY=31", "2028-01-31", "2028-02-29"],
    ["FREQ=MONTHLY;BYMONTHDAY=30", "2027-01-30", "2027-02-28"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1", "2027-04-30", "2027-05-31"],
    ["FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", "2027-01-12", "2027-02-09"],
    ["FREQ=MONTHLY;BYDAY=-1FR", "2027-01-29", "2027-02-26"],
    ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2028-02-29", "2029-02-28"],
    ["FREQ=YEARLY", "2027-12-25", "2028-12-25"],
    ["FREQ=DAILY;UNTIL=20270105", "2027-01-04", "2027-01-05"],
    ["FREQ=DAILY;UNTIL=20270105", "2027-01-05", null],
  ])("%s after %s: %s", (rule, dueDate, expected) => expect(next(due(rule), dueDate)).toBe(expected));

  test("a monthly or yearly rule without a day keeps the first due date's day past a short month", () => {
    const monthly = anchorRepeat(due("FREQ=MONTHLY"), "2027-01-31");
    expect(monthly.rule).toBe("FREQ=MONTHLY;BYMONTHDAY=31");
    expect(next(monthly, "2027-02-28")).toBe("2027-03-31");
    const yearly = anchorRepeat(due("FREQ=YEARLY"), "2028-02-29");
    expect(yearly.rule).toBe("FREQ=YEARLY;BYMONTHDAY=29;BYMONTH=2");
    expect(next(yearly, "2028-02-29")).toBe("2029-02-28");
    expect(next(yearly, "2031-02-28")).toBe("2032-02-29");
  });

  test("COUNT counts down, and the last occurrence starts nothing", () => {
    expect(nextOccurrence(due("FREQ=WEEKLY;COUNT=3"), "2027-01-04", "2027-01-04")).toEqual({
      dueDate: "2027-01-11",
      rule: "FREQ=WEEKLY;COUNT=2",
    });
    expect(nextOccurrence(due("FREQ=WEEKLY;COUNT=1"), "2027-01-04", "2027-01-04")).toBeNull();
  });
});

describe("next occurrence from completion", () => {
  test.each([
    ["FREQ=DAILY;INTERVAL=3", "2027-01-01", "2027-02-27", "2027-03-02"],
    ["FREQ=DAILY;INTERVAL=3", "2028-01-01", "2028-02-27", "2028-03-01"],
    ["FREQ=WEEKLY;BYDAY=MO", "2027-01-04", "2027-01-20", "2027-01-25"],
    ["FREQ=MONTHLY", "2027-01-01", "2027-01-31", "2027-02-28"],
    ["FREQ=MONTHLY", "2027-01-01", "2028-01-31", "2028-02-29"],
    ["FREQ=YEARLY", "2027-01-01", "2028-02-29", "2029-02-28"],
    // Done early: counts from the day it was done, not the due date.
    ["FREQ=WEEKLY", "2027-03-10", "2027-03-01", "2027-03-08"],
  ])("%s, due %s, done %s: %s", (rule, dueDate, completedOn, expected) =>
    expect(next(done(rule), dueDate, completedOn)).toBe(expected),
  );
});

describe("daylight-saving changes keep the local time", () => {
  const hours = (date: Date) => date.toISOString().slice(11, 16);
  test.each([
    // Berlin springs forward on 2027-03-28 (UTC+1 -> +2) and falls back on 2027-10-31.
    ["Europe/Berlin", "2027-03-22", "2027-03-29", "08:00", "07:00"],
    ["Europe/Berlin", "2027-10-25", "2027-11-01", "07:00", "08:00"],
    // Sydney falls back on 2027-04-04 (UTC+11 -> +10) and springs forward on 2027-10-03.
    ["Australia/Sydney", "2027-03-29", "2027-04-05", "22:00", "23:00"],
    ["Australia/Sydney", "2027-09-27", "2027-10-04", "23:00", "22:00"],
  ])("weekly 09:00 in %s: %s -> %s", (zone, dueDate, expected, utcBefore, utcAfter) => {
    const following = next(due("FREQ=WEEKLY"), dueDate);
    expect(following).toBe(expected);
    expect(hours(dueInstant(dueDate, "09:00", zone))).toBe(utcBefore);
    expect(hours(dueInstant(following!, "09:00", zone))).toBe(utcAfter);
  });
});

describe("rules", () => {
  test("the first occurrence from today (quick add)", () => {
    expect(firstOccurrence("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "2026-12-04")).toBe("2026-12-07");
    expect(firstOccurrence("FREQ=MONTHLY;BYMONTHDAY=31", "2027-02-03")).toBe("2027-02-28");
  });

  test.each([
    ["FREQ=WEEKLY;BYDAY=MO,WE", null],
    ["RRULE:freq=daily", null],
    ["FREQ=MINUTELY", "FREQ cannot be MINUTELY"],
    ["FREQ=DAILY;INTERVAL=0", "INTERVAL cannot be 0"],
    ["FREQ=DAILY;FREQ=WEEKLY", "names a part twice"],
    ["FREQ=DAILY;UNTIL=20270230", "UNTIL must be a real date"],
    ["FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY cannot be 32"],
    ["FREQ=DAILY;", "must be an RRULE"],
  ])("%s", (rule, problem) => {
    if (problem === null) expect(repeatRuleProblem(rule)).toBeNull();
    else expect(repeatRuleProblem(rule)).toContain(problem);
  });

  test.each([
    [due("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"), "Every weekday"],
    [due("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"), "Every 2 weeks on Mon"],
    [done("FREQ=DAILY;INTERVAL=3"), "Every! 3 days"],
    [due("FREQ=MONTHLY;BYMONTHDAY=-1"), "Every month on the last day"],
    [due("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2"), "Every month on 2nd Tue"],
    [due("FREQ=DAILY;COUNT=3"), "Every day, 3 times left"],
  ])("in words: %o", (repeat, words) => expect(describeRepeat(repeat)).toBe(words));
});
