// The rules of personal API keys that pages and routes share: one home for each. The scopes
// a key may hold live in db/values.ts with the table's check.
import { type ApiKeyScope, API_KEY_SCOPES } from "../../db/values";

export { type ApiKeyScope, API_KEY_SCOPES };

/** Every key starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = "tl_";

/** The OAuth-style scopes a request made with a key (or a JWT minted from one) carries. */
export const TOKEN_SCOPES = {
  read: ["tasks:read"],
  write: ["tasks:read", "tasks:write"],
} as const satisfies Record<ApiKeyScope, readonly string[]>;
export type TokenScope = (typeof TOKEN_SCOPES)[ApiKeyScope][number];

/** The scope every write (POST, PUT, PATCH, DELETE) under /api needs. */
export const WRITE_SCOPE: TokenScope = "tasks:write";

/** Sessions, and JWTs minted from a session (no `scope` claim), may do everything. */
export const FULL_ACCESS: readonly TokenScope[] = TOKEN_SCOPES.write;

export const SCOPE_LABELS: Record<ApiKeyScope, string> = { read: "Read", write: "Read and write" };

/** How long a new key lives, in days: the choices the settings form offers. */
export const API_KEY_LIFETIMES_DAYS = [30, 90, 365] as const;
