// Personal API keys: created and revoked from the settings page, presented by programs as
// `Authorization: Bearer tl_…` on any /api route (decision 015). The secret is 256 random
// bits; only its SHA-256 hash is stored, so each request costs one indexed lookup of that
// hash (no cache: a revoked key is refused by every process at once).
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { apiKey, user } from "../../db/schema";
import { type AuditEntry, recordAuditEvent } from "~/audit.server";
import { db } from "~/db.server";
import { logger } from "~/logger.server";
import { apiKeyCreatedNotice } from "~/mail/messages.server";
import { enqueueMail } from "~/mail/outbox.server";
import { API_KEY_PREFIX, type ApiKeyScope, SCOPE_LABELS, TOKEN_SCOPES, type TokenScope } from "./key-rules";

const SECRET_BYTES = 32;
/** The prefix and 43 base64url characters (256 bits): anything else is refused without a query. */
const KEY_SHAPE = new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{43}$`);
/** How much of a key the owner sees again in the list: the prefix and 6 characters (36 bits). */
const VISIBLE_LENGTH = API_KEY_PREFIX.length + 6;
/** Last used is written at most this often per key. */
const LAST_USED_PRECISION_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Who made the change, for the audit log. */
type Actor = Pick<AuditEntry, "ipAddress" | "userAgent">;

/** Anything that starts like one of our keys (the rest of the API reads the others as JWTs). */
export function looksLikeApiKey(bearer: string): boolean {
  return bearer.startsWith(API_KEY_PREFIX);
}

function hashKey(key: string): string {
  // A plain hash is enough: the secret is 256 random bits, so there is nothing to guess.
  return createHash("sha256").update(key).digest("base64url");
}

export interface ApiKeyView {
  id: string;
  name: string;
  scope: ApiKeyScope;
  start: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
}

const viewColumns = {
  id: apiKey.id,
  name: apiKey.name,
  scope: apiKey.scope,
  start: apiKey.start,
  createdAt: apiKey.createdAt,
  lastUsedAt: apiKey.lastUsedAt,
  expiresAt: apiKey.expiresAt,
};

/**
 * Makes a key and tells its owner by mail. The returned `key` is the only copy of the secret:
 * the page shows it once.
 */
export async function createApiKey(
  owner: { id: string; name: string; email: string },
  input: { name: string; scope: ApiKeyScope; lifetimeDays: number },
  actor: Actor,
): Promise<{ key: string; view: ApiKeyView }> {
  const key = API_KEY_PREFIX + randomBytes(SECRET_BYTES).toString("base64url");
  const [view] = await db
    .insert(apiKey)
    .values({
      userId: owner.id,
      name: input.name,
      scope: input.scope,
      start: key.slice(0, VISIBLE_LENGTH),
      keyHash: hashKey(key),
      expiresAt: new Date(Date.now() + input.lifetimeDays * DAY_MS),
    })
    .returning(viewColumns);
  await recordAuditEvent({
    event: "api-key-created",
    userId: owner.id,
    email: owner.email,
    ...actor,
    details: { keyId: view!.id, name: view!.name, start: view!.start, scope: view!.scope },
  });
  await enqueueMail(
    apiKeyCreatedNotice(owner, {
      name: view!.name,
      start: view!.start,
      scopeLabel: SCOPE_LABELS[view!.scope],
      expiresAt: view!.expiresAt,
    }),
  );
  return { key, view: view! };
}

/** The user's keys, newest first (expired ones too, until revoked). */
export async function listApiKeys(userId: string): Promise<ApiKeyView[]> {
  return db
    .select(viewColumns)
    .from(apiKey)
    .where(eq(apiKey.userId, userId))
    .orderBy(desc(apiKey.createdAt), desc(apiKey.id));
}

/** Revokes one of the user's keys; false when no such key belongs to the user. */
export async function revokeApiKey(
  owner: { id: string; email: string },
  keyId: string,
  actor: Actor,
): Promise<boolean> {
  const [revoked] = await db
    .delete(apiKey)
    .where(and(eq(apiKey.id, keyId), eq(apiKey.userId, owner.id)))
    .returning({ id: apiKey.id, name: apiKey.name, start: apiKey.start });
  if (!revoked) return false;
  await recordAuditEvent({
    event: "api-key-revoked",
    userId: owner.id,
    email: owner.email,
    ...actor,
    details: { keyId: revoked.id, name: revoked.name, start: revoked.start },
  });
  return true;
}

/** Revokes every key of the user (a password change or reset can ask for it); returns how many. */
export async function revokeAllApiKeys(owner: { id: string; email: string | null }, actor: Actor): Promise<number> {
  const revoked = await db.delete(apiKey).where(eq(apiKey.userId, owner.id)).returning({ id: apiKey.id });
  if (revoked.length > 0) {
    await recordAuditEvent({
      event: "api-key-revoked",
      userId: owner.id,
      email: owner.email,
      ...actor,
      details: { all: true, count: revoked.length },
    });
  }
  return revoked.length;
}

/** Who a valid key speaks for, and what it may do. */
export interface KeySubject {
  userId: string;
  email: string;
  keyId: string;
  scope: ApiKeyScope;
  scopes: readonly TokenScope[];
}

// Every API request with a key runs this: prepared once, one indexed probe (api_key_hash_idx)
// joined with the owner (for the email a minted JWT carries).
const selectKeyByHash = db
  .select({
    keyId: apiKey.id,
    userId: apiKey.userId,
    scope: apiKey.scope,
    expiresAt: apiKey.expiresAt,
    lastUsedAt: apiKey.lastUsedAt,
    email: user.email,
  })
  .from(apiKey)
  .innerJoin(user, eq(user.id, apiKey.userId))
  .where(eq(apiKey.keyHash, sql.placeholder("keyHash")))
  .limit(1)
  .prepare("api_key_by_hash");

// Several processes may see a key's first use in a minute: the condition lets one write.
const touchKey = db
  .update(apiKey)
  .set({ lastUsedAt: sql`now()` })
  .where(
    and(
      eq(apiKey.id, sql.placeholder("keyId")),
      or(isNull(apiKey.lastUsedAt), lte(apiKey.lastUsedAt, sql`now() - interval '1 minute'`)),
    ),
  )
  .prepare("api_key_touch");

/** Keys this process is writing last-used for right now (so a burst sends one UPDATE). */
const touching = new Set<string>();

/**
 * The key's subject, or null for a key that is malformed, unknown (forged, revoked, its
 * account deleted) or expired. Database failures are thrown (the route answers 503).
 */
export async function authenticateApiKey(key: string): Promise<KeySubject | null> {
  if (!KEY_SHAPE.test(key)) return null;
  const [row] = await selectKeyByHash.execute({ keyHash: hashKey(key) });
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  if (
    (row.lastUsedAt === null || Date.now() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) &&
    !touching.has(row.keyId)
  ) {
    touching.add(row.keyId);
    // Not awaited: the request does not wait for bookkeeping, and a failure only loses a timestamp.
    touchKey
      .execute({ keyId: row.keyId })
      .catch((error: unknown) =>
        logger.warn({ err: error instanceof Error ? error.message : error }, "api key last-used write failed"),
      )
      .finally(() => touching.delete(row.keyId));
  }
  return { userId: row.userId, email: row.email, keyId: row.keyId, scope: row.scope, scopes: TOKEN_SCOPES[row.scope] };
}

/** Which of these keys still stand (not revoked, not expired): open event streams ask (decision 127). */
export async function standingApiKeys(keyIds: readonly string[]): Promise<Set<string>> {
  if (keyIds.length === 0) return new Set();
  const rows = await db
    .select({ id: apiKey.id })
    .from(apiKey)
    .where(and(inArray(apiKey.id, [...keyIds]), gt(apiKey.expiresAt, sql`now()`)));
  return new Set(rows.map((row) => row.id));
}
