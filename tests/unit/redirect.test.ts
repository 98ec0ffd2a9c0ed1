import { describe, expect, it } from "vitest";
import { pagePath, safeRedirectPath } from "~/safe-redirect";

describe("safeRedirectPath", () => {
  it.each(["/tasks", "/tasks?x=1", "/settings#sessions", "/tasks?filter=a%2Fb&sort=due"])("keeps %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

  it.each([
    "//evil.example",
    "//evil.example/tasks",
    "https://evil.example",
    "http://localhost:3000/tasks",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "tasks",
    "",
    "   ",
  ])("rejects %j and falls back to /tasks", (value) => {
    expect(safeRedirectPath(value)).toBe("/tasks");
  });

  it("falls back for missing or non-string values, to the given default", () => {
    expect(safeRedirectPath(undefined)).toBe("/tasks");
    expect(safeRedirectPath(null)).toBe("/tasks");
    expect(safeRedirectPath(["/tasks"])).toBe("/tasks");
    expect(safeRedirectPath("//evil.example", "/")).toBe("/");
  });
});

describe("pagePath", () => {
  it.each([
    ["http://x/settings.data", "/settings"],
    ["http://x/tasks.data?status=pending&_routes=routes%2Ftasks", "/tasks?status=pending"],
    ["http://x/_root.data", "/"],
    ["http://x/tasks?page=2", "/tasks?page=2"],
  ])("sends %s back to the page %s", (url, expected) => {
    expect(pagePath(new URL(url))).toBe(expected);
  });

  it("cleans data URLs that reach ?redirectTo= from old links", () => {
    expect(safeRedirectPath("/settings.data")).toBe("/settings");
  });
});
