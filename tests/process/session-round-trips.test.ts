// A signed-in page costs one database round trip for the session: the layout and the page
// share one lookup, and Better Auth fetches the session with its user in one joined query; a
// short list, one statement.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort, startServer, waitForStatus } from "../support/server-process";

const dataDir = mkdtempSync(path.join(tmpdir(), "tasklane-trips-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface LogLine {
  msg: string;
  sql?: string;
  path?: string;
}

it("signed-in pages read the session once, user included", async () => {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const server = startServer({ DATA_DIR: dataDir, LOG_LEVEL: "trace", BETTER_AUTH_URL: url }, port);
  try {
    await waitForStatus(`${server.url}/readyz`);
    const signUp = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url },
      body: JSON.stringify({ name: "Counter", email: "counter@example.test", password: "Str0ng!Passw0rd" }),
    });
    expect(signUp.status).toBe(200);
    const cookie = signUp.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");

    for (const pagePath of ["/tasks", "/tasks?status=pending&sort=title", "/settings"]) {
      const before = server.output().length;
      const page = await fetch(`${server.url}${pagePath}`, { headers: { cookie }, redirect: "manual" });
      expect(page.status).toBe(200);
      await page.text();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const lines = server
        .output()
        .slice(before)
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as LogLine);
      const sessionQueries = lines.filter(
        (line) => line.msg === "query" && /from "session".*where .*"session"."token" = /.test(line.sql ?? ""),
      );
      expect(sessionQueries, pagePath).toHaveLength(1);
      // The user comes in the same statement (a lateral join), not in a second query.
      expect(sessionQueries[0]!.sql).toMatch(/join lateral .*from "user"/);
      if (pagePath === "/tasks") {
        // A list shorter than a page, unfiltered, newest first: one statement, not decision 076's
        // window and then the statement over every match.
        const lists = lines.filter(
          (line) => line.msg === "query" && /"created_at" desc, .*"id" desc limit/.test(line.sql ?? ""),
        );
        expect(lists, pagePath).toHaveLength(1);
      }
    }
  } finally {
    await server.stop();
  }
});
