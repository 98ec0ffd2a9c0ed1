// The import boundaries of eslint.config.js (decision 070), tried on probe files that lint
// sees at real paths: each upward import is refused and each downward one passes. It also
// fails if the resolver stops finding files, which would otherwise let every import through.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  return result!.messages
    .filter((message) => message.ruleId === "boundaries/dependencies")
    .map((message) => message.message);
}

describe("import boundaries", { timeout: 60_000 }, () => {
  it.each([
    ["db/ imports app code", "db/probe.ts", 'import "../app/config.server";'],
    ["a feature imports a route", "app/tasks/probe.ts", 'import "~/routes/tasks";'],
    ["a feature imports a route by a relative path", "app/labels/probe.ts", 'import "../routes/labels";'],
    ["a feature imports the JSON API's glue", "app/labels/probe.ts", 'import "~/api/cors.server";'],
    ["app/ui imports a feature", "app/ui/probe.tsx", 'import "~/tasks/priority";'],
    ["a platform module imports a feature", "app/probe.server.ts", 'import "~/tasks/tasks.server";'],
    ["a feature imports another's private module", "app/tasks/probe.ts", 'import "~/auth/schemas";'],
    ["a route imports the document", "app/routes/probe.tsx", 'import "~/root";'],
    ["a platform module imports the document", "app/probe.server.ts", 'import "./root";'],
  ])("refuses: %s", async (_name, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([expect.stringContaining("imports point down")]);
  });

  it.each([
    [
      "a route imports a feature, the API glue and the platform",
      "app/routes/probe.ts",
      'import "~/tasks/task-row";\nimport "~/api/handler.server";\nimport "~/flash.server";',
    ],
    [
      "a feature imports its own modules, another's face, platform, ui and db",
      "app/tasks/probe.ts",
      'import "./priority";\nimport "~/labels/label-schema";\nimport "~/audit.server";\nimport "~/ui/button";\nimport "../../db/values";',
    ],
    [
      "a platform module imports the database and ui",
      "app/probe.server.ts",
      'import "~/db/sql";\nimport "~/ui/error-page";\nimport "../db/schema";',
    ],
  ])("allows: %s", async (_name, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
