import { defineConfig } from "vitest/config";

const integration = (name: string, driver: "pglite" | "postgres") => ({
  extends: true as const,
  test: {
    name,
    include: ["tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
    setupFiles: ["tests/support/database-setup.ts"],
    // One allowed browser origin, so the API's CORS rules have something to grant.
    env: { TEST_DB_DRIVER: driver, CORS_ORIGINS: "https://client.example.test" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    env: { LOG_LEVEL: "silent", NODE_ENV: "test" },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      integration("integration-pglite", "pglite"),
      // The same suite again on a real PostgreSQL server when one is configured.
      ...(process.env.TEST_DATABASE_URL ? [integration("integration-postgres", "postgres")] : []),
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
