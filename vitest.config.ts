import { existsSync } from "node:fs";
import { defineConfig } from "vitest/config";

const integration = (
  name: string,
  driver: "pglite" | "postgres" | "pooled",
  include = ["tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
) => ({
  extends: true as const,
  test: {
    name,
    include,
    setupFiles: ["tests/support/database-setup.ts"],
    // The migrated database each file copies (decision 132); through PgBouncer, none: each file migrates.
    globalSetup: [
      driver === "pooled"
        ? "tests/support/pgbouncer-global-setup.ts"
        : "tests/support/database-template-global-setup.ts",
    ],
    // One allowed browser origin, so the API's CORS rules have something to grant.
    env: { TEST_DB_DRIVER: driver, CORS_ORIGINS: "https://client.example.test" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

const pgbouncer = existsSync("/usr/sbin/pgbouncer");
if (process.env.TEST_DATABASE_URL && !pgbouncer) {
  console.warn(
    "integration-pooled skipped: /usr/sbin/pgbouncer is not installed (apt-get install pgbouncer; .ci/run does)",
  );
}

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    env: { LOG_LEVEL: "silent", NODE_ENV: "test" },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      integration("integration-pglite", "pglite"),
      // The same suite again on a real PostgreSQL server when one is configured.
      ...(process.env.TEST_DATABASE_URL ? [integration("integration-postgres", "postgres")] : []),
      // The start-up, outbox, API and rate-limit files once more through PgBouncer in transaction
      // mode (issue 40), where it is installed (tests/process/pooler.test.ts says when it is not).
      ...(process.env.TEST_DATABASE_URL && pgbouncer
        ? [
            integration("integration-pooled", "pooled", [
              "tests/integration/database.test.ts",
              "tests/integration/mail-outbox.test.ts",
              "tests/integration/reminders.test.ts",
              "tests/integration/api-tasks.test.ts",
              "tests/integration/api-tasks-bulk.test.ts",
              "tests/integration/api-rate-limit.test.ts",
              "tests/integration/shared-budget.test.ts",
              "tests/integration/tasks-data.test.ts",
              "tests/integration/events.test.ts",
            ]),
          ]
        : []),
      {
        extends: true,
        test: {
          name: "process",
          include: ["tests/process/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
