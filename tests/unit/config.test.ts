import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, ConfigError, parseConfig } from "~/config.server";

const secret = "s".repeat(32);

describe("parseConfig", () => {
  it("applies the documented defaults", () => {
    const config = parseConfig({ DATA_DIR: "memory://" });
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_POOL_MAX: 10,
      BETTER_AUTH_URL: "http://localhost:3000",
      LOG_LEVEL: "info",
      TRUST_PROXY: 0,
      JWT_EXPIRES_IN: 900,
      generatedSecret: true,
    });
    expect(config.BETTER_AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("documents every variable in the README's table and in .env.example", () => {
    const readme = readFileSync("README.md", "utf8");
    const example = readFileSync(".env.example", "utf8");
    for (const name of CONFIG_VARIABLES) {
      expect(readme, `README table row for ${name}`).toMatch(new RegExp(`^\\| [^|]*\`${name}\`[ ,|]`, "m"));
      expect(example, `.env.example line for ${name}`).toMatch(new RegExp(`^#? ?${name}=`, "m"));
    }
  });

  it("follows PORT in the default BETTER_AUTH_URL and treats empty values as unset", () => {
    const config = parseConfig({ DATA_DIR: "memory://", PORT: "8080", BETTER_AUTH_URL: "" });
    expect(config.BETTER_AUTH_URL).toBe("http://localhost:8080");
  });

  it("runs one process by default and refuses more than one on the embedded database", () => {
    expect(parseConfig({ DATA_DIR: "memory://" }).WEB_CONCURRENCY).toBe(1);
    expect(
      parseConfig({ DATABASE_URL: "postgres://localhost/db", BETTER_AUTH_SECRET: secret, WEB_CONCURRENCY: "4" })
        .WEB_CONCURRENCY,
    ).toBe(4);
    expect(() => parseConfig({ DATA_DIR: "memory://", WEB_CONCURRENCY: "2" })).toThrow(
      'Invalid configuration: WEB_CONCURRENCY must be 1 with the embedded database (set DATABASE_URL to run several workers) (got "2")',
    );
  });

  it("requires a secret with DATABASE_URL", () => {
    expect(() => parseConfig({ DATABASE_URL: "postgres://localhost/db" })).toThrow(ConfigError);
    expect(parseConfig({ DATABASE_URL: "postgres://localhost/db", BETTER_AUTH_SECRET: secret }).generatedSecret).toBe(
      false,
    );
  });

  it("names the variable and what it expects", () => {
    expect(() => parseConfig({ DATA_DIR: "memory://", DATABASE_POOL_MAX: "0" })).toThrow(
      /^Invalid configuration: DATABASE_POOL_MAX must be at least 1/,
    );
    expect(() => parseConfig({ DATA_DIR: "memory://", BETTER_AUTH_URL: "ftp://x" })).toThrow(
      /BETTER_AUTH_URL must be an http/,
    );
    // A bare name once worked; Better Auth's OAuth provider then failed at start-up (a crash, not a line).
    expect(() => parseConfig({ DATA_DIR: "memory://", JWT_ISSUER: "tasklane" })).toThrow(
      /JWT_ISSUER must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(() => parseConfig({ DATA_DIR: "memory://", JWT_AUDIENCE: "tasklane" })).toThrow(
      /JWT_AUDIENCE must be an http:\/\/ or https:\/\/ URL/,
    );
  });

  it("keeps the metrics off unless METRICS_PORT is set, and on this machine unless METRICS_HOST says otherwise", () => {
    const config = parseConfig({ DATA_DIR: "memory://" });
    expect(config.METRICS_PORT).toBeUndefined();
    expect(config.METRICS_HOST).toBe("127.0.0.1");
    expect(parseConfig({ DATA_DIR: "memory://", METRICS_PORT: "9464" })).toMatchObject({ METRICS_PORT: 9464 });
    expect(() => parseConfig({ DATA_DIR: "memory://", METRICS_PORT: "metrics" })).toThrow(
      /^Invalid configuration: METRICS_PORT must be a number/,
    );
  });

  it("reads the mail settings, never echoing the SMTP URL (it may carry a password)", () => {
    const config = parseConfig({ DATA_DIR: "memory://", BETTER_AUTH_URL: "https://tasks.example.com" });
    expect(config).toMatchObject({
      MAIL_FROM: "Tasklane <no-reply@tasks.example.com>",
      REQUIRE_EMAIL_VERIFICATION: false,
    });
    expect(config.SMTP_URL).toBeUndefined();
    const configured = parseConfig({
      DATA_DIR: "memory://",
      SMTP_URL: "smtps://user:pass@smtp.example.com:465",
      MAIL_FROM: "Tasks <tasks@example.com>",
      REQUIRE_EMAIL_VERIFICATION: "true",
    });
    expect(configured).toMatchObject({ MAIL_FROM: "Tasks <tasks@example.com>", REQUIRE_EMAIL_VERIFICATION: true });

    const wrongScheme = () => parseConfig({ DATA_DIR: "memory://", SMTP_URL: "http://user:hunter2@smtp.example.com" });
    expect(wrongScheme).toThrow(
      /^Invalid configuration: SMTP_URL must be an smtp:\/\/ \(STARTTLS\) or smtps:\/\/ \(TLS\) URL \(got \d+ characters\)$/,
    );
    expect(() => parseConfig({ DATA_DIR: "memory://", MAIL_FROM: "a@example.com\r\nBcc: x@evil.example" })).toThrow(
      /MAIL_FROM must be one line/,
    );
    expect(() => parseConfig({ DATA_DIR: "memory://", MAIL_FROM: "nobody" })).toThrow(/MAIL_FROM must be an address/);
    expect(() => parseConfig({ DATA_DIR: "memory://", REQUIRE_EMAIL_VERIFICATION: "yes" })).toThrow(
      /REQUIRE_EMAIL_VERIFICATION must be one of .*true, false/,
    );
  });
});
