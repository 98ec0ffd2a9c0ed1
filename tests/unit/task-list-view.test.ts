import { describe, expect, it } from "vitest";
import { formatDueDate, isDueToday, isOverdue, todayIn } from "~/tasks/due-date";
import { hasActiveFilters, readTaskListQuery } from "~/tasks/list/task-list-query";
import { hasChosenFilters, readPage, safeTaskListHref, taskListHref, withBack } from "~/tasks/list/task-list-url";
import { readTimeZone } from "~/tasks/time-zone";

describe("due dates", () => {
  it("formats the calendar date itself, whatever the time zone", () => {
    expect(formatDueDate("2027-01-01")).toBe("Jan 1, 2027");
    expect(formatDueDate("2028-02-29")).toBe("Feb 29, 2028");
  });

  it("marks pending tasks overdue from the day after the due date", () => {
    expect(isOverdue({ dueDate: "2027-03-09", completed: false }, "2027-03-10")).toBe(true);
    expect(isOverdue({ dueDate: "2027-03-10", completed: false }, "2027-03-10")).toBe(false);
    expect(isOverdue({ dueDate: "2027-03-09", completed: true }, "2027-03-10")).toBe(false);
    expect(isOverdue({ dueDate: null, completed: false }, "2027-03-10")).toBe(false);
  });

  it("marks pending tasks due today on the due date only, never when completed", () => {
    expect(isDueToday({ dueDate: "2027-03-10", completed: false }, "2027-03-10")).toBe(true);
    expect(isDueToday({ dueDate: "2027-03-09", completed: false }, "2027-03-10")).toBe(false);
    expect(isDueToday({ dueDate: "2027-03-11", completed: false }, "2027-03-10")).toBe(false);
    expect(isDueToday({ dueDate: "2027-03-10", completed: true }, "2027-03-10")).toBe(false);
    expect(isDueToday({ dueDate: null, completed: false }, "2027-03-10")).toBe(false);
  });

  it("is due today in Tokyo while still the day before in Los Angeles", () => {
    const now = new Date("2027-03-10T23:30:00Z");
    const task = { dueDate: "2027-03-11", completed: false };
    expect(isDueToday(task, todayIn("Asia/Tokyo", now))).toBe(true);
    expect(isDueToday(task, todayIn("America/Los_Angeles", now))).toBe(false);
    expect(isOverdue(task, todayIn("Asia/Tokyo", now))).toBe(false);
  });

  it("computes today in the user's time zone, UTC when unknown", () => {
    const now = new Date("2027-03-10T23:30:00Z");
    expect(todayIn("UTC", now)).toBe("2027-03-10");
    expect(todayIn("Asia/Tokyo", now)).toBe("2027-03-11");
    expect(todayIn("America/Los_Angeles", now)).toBe("2027-03-10");
    expect(todayIn("Not/AZone", now)).toBe("2027-03-10");
    expect(todayIn(undefined, now)).toBe("2027-03-10");
  });

  it("reads the remembered time zone from a Cookie header", () => {
    expect(readTimeZone("a=1; tz=Europe%2FParis; b=2")).toBe("Europe/Paris");
    expect(readTimeZone("a=1")).toBeUndefined();
    expect(readTimeZone("tz=%E0%A4%A")).toBeUndefined();
    expect(readTimeZone(null)).toBeUndefined();
  });
});

describe("list URLs", () => {
  const view = (search: string) => ({
    ...readTaskListQuery(new URLSearchParams(search)),
    page: readPage(new URLSearchParams(search)),
  });

  it("leaves defaults out, so the plain list is just /tasks", () => {
    expect(taskListHref(view(""))).toBe("/tasks");
    expect(taskListHref(view("status=all&priority=&category=&q=&sort=created&order=desc&page=1"))).toBe("/tasks");
  });

  it("keeps every filter, the sort and the page", () => {
    expect(
      taskListHref(view("status=pending&priority=high&category=Home+%26+garden&q=milk&sort=title&order=desc&page=3")),
    ).toBe("/tasks?status=pending&priority=high&category=Home+%26+garden&q=milk&sort=title&order=desc&page=3");
  });

  it("keeps every label, repeated, and leaves an empty label out", () => {
    expect(taskListHref(view("label=Home&label=&label=Work+%26+play&q=paint"))).toBe(
      "/tasks?label=Home&label=Work+%26+play&q=paint",
    );
    expect(view("label=a&label=b").label).toEqual(["a", "b"]);
    // Past the limit, the page falls back to no label filter rather than failing.
    expect(view(Array.from({ length: 11 }, (_, n) => `label=l${n}`).join("&")).label).toEqual([]);
  });

  it("reads bad page numbers as page 1", () => {
    for (const page of ["0", "-2", "1.5", "abc", "1e400", ""]) expect(readPage(new URLSearchParams({ page }))).toBe(1);
    expect(readPage(new URLSearchParams({ page: "7" }))).toBe(7);
  });

  it("puts a project's list on its page, the project in the path rather than the query", () => {
    const project = "0b5c8bd4-3c5f-4a43-9d2b-1d7a7a1c0f11";
    const inProject = { ...view("q=x&sort=title"), project, page: 2 };
    expect(taskListHref(inProject)).toBe(`/projects/${project}?q=x&sort=title&page=2`);
    expect(taskListHref({ ...view(""), project, page: 1 })).toBe(`/projects/${project}`);
    // The project a page shows is not a filter the person chose.
    expect(hasChosenFilters({ ...view(""), project })).toBe(false);
    expect(hasChosenFilters({ ...view("q=x"), project })).toBe(true);
  });

  it("tells filters from sorting", () => {
    expect(hasActiveFilters(view("sort=title&order=desc"))).toBe(false);
    expect(hasActiveFilters(view("q=x"))).toBe(true);
    expect(hasActiveFilters(view("status=completed"))).toBe(true);
    expect(hasActiveFilters(view("label=Home"))).toBe(true);
    expect(hasActiveFilters(view("label=&q=%20"))).toBe(false);
  });
});

describe("returning to the list from a task's pages", () => {
  it("accepts only this site's list URLs: /tasks and a project's page", () => {
    expect(safeTaskListHref("/tasks?q=Future&page=2")).toBe("/tasks?q=Future&page=2");
    expect(safeTaskListHref("/tasks")).toBe("/tasks");
    const project = "/projects/0b5c8bd4-3c5f-4a43-9d2b-1d7a7a1c0f11";
    expect(safeTaskListHref(`${project}?status=pending`)).toBe(`${project}?status=pending`);
    expect(safeTaskListHref(project)).toBe(project);
    for (const value of [
      null,
      undefined,
      "",
      "https://evil.example/tasks",
      "//evil.example/tasks",
      "/\\evil.example",
      "/settings",
      "/tasks/123",
      "/tasksx",
      "/projects/archived",
      "/projects/0b5c8bd4-3c5f-4a43-9d2b-1d7a7a1c0f11/delete",
      "javascript:alert(1)",
    ]) {
      expect(safeTaskListHref(value), String(value)).toBe("/tasks");
    }
  });

  it("adds ?back= only for a view other than the plain list", () => {
    expect(withBack("/tasks/1", "/tasks")).toBe("/tasks/1");
    expect(withBack("/tasks/1", "/tasks?q=a b&page=2")).toBe("/tasks/1?back=%2Ftasks%3Fq%3Da+b%26page%3D2");
  });
});
