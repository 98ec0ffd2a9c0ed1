import { describe, expect, it } from "vitest";
import { readTaskListQuery } from "~/tasks/list/task-list-query";
import { TaskInputSchema, TaskPatchSchema } from "~/tasks/task-schema";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("task input", () => {
  it("trims the title, normalises line breaks and fills defaults", () => {
    expect(TaskInputSchema.parse({ title: "  Plan trip  ", description: "a\r\nb", category: "  " })).toEqual({
      title: "Plan trip",
      description: "a\nb",
      priority: "medium",
      category: null,
      dueDate: null,
      dueTime: null,
      completed: false,
      labels: [],
      steps: [],
      repeat: null,
    });
  });

  it.each([
    [{ title: "   " }, "Title is required"],
    [{ title: "x".repeat(201) }, "Title must be at most 200 characters"],
    [{ title: "nul\u0000byte" }, "Title cannot contain control characters"],
    [{ title: "ok", description: "bell\u0007" }, "Description cannot contain control characters"],
    [{ title: "ok", description: "x".repeat(5001) }, "Description must be at most 5000 characters"],
    [{ title: "ok", category: "c".repeat(51) }, "Category must be at most 50 characters"],
    [{ title: "ok", category: "tab\there" }, "Category cannot contain control characters"],
    [{ title: "ok", priority: "urgent" }, "Priority must be low, medium or high"],
    [{ title: "ok", dueDate: "2027-02-30" }, "Due date must be a real calendar date"],
    [{ title: "ok", dueDate: "tomorrow" }, "Due date must be a date (YYYY-MM-DD)"],
    [{ title: 42 }, "Title is required"],
  ])("refuses %j with a field message", (body, message) => {
    expect(messages(TaskInputSchema.safeParse(body))).toContain(message);
  });

  it("gives a malformed due date one message, not two", () => {
    const result = TaskInputSchema.safeParse({ title: "ok", dueDate: "31/12/2027" });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["Due date must be a date (YYYY-MM-DD)"]);
  });

  it("keeps tabs and newlines in the description", () => {
    expect(TaskInputSchema.parse({ title: "ok", description: "a\tb\nc" }).description).toBe("a\tb\nc");
  });

  it("refuses unknown fields", () => {
    expect(TaskInputSchema.safeParse({ title: "ok", owner: "someone" }).success).toBe(false);
    expect(TaskPatchSchema.safeParse({ userId: "x" }).success).toBe(false);
  });

  it("accepts leap days", () => {
    expect(TaskInputSchema.parse({ title: "ok", dueDate: "2028-02-29" }).dueDate).toBe("2028-02-29");
  });
});

describe("list query from the URL", () => {
  it("falls back to defaults for values it does not know", () => {
    expect(
      readTaskListQuery(new URLSearchParams("status=weird&sort=title&order=sideways&priority=high&q=%20milk%20")),
    ).toEqual({
      status: "all",
      sort: "title",
      order: undefined,
      priority: "high",
      category: undefined,
      label: [],
      q: "milk",
    });
  });
});
