// Connected apps (decision 123): the OAuth clients a person allowed, the per-request check that
// the grant still stands, and Disconnect. Better Auth's OAuth provider owns the protocol and its
// rows (`oauth_consent`, `oauth_refresh_token`, `oauth_access_token`); this module reads them
// and takes a grant back in one transaction.
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { connectedAppUse, oauthAccessToken, oauthClient, oauthConsent, oauthRefreshToken } from "../../db/schema";
import { type AuditEntry, recordAuditEvent } from "~/audit.server";
import { db } from "~/db.server";

type Actor = Pick<AuditEntry, "ipAddress" | "userAgent">;

/** Last used is written at most this often per person and app (as for API keys). */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * Which of these grants (`userId clientId`) still stand, as appGrantStands judges one, for
 * all of a process's open event streams at once (decision 127); writes no last-used time.
 */
export async function standingGrants(grants: readonly { userId: string; clientId: string }[]): Promise<Set<string>> {
  if (grants.length === 0) return new Set();
  const rows = await db
    .select({ userId: oauthConsent.userId, clientId: oauthConsent.clientId })
    .from(oauthConsent)
    .innerJoin(oauthClient, eq(oauthClient.clientId, oauthConsent.clientId))
    .where(
      and(
        inArray(oauthConsent.userId, [...new Set(grants.map((grant) => grant.userId))]),
        inArray(oauthConsent.clientId, [...new Set(grants.map((grant) => grant.clientId))]),
        or(isNull(oauthClient.disabled), eq(oauthClient.disabled, false)),
      ),
    );
  return new Set(rows.map((row) => `${row.userId} ${row.clientId}`));
}

/**
 * Whether the person's grant to the app still stands: a consent row for the pair, and the app
 * neither deleted nor disabled. One indexed probe per request (no cache, so a Disconnect in one
 * process refuses the app's next call in every process); the last-used time is written at most
 * once a minute.
 */
export async function appGrantStands(userId: string, clientId: string): Promise<boolean> {
  const [grant] = await db
    .select({ lastUsedAt: connectedAppUse.lastUsedAt })
    .from(oauthConsent)
    .innerJoin(oauthClient, eq(oauthClient.clientId, oauthConsent.clientId))
    .leftJoin(
      connectedAppUse,
      and(eq(connectedAppUse.userId, oauthConsent.userId), eq(connectedAppUse.clientId, oauthConsent.clientId)),
    )
    .where(
      and(
        eq(oauthConsent.userId, userId),
        eq(oauthConsent.clientId, clientId),
        or(isNull(oauthClient.disabled), eq(oauthClient.disabled, false)),
      ),
    )
    .limit(1);
  if (!grant) return false;
  if (!grant.lastUsedAt || Date.now() - grant.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    const now = new Date();
    await db
      .insert(connectedAppUse)
      .values({ userId, clientId, lastUsedAt: now })
      .onConflictDoUpdate({
        target: [connectedAppUse.userId, connectedAppUse.clientId],
        set: { lastUsedAt: now },
        setWhere: lt(connectedAppUse.lastUsedAt, new Date(now.getTime() - LAST_USED_PRECISION_MS)),
      });
  }
  return true;
}

export interface ConnectedAppView {
  clientId: string;
  name: string;
  scopes: string[];
  connectedAt: Date;
  lastUsedAt: Date | null;
}

/** The apps the person allowed, most recently allowed first: one row per app. */
export async function listConnectedApps(userId: string): Promise<ConnectedAppView[]> {
  const rows = await db
    .select({
      clientId: oauthConsent.clientId,
      name: oauthClient.name,
      scopes: oauthConsent.scopes,
      connectedAt: oauthConsent.createdAt,
      lastUsedAt: connectedAppUse.lastUsedAt,
    })
    .from(oauthConsent)
    .innerJoin(oauthClient, eq(oauthClient.clientId, oauthConsent.clientId))
    .leftJoin(
      connectedAppUse,
      and(eq(connectedAppUse.userId, oauthConsent.userId), eq(connectedAppUse.clientId, oauthConsent.clientId)),
    )
    .where(eq(oauthConsent.userId, userId))
    .orderBy(sql`${oauthConsent.updatedAt} desc`, oauthConsent.clientId);
  const apps = new Map<string, ConnectedAppView>();
  for (const row of rows) {
    const known = apps.get(row.clientId);
    if (known) {
      known.scopes = [...new Set([...known.scopes, ...row.scopes])];
      continue;
    }
    apps.set(row.clientId, { ...row, name: row.name ?? row.clientId, scopes: [...row.scopes] });
  }
  return [...apps.values()];
}

/**
 * Takes the app's access back: its consent, refresh tokens and stored access tokens go in one
 * transaction. Its JWT access tokens still verify, but the per-request check above refuses them
 * from the next call on. False when the person had not connected the app.
 */
export async function disconnectApp(
  person: { id: string; email: string },
  clientId: string,
  actor: Actor,
): Promise<boolean> {
  const removed = await db.transaction(async (tx) => {
    const consents = await tx
      .delete(oauthConsent)
      .where(and(eq(oauthConsent.userId, person.id), eq(oauthConsent.clientId, clientId)))
      .returning({ id: oauthConsent.id });
    await tx
      .delete(oauthAccessToken)
      .where(and(eq(oauthAccessToken.userId, person.id), eq(oauthAccessToken.clientId, clientId)));
    await tx
      .delete(oauthRefreshToken)
      .where(and(eq(oauthRefreshToken.userId, person.id), eq(oauthRefreshToken.clientId, clientId)));
    await tx
      .delete(connectedAppUse)
      .where(and(eq(connectedAppUse.userId, person.id), eq(connectedAppUse.clientId, clientId)));
    return consents.length;
  });
  if (removed === 0) return false;
  await recordAuditEvent({
    event: "oauth-app-disconnected",
    userId: person.id,
    email: person.email,
    ...actor,
    details: { clientId },
  });
  return true;
}
