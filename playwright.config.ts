import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://localhost:${port}`;
// The test SMTP server next to the app (tests/e2e/support/mail-server.ts; mail.ts reads it).
const mailSmtpPort = port + 10;
const mailHttpPort = port + 11;
// A fresh embedded database for every run (evaluated once, in the main process, for webServer).
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "tasklane-e2e-"));

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  // One retry on CI, where two cores run the server, PostgreSQL and two browsers at once;
  // a test that needs it is reported as flaky, not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? "line" : "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: { baseURL, trace: "retain-on-failure" },
  projects: [
    { name: "js-on", use: { ...chromium } },
    // Tests tagged @js-only check behaviour that only exists with JavaScript.
    { name: "js-off", use: { ...chromium, javaScriptEnabled: false }, grepInvert: /@js-only/ },
  ],
  webServer: [
    {
      command: "npx tsx tests/e2e/support/mail-server.ts",
      url: `http://127.0.0.1:${mailHttpPort}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { MAIL_SMTP_PORT: String(mailSmtpPort), MAIL_HTTP_PORT: String(mailHttpPort) },
    },
    {
      command: "node server.js",
      url: `${baseURL}/readyz`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORT: String(port),
        DATA_DIR: dataDir,
        BETTER_AUTH_URL: baseURL,
        LOG_LEVEL: "warn",
        // Every e2e test signs in from 127.0.0.1: keep the sign-in limiter out of their way.
        AUTH_RATE_LIMIT: "10000",
        SMTP_URL: `smtp://127.0.0.1:${mailSmtpPort}`,
        // The webhook tests' receivers listen on http://127.0.0.1 (decision 120).
        WEBHOOK_ALLOW_HTTP: "true",
        WEBHOOK_ALLOW_PRIVATE: "true",
      },
    },
  ],
});
