import { describe, expect, it } from "vitest";
import { hasActiveFilters, readTaskListQuery } from "~/tasks/list/task-list-query";
import { hasChosenFilters, readPage, safeTaskListHref, taskListHref, withBack } from "~/tasks/list/task-list-url";

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
