import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** `DATA_DIR=memory://` keeps the embedded database in memory (tests). */
export const IN_MEMORY = "memory://";

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );

const port = z.coerce.number().int().min(0).max(65535);

/** "true"/"false" (and 1/0), not z.coerce.boolean(), which reads "false" as true. */
const flag = z
  .enum(["true", "false", "1", "0"])
  .default("false")
  .transform((value) => value === "true" || value === "1");

// No CR or LF: the address goes into a mail header as it is.
const mailFrom = z
  .string()
  .max(320)
  .regex(/^[^\r\n]+$/, "one line")
  .refine((value) => /<[^<>\s]+@[^<>\s]+>$|^[^<>\s]+@[^<>\s]+$/.test(value.trim()), {
    error: 'an address, like tasks@example.com or "Tasklane <tasks@example.com>"',
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: port.default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "a postgres:// or postgresql:// URL" }).optional(),
  // The server itself, for work that needs a session when DATABASE_URL is a pooler (decision 065).
  DATABASE_DIRECT_URL: z.url({ protocol: /^postgres(ql)?$/, error: "a postgres:// or postgresql:// URL" }).optional(),
  // What sits between the app and PostgreSQL (decision 064): "none" (a direct connection, or a
  // session-mode pooler) allows named statements and the timeout as a startup parameter.
  DATABASE_POOLER: z.enum(["transaction", "prepared", "none"]).default("transaction"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  // Worker processes sharing the port (server/workers.ts); each has its own pool.
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(1),
  DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  DATABASE_STARTUP_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  DATA_DIR: z.string().min(1).default("./data"),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  BETTER_AUTH_SECRET: z
    .string()
    .min(32, "at least 32 characters (generate one with `openssl rand -base64 32`)")
    .optional(),
  BETTER_AUTH_URL: z.url({ protocol: /^https?$/, error: "an http:// or https:// URL" }).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  ALLOWED_ACTION_ORIGINS: commaList,
  CORS_ORIGINS: commaList,
  JWT_EXPIRES_IN: z.coerce.number().int().min(30).max(86_400).default(900),
  // URLs, not just names: connected apps read the issuer as the authorization server's (RFC 8414)
  // and the audience as the protected resource's (RFC 9728); Better Auth's OAuth provider refuses to start otherwise.
  JWT_ISSUER: z.url({ protocol: /^https?$/, error: "an http:// or https:// URL (the OAuth issuer)" }).optional(),
  JWT_AUDIENCE: z
    .url({ protocol: /^https?$/, error: "an http:// or https:// URL (the API as an OAuth resource)" })
    .optional(),
  API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  AUTH_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  INVITATIONS_PER_DAY: z.coerce.number().int().min(1).default(50),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "an smtp:// (STARTTLS) or smtps:// (TLS) URL" }).optional(),
  MAIL_FROM: mailFrom.optional(),
  REQUIRE_EMAIL_VERIFICATION: flag,
  // RFC 7591 dynamic client registration at /api/auth/oauth2/register (decision 123): off unless an operator turns it on.
  OAUTH_DYNAMIC_REGISTRATION: flag,
  // How often each process's reminder scheduler looks for due reminders and digests (decision 106).
  REMINDER_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  // How long the event log keeps events: a stream resumes without gaps within it (decision 108).
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  // Webhooks (decision 120): http:// endpoint URLs, and addresses in private, loopback,
  // link-local and metadata ranges, are refused unless these allow them (tests, a private network).
  WEBHOOK_ALLOW_HTTP: flag,
  WEBHOOK_ALLOW_PRIVATE: flag,
  // Prometheus metrics on a listener of their own (server/metrics.ts, decision 074): unset = off.
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
});

/** Every variable the app reads (NODE_ENV aside, which the server sets): the README's table and .env.example list each. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape).filter((name) => name !== "NODE_ENV");

export type Config = Omit<z.infer<typeof EnvSchema>, "BETTER_AUTH_SECRET" | "BETTER_AUTH_URL" | "MAIL_FROM"> & {
  BETTER_AUTH_SECRET: string;
  BETTER_AUTH_URL: string;
  MAIL_FROM: string;
  /** True when the secret was generated and stored in DATA_DIR rather than configured. */
  generatedSecret: boolean;
};

export class ConfigError extends Error {}

const SECRET_VARIABLES = new Set(["BETTER_AUTH_SECRET", "DATABASE_URL", "DATABASE_DIRECT_URL", "SMTP_URL"]);

/** Parses the environment; throws a ConfigError whose message is one line naming the variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most .env loaders.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    // A secret (or a URL with a password in it) is never echoed, even when it is wrong.
    const got = SECRET_VARIABLES.has(name) ? `${(env[name] ?? "").length} characters` : JSON.stringify(env[name] ?? "");
    throw new ConfigError(`Invalid configuration: ${name} must be ${describe(issue)} (got ${got})`);
  }
  const parsed = result.data;
  if (parsed.DATABASE_URL && !parsed.BETTER_AUTH_SECRET) {
    throw new ConfigError(
      "Invalid configuration: BETTER_AUTH_SECRET is required when DATABASE_URL is set (at least 32 characters)",
    );
  }
  if (parsed.DATABASE_DIRECT_URL && !parsed.DATABASE_URL) {
    throw new ConfigError(
      "Invalid configuration: DATABASE_DIRECT_URL is set without DATABASE_URL (it is the pooled URL's direct twin)",
    );
  }
  // PGlite allows one process per data folder (decision 012): workers need a shared PostgreSQL.
  if (!parsed.DATABASE_URL && parsed.WEB_CONCURRENCY > 1) {
    throw new ConfigError(
      `Invalid configuration: WEB_CONCURRENCY must be 1 with the embedded database (set DATABASE_URL to run several workers) (got ${JSON.stringify(env.WEB_CONCURRENCY)})`,
    );
  }
  const generatedSecret = !parsed.BETTER_AUTH_SECRET;
  const baseUrl = (parsed.BETTER_AUTH_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, "");
  return {
    ...parsed,
    BETTER_AUTH_SECRET: parsed.BETTER_AUTH_SECRET ?? embeddedSecret(parsed.DATA_DIR),
    BETTER_AUTH_URL: baseUrl,
    MAIL_FROM: parsed.MAIL_FROM?.trim() ?? `Tasklane <no-reply@${new URL(baseUrl).hostname}>`,
    generatedSecret,
  };
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value" && "values" in issue) return `one of ${issue.values.join(", ")}`;
  if (issue.code === "too_small" && issue.message.startsWith("at least")) return issue.message;
  if (issue.code === "invalid_type") return `a ${issue.expected}`;
  if (issue.code === "too_small") return `at least ${issue.minimum}`;
  if (issue.code === "too_big") return `at most ${issue.maximum}`;
  return issue.message;
}

/** Where the embedded database's generated secret is kept (a backup carries it along). */
export const authSecretPath = (dataDir: string) => path.join(dataDir, "auth-secret");

/** With the embedded database the secret may be absent: make one once and keep it beside the data. */
function embeddedSecret(dataDir: string): string {
  if (dataDir === IN_MEMORY) return randomBytes(32).toString("base64url");
  const file = authSecretPath(dataDir);
  try {
    if (existsSync(file)) return readFileSync(file, "utf8").trim();
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret + "\n", { mode: 0o600 });
    return secret;
  } catch (error) {
    throw new ConfigError(dataDirProblem(dataDir, error));
  }
}

/** One line for a DATA_DIR the process cannot use (permissions, a file in the way, a read-only disk). */
export function dataDirProblem(dataDir: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const why =
    code === "EACCES" || code === "EPERM"
      ? "permission denied"
      : code === "EROFS"
        ? "read-only file system"
        : code === "ENOTDIR" || code === "EEXIST"
          ? "a file is in the way"
          : String((error as Error).message ?? error);
  return `Cannot use DATA_DIR ${path.resolve(dataDir)}: ${why}`;
}

function loadConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      // One line, no stack trace: the operator needs the variable name, nothing else.
      process.stderr.write(error.message + "\n");
      process.exit(1);
    }
    throw error;
  }
}

export const config: Config = loadConfig();

/** Where the app is served: the browser-facing origin. */
export const appOrigin = new URL(config.BETTER_AUTH_URL).origin;
export const servedOverHttps = appOrigin.startsWith("https://");

/**
 * Hosts whose pages may post to our actions (checked against the Origin header): the app's own,
 * whatever scheme a proxy in front reports, and ALLOWED_ACTION_ORIGINS.
 */
export const actionOriginHosts = [new URL(appOrigin).host, ...config.ALLOWED_ACTION_ORIGINS];

/** `iss` and `aud` of the API's JWTs: Better Auth signs them, app/api/jwt.server.ts checks them. */
export const apiTokenIssuer = config.JWT_ISSUER ?? appOrigin;
export const apiTokenAudience = config.JWT_AUDIENCE ?? appOrigin;
