// Quick add's phrase table (issue 30): what a person types -> what the task gets. The clock is
// fixed: Friday 2026-12-04, 11:00 in Berlin (10:00 UTC).
import { describe, expect, test } from "vitest";
import { literalQuickAdd, parseQuickAdd, type QuickAdd } from "~/tasks/quick-add";

// The person's projects: "#Home renovation" names the longer of two that start alike.
const clock = {
  now: new Date("2026-12-04T10:00:00Z"),
  timeZone: "Europe/Berlin",
  projects: ["Inbox", "Home", "Home renovation", "Work", "Side project: blog"],
};

type Expected = Partial<Omit<QuickAdd, "parts">>;
const none = { dueDate: null, dueTime: null, repeat: null, project: null, labels: [], priority: null };
const due = (rule: string) => ({ rule, mode: "due" as const });
const fromCompletion = (rule: string) => ({ rule, mode: "completion" as const });

const PHRASES: [string, Expected][] = [
  // Dates and times
  ["Call mom tomorrow 5pm", { title: "Call mom", dueDate: "2026-12-05", dueTime: "17:00" }],
  ["Submit report next friday", { title: "Submit report", dueDate: "2026-12-11" }],
  ["Water plants in 3 days", { title: "Water plants", dueDate: "2026-12-07" }],
  ["Buy presents dec 24", { title: "Buy presents", dueDate: "2026-12-24" }],
  ["Dentist on jan 5 at 9:30", { title: "Dentist", dueDate: "2027-01-05", dueTime: "09:30" }],
  ["Pay rent by monday", { title: "Pay rent", dueDate: "2026-12-07" }],
  ["Standup today 9:15am", { title: "Standup", dueDate: "2026-12-04", dueTime: "09:15" }],
  ["File taxes 2027-04-15", { title: "File taxes", dueDate: "2027-04-15" }],
  ["Plan trip tomorrow", { title: "Plan trip", dueDate: "2026-12-05", dueTime: null }],
  ["Review at 4pm", { title: "Review", dueDate: "2026-12-04", dueTime: "16:00" }],
  ["Renew passport march 3", { title: "Renew passport", dueDate: "2027-03-03" }],
  ["Call Anna in 2 weeks", { title: "Call Anna", dueDate: "2026-12-18" }],
  ["Gym this saturday", { title: "Gym", dueDate: "2026-12-05" }],
  ["Party 31 dec 8pm", { title: "Party", dueDate: "2026-12-31", dueTime: "20:00" }],
  // Repeats
  [
    "Standup every weekday",
    { title: "Standup", repeat: due("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"), dueDate: "2026-12-04" },
  ],
  [
    "Team sync every 2 weeks on mon",
    { title: "Team sync", repeat: due("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"), dueDate: "2026-12-07" },
  ],
  [
    "Pay rent every month on the 1st",
    { title: "Pay rent", repeat: due("FREQ=MONTHLY;BYMONTHDAY=1"), dueDate: "2027-01-01" },
  ],
  [
    "Water plants every! 3 days",
    { title: "Water plants", repeat: fromCompletion("FREQ=DAILY;INTERVAL=3"), dueDate: "2026-12-04" },
  ],
  ["Stretch every day", { title: "Stretch", repeat: due("FREQ=DAILY"), dueDate: "2026-12-04" }],
  ["Yoga every mon, wed and fri", { title: "Yoga", repeat: due("FREQ=WEEKLY;BYDAY=MO,WE,FR"), dueDate: "2026-12-04" }],
  [
    "Invoice every month on the last day",
    { title: "Invoice", repeat: due("FREQ=MONTHLY;BYMONTHDAY=-1"), dueDate: "2026-12-31" },
  ],
  [
    "Book club every month on the 2nd tuesday",
    { title: "Book club", repeat: due("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2"), dueDate: "2026-12-08" },
  ],
  [
    "Clean house every weekend",
    { title: "Clean house", repeat: due("FREQ=WEEKLY;BYDAY=SA,SU"), dueDate: "2026-12-05" },
  ],
  ["Backup every other week", { title: "Backup", repeat: due("FREQ=WEEKLY;INTERVAL=2"), dueDate: "2026-12-04" }],
  ["Check smoke alarm every year", { title: "Check smoke alarm", repeat: due("FREQ=YEARLY"), dueDate: "2026-12-04" }],
  [
    "Haircut every! 6 weeks",
    { title: "Haircut", repeat: fromCompletion("FREQ=WEEKLY;INTERVAL=6"), dueDate: "2026-12-04" },
  ],
  ["Meds every day for 10 times", { title: "Meds", repeat: due("FREQ=DAILY;COUNT=10"), dueDate: "2026-12-04" }],
  [
    "Course every tuesday until jan 26",
    { title: "Course", repeat: due("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270126"), dueDate: "2026-12-08" },
  ],
  [
    "Report every month on the 31st",
    { title: "Report", repeat: due("FREQ=MONTHLY;BYMONTHDAY=31"), dueDate: "2026-12-31" },
  ],
  [
    "Call grandma every sunday 6pm",
    { title: "Call grandma", repeat: due("FREQ=WEEKLY;BYDAY=SU"), dueDate: "2026-12-06", dueTime: "18:00" },
  ],
  // Projects, labels, priorities
  ["Fix the sink #Home", { title: "Fix the sink", project: "Home" }],
  ["Email Bob @work @urgent", { title: "Email Bob", labels: ["work", "urgent"] }],
  ["Ship release p1", { title: "Ship release", priority: "high" }],
  ["Tidy desk p3", { title: "Tidy desk", priority: "low" }],
  [
    "Draft plan p2 #Work @writing tomorrow",
    { title: "Draft plan", priority: "medium", project: "Work", labels: ["writing"], dueDate: "2026-12-05" },
  ],
  [
    "Pay rent every month on the 1st #Home @bills p1",
    {
      title: "Pay rent",
      project: "Home",
      labels: ["bills"],
      priority: "high",
      repeat: due("FREQ=MONTHLY;BYMONTHDAY=1"),
    },
  ],
  // Projects of several words: the longest of the person's names that fits, or quoted
  ["Paint the hall #Home renovation", { title: "Paint the hall", project: "Home renovation" }],
  [
    "Buy tiles #home RENOVATION tomorrow p2",
    { title: "Buy tiles", project: "home RENOVATION", priority: "medium", dueDate: "2026-12-05" },
  ],
  ["Fix the door #Home first", { title: "Fix the door first", project: "Home" }],
  ["Sand floors #Home renovations", { title: "Sand floors renovations", project: "Home" }],
  [
    'Call the plumber #"Home renovation" monday',
    { title: "Call the plumber", project: "Home renovation", dueDate: "2026-12-07" },
  ],
  ['Draft post #"Garden shed"', { title: "Draft post", project: "Garden shed" }],
  ["Outline #Side project: blog @writing", { title: "Outline", project: "Side project: blog", labels: ["writing"] }],
  ['Quote "#Home renovation" in the mail', { ...none, title: 'Quote "#Home renovation" in the mail' }],
  // Must not parse (or only the part that is meant)
  ["Buy 2 tickets for May", { ...none, title: "Buy 2 tickets for May" }],
  ["Read chapter 5", { ...none, title: "Read chapter 5" }],
  ["Meeting at 10", { ...none, title: "Meeting at 10" }],
  ["Call mom at 5", { ...none, title: "Call mom at 5" }],
  ["Upgrade to p10 plan", { ...none, title: "Upgrade to p10 plan" }],
  ["Email bob@example.com", { ...none, title: "Email bob@example.com" }],
  ["Fix issue#42", { ...none, title: "Fix issue#42" }],
  ["Tell everyone the news", { ...none, title: "Tell everyone the news" }],
  ["Every body counts", { ...none, title: "Every body counts" }],
  ['Watch "Friday Night Lights"', { ...none, title: 'Watch "Friday Night Lights"' }],
  ['Read "every day" tomorrow', { title: 'Read "every day"', dueDate: "2026-12-05", repeat: null }],
  ["Write the May report", { ...none, title: "Write the May report" }],
];

describe("quick add phrases", () => {
  test("the table has at least 40 rows", () => expect(PHRASES.length).toBeGreaterThanOrEqual(40));

  test.each(PHRASES)("%s", (text, expected) => {
    const parsed = parseQuickAdd(text, clock);
    const { parts: _parts, ...fields } = parsed;
    expect(fields).toMatchObject(expected);
  });
});

describe("quick add", () => {
  test("the recognised parts are listed in the order typed", () => {
    const { parts } = parseQuickAdd("Pay rent every month on the 1st #Home @bills p1", clock);
    expect(parts).toEqual([
      { kind: "repeat", text: "every month on the 1st" },
      { kind: "project", text: "#Home" },
      { kind: "label", text: "@bills" },
      { kind: "priority", text: "p1" },
    ]);
  });

  test("today is the person's: late in Sydney is already tomorrow", () => {
    const sydney = { now: new Date("2026-12-04T14:00:00Z"), timeZone: "Australia/Sydney" };
    expect(parseQuickAdd("Run today", sydney).dueDate).toBe("2026-12-05");
    expect(parseQuickAdd("Run tomorrow", sydney).dueDate).toBe("2026-12-06");
  });

  test("don't parse keeps the text as typed", () => {
    expect(literalQuickAdd("  Buy milk tomorrow  #Home p1 ")).toMatchObject({
      ...none,
      title: "Buy milk tomorrow #Home p1",
    });
  });
});
