// What a database error means, read the same way from node-postgres and PGlite (Drizzle may
// wrap the driver's error in its own, with the original as `cause`).

export const NOT_NULL_VIOLATION = "23502";
export const FOREIGN_KEY_VIOLATION = "23503";
export const UNIQUE_VIOLATION = "23505";
export const CHECK_VIOLATION = "23514";

/** The constraint a violation names (node-postgres: `constraint`; PGlite: `constraint` too). */
export function violatedConstraint(error: unknown): string | undefined {
  const of = (value: unknown) => (value as { constraint?: unknown } | null)?.constraint;
  const name = of(error) ?? of((error as { cause?: unknown } | null)?.cause);
  return typeof name === "string" ? name : undefined;
}

export function hasErrorCode(error: unknown, code: string): boolean {
  const codeOf = (value: unknown) => (value as { code?: unknown } | null)?.code;
  return codeOf(error) === code || codeOf((error as { cause?: unknown } | null)?.cause) === code;
}

// The one rule that tells a database outage (retry later: 503) from a bug (500). Decision 012.

// Node's socket errors when the server cannot be reached or the connection drops.
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

// SQLSTATEs that mean "not now" rather than "wrong query": the server is stopping or
// starting, has no connection to spare, or cancelled a statement at DATABASE_TIMEOUT_MS.
// (Class 08, connection exceptions, is matched as a whole below.)
const UNAVAILABLE_SQLSTATES: Record<string, string> = {
  "57P01": "admin shutdown",
  "57P02": "crash shutdown",
  "57P03": "cannot connect now",
  "53300": "too many connections",
  "57014": "statement timeout",
};

// node-postgres reports these as plain Errors without a code.
const UNAVAILABLE_MESSAGES: [RegExp, string][] = [
  [/^Connection terminated/, "connection terminated"],
  [/^timeout exceeded when trying to connect/, "pool timeout"],
  [/^Query read timeout/, "query timeout"],
  [/not queryable/, "connection lost"],
  [/^Cannot use a pool after calling end/, "pool closed"],
];

/**
 * Why `error` means the database is unreachable or refusing work (a short label for the
 * log), or null for any other error. Looks through wrappers (Drizzle's query error, Better
 * Auth's, the AggregateError of a host with several addresses) to the driver's error.
 */
export function databaseOutageReason(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 5) return null;
  const { code, message, cause, errors } = error as Partial<Record<"code" | "message" | "cause" | "errors", unknown>>;
  // PgBouncer accepts the client, then finds no server to hand it (class 08 too, but worth naming).
  if (typeof message === "string" && /cannot connect to server|server login has been failing/.test(message)) {
    return `the connection pooler is up but cannot reach its database server (${message})`;
  }
  if (typeof code === "string") {
    if (UNREACHABLE_CODES.has(code)) return code;
    if (code in UNAVAILABLE_SQLSTATES) return `${code} ${UNAVAILABLE_SQLSTATES[code]}`;
    if (/^08[0-9A-Z]{3}$/.test(code)) return `${code} connection exception`;
  }
  if (typeof message === "string") {
    for (const [pattern, label] of UNAVAILABLE_MESSAGES) if (pattern.test(message)) return label;
  }
  for (const inner of Array.isArray(errors) ? errors : []) {
    const reason = databaseOutageReason(inner, depth + 1);
    if (reason) return reason;
  }
  return databaseOutageReason(cause, depth + 1);
}

/**
 * Why the database refused this process for good (waiting will not help), as one line for
 * the operator, or null for any other error: a startup parameter a pooler does not accept,
 * or credentials the server or the pooler refuses.
 */
export function databaseRefusal(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 5) return null;
  const { code, message, cause } = error as Partial<Record<"code" | "message" | "cause", unknown>>;
  const text = typeof message === "string" ? message : "";
  const parameter = /unsupported startup parameter:\s*(\S+)/.exec(text)?.[1];
  if (parameter) {
    return `a connection pooler refused the startup parameter ${parameter} (${text}): remove it from the database URL, or list it in the pooler's ignore_startup_parameters`;
  }
  // PgBouncer reports its own refusals as 08P01, with the server's words.
  if (
    code === "28P01" ||
    code === "28000" ||
    /password authentication failed|SASL authentication failed|^no such user/.test(text)
  ) {
    return `the database refused the credentials in the database URL (${typeof code === "string" ? `${code} ` : ""}${text})`;
  }
  return databaseRefusal(cause, depth + 1);
}

/** Every kind statementErrorKind gives (the metrics show each from 0, so a rate can be read at once). */
export const STATEMENT_ERROR_KINDS = [
  "timeout",
  "unavailable",
  "unique_violation",
  "foreign_key_violation",
  "integrity_violation",
  "serialization_failure",
  "data_exception",
  "syntax_or_access",
  "other",
] as const;

/**
 * A statement error's kind, for the metrics (a few fixed words): the outage rule above first
 * ("unavailable", or "timeout" for a statement cancelled at DATABASE_TIMEOUT_MS), then the
 * SQLSTATE classes that mean something different to an operator.
 */
export function statementErrorKind(error: unknown): (typeof STATEMENT_ERROR_KINDS)[number] {
  const code =
    (error as { code?: unknown } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (code === "57014") return "timeout";
  if (databaseOutageReason(error)) return "unavailable";
  if (code === UNIQUE_VIOLATION) return "unique_violation";
  if (code === FOREIGN_KEY_VIOLATION) return "foreign_key_violation";
  if (typeof code !== "string") return "other";
  if (code.startsWith("23")) return "integrity_violation";
  if (code === "40001" || code === "40P01") return "serialization_failure";
  if (code.startsWith("22")) return "data_exception";
  if (code.startsWith("42")) return "syntax_or_access";
  return "other";
}
