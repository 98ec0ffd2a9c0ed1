import { describe, expect, it } from "vitest";
import { startServer } from "../support/server-process";

describe("a bad configuration stops the server with one line", () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ["PORT that is not a number", { PORT: "eighty" }, /^Invalid configuration: PORT must be/],
    [
      "DATABASE_URL that is not a postgres URL",
      { DATABASE_URL: "mysql://x", BETTER_AUTH_SECRET: "x".repeat(40) },
      /^Invalid configuration: DATABASE_URL must be a postgres/,
    ],
    [
      "DATABASE_URL without BETTER_AUTH_SECRET",
      { DATABASE_URL: "postgres://localhost/x" },
      /^Invalid configuration: BETTER_AUTH_SECRET is required when DATABASE_URL is set/,
    ],
    [
      "BETTER_AUTH_SECRET shorter than 32 characters",
      { BETTER_AUTH_SECRET: "short" },
      /^Invalid configuration: BETTER_AUTH_SECRET must be at least 32 characters/,
    ],
    [
      "LOG_LEVEL outside the list",
      { LOG_LEVEL: "loud" },
      /^Invalid configuration: LOG_LEVEL must be one of fatal, error/,
    ],
    [
      "WEB_CONCURRENCY of 0",
      { WEB_CONCURRENCY: "0" },
      /^Invalid configuration: WEB_CONCURRENCY must be at least 1 \(got "0"\)$/,
    ],
    [
      "WEB_CONCURRENCY below 0",
      { WEB_CONCURRENCY: "-1" },
      /^Invalid configuration: WEB_CONCURRENCY must be at least 1 \(got "-1"\)$/,
    ],
    [
      "WEB_CONCURRENCY that is not a number",
      { WEB_CONCURRENCY: "abc" },
      /^Invalid configuration: WEB_CONCURRENCY must be a number \(got "abc"\)$/,
    ],
    [
      "WEB_CONCURRENCY above 1 with the embedded database",
      { WEB_CONCURRENCY: "2" },
      /^Invalid configuration: WEB_CONCURRENCY must be 1 with the embedded database \(set DATABASE_URL/,
    ],
  ];

  it.each(cases)("%s", async (_name, env, message) => {
    const server = startServer({ DATA_DIR: "memory://", ...env });
    const code = await server.exit;
    expect(code).toBe(1);
    const lines = server.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(server.stderr()).not.toMatch(/\bat .*\.js:\d+/);
  });
});
