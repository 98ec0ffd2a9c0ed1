// The reminder rules that need no database: ISO 8601 durations both ways, the form's slots,
// and wall-clock hours becoming instants across daylight-saving changes (decision 106).
import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration, remindersFromForm } from "~/reminders/reminder-schema";
import { instantAtHour, nextHourAfter, reminderSendAt } from "~/reminders/reminder-times";

describe("durations", () => {
  it("reads weeks, days, hours, minutes and seconds, and writes the shortest form back", () => {
    expect(parseDuration("PT0S")).toBe(0);
    expect(parseDuration("PT10M")).toBe(600);
    expect(parseDuration("PT1H")).toBe(3600);
    expect(parseDuration("P1D")).toBe(86_400);
    expect(parseDuration("P1W")).toBe(7 * 86_400);
    expect(parseDuration("P1DT2H30M")).toBe(86_400 + 2 * 3600 + 1800);
    for (const seconds of [0, 600, 3600, 86_400, 86_400 + 9000, 45])
      expect(parseDuration(formatDuration(seconds))).toBe(seconds);
    expect(formatDuration(5400)).toBe("PT1H30M");
  });

  it("refuses what is not a duration of fixed length", () => {
    for (const text of ["", "P", "PT", "1h", "P1Y", "P1M", "PT1.5H", "-PT1H", "P1DT"])
      expect(parseDuration(text)).toBeNull();
  });
});

describe("the task form's reminder slots", () => {
  it("reads choices, custom minutes and kept fixed times, and skips empty slots", () => {
    expect(
      remindersFromForm([
        { when: "PT1H" },
        { when: "" },
        { when: "custom", minutes: 90 },
        { when: "at:2027-01-05T08:00:00.000Z" },
      ]),
    ).toEqual([{ beforeSeconds: 3600 }, { beforeSeconds: 5400 }, { at: new Date("2027-01-05T08:00:00Z") }]);
    expect(remindersFromForm([{ when: "custom" }])).toBe("Give the minutes for a custom reminder");
    expect(remindersFromForm([{ when: "soon" }])).toBe("Choose a reminder from the list");
  });
});

describe("reminder times", () => {
  it("puts a date without a time at the reminder hour in the recipient's zone, DST included", () => {
    // Berlin: winter UTC+1, summer UTC+2; Sydney: summer (January) UTC+11.
    expect(instantAtHour("2027-01-05", 9, "Europe/Berlin").toISOString()).toBe("2027-01-05T08:00:00.000Z");
    expect(instantAtHour("2027-07-05", 9, "Europe/Berlin").toISOString()).toBe("2027-07-05T07:00:00.000Z");
    expect(instantAtHour("2027-01-05", 9, "Australia/Sydney").toISOString()).toBe("2027-01-04T22:00:00.000Z");
    // 02:00 does not exist in Berlin on 2027-03-28: it moves forward to 03:00 (01:00 UTC).
    expect(instantAtHour("2027-03-28", 2, "Europe/Berlin").toISOString()).toBe("2027-03-28T01:00:00.000Z");
  });

  it("finds the next digest hour strictly after a moment", () => {
    const berlin = (iso: string) => nextHourAfter(7, "Europe/Berlin", new Date(iso)).toISOString();
    expect(berlin("2027-01-04T12:00:00Z")).toBe("2027-01-05T06:00:00.000Z");
    expect(berlin("2027-01-05T05:59:59Z")).toBe("2027-01-05T06:00:00.000Z");
    expect(berlin("2027-01-05T06:00:00Z")).toBe("2027-01-06T06:00:00.000Z");
    // Across the spring change the hour stays 07:00 local.
    expect(berlin("2027-03-27T12:00:00Z")).toBe("2027-03-28T05:00:00.000Z");
  });

  it("counts before the due instant, from the reminder hour without a time, and waits without a date", () => {
    const recipient = { reminderHour: 9, timeZone: "Europe/Berlin" };
    const timed = { dueDate: "2027-01-05", dueTime: "10:00", dueAt: new Date("2027-01-05T09:00:00Z") };
    expect(reminderSendAt({ beforeSeconds: 600, at: null }, timed, recipient)?.toISOString()).toBe(
      "2027-01-05T08:50:00.000Z",
    );
    const wholeDay = { dueDate: "2027-01-05", dueTime: null, dueAt: new Date("2027-01-04T23:00:00Z") };
    expect(reminderSendAt({ beforeSeconds: 86_400, at: null }, wholeDay, recipient)?.toISOString()).toBe(
      "2027-01-04T08:00:00.000Z",
    );
    expect(
      reminderSendAt({ beforeSeconds: 0, at: null }, { dueDate: null, dueTime: null, dueAt: null }, recipient),
    ).toBeNull();
    const fixed = new Date("2027-02-01T10:00:00Z");
    expect(
      reminderSendAt({ beforeSeconds: null, at: fixed }, { dueDate: null, dueTime: null, dueAt: null }, recipient),
    ).toBe(fixed);
  });
});
