// PostgreSQL error codes, read the same way from node-postgres and PGlite (drizzle may wrap
// the driver's error in its own, with the original as `cause`).

export const FOREIGN_KEY_VIOLATION = "23503";
export const UNIQUE_VIOLATION = "23505";

export function hasErrorCode(error: unknown, code: string): boolean {
  const codeOf = (value: unknown) => (value as { code?: unknown } | null)?.code;
  return codeOf(error) === code || codeOf((error as { cause?: unknown } | null)?.cause) === code;
}
