// Settings → Developer apps (decision 123): a person registers OAuth clients for their own
// programs. Registration and secret rotation go through Better Auth's OAuth provider (it checks
// the redirect URIs and stores only the secret's hash); the page's ownership is in our WHERE
// clauses, so someone else's app is "not found".
import { isAPIError } from "better-auth/api";
import { and, desc, eq } from "drizzle-orm";
import { oauthClient } from "../../db/schema";
import { type AuditEntry, recordAuditEvent } from "~/audit.server";
import { auth } from "~/auth/auth.server";
import { db } from "~/db.server";
import type { AppKind } from "./developer-app-schema";

type Actor = Pick<AuditEntry, "ipAddress" | "userAgent">;

export interface DeveloperAppView {
  clientId: string;
  name: string;
  redirectUris: string[];
  kind: AppKind;
  createdAt: Date | null;
}

/** A registration Better Auth's provider refused (a redirect URI it does not allow), in its words. */
export class AppRegistrationRefusedError extends Error {}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** RFC 8252: loopback http and private-use schemes are native apps; the rest are web apps (https only). */
function applicationTypeOf(redirectUris: readonly string[]): "web" | "native" {
  return redirectUris.some((uri) => {
    const url = new URL(uri);
    return (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) || !/^https?:$/.test(url.protocol);
  })
    ? "native"
    : "web";
}

export async function listDeveloperApps(userId: string): Promise<DeveloperAppView[]> {
  const rows = await db
    .select({
      clientId: oauthClient.clientId,
      name: oauthClient.name,
      redirectUris: oauthClient.redirectUris,
      method: oauthClient.tokenEndpointAuthMethod,
      createdAt: oauthClient.createdAt,
    })
    .from(oauthClient)
    .where(eq(oauthClient.userId, userId))
    .orderBy(desc(oauthClient.createdAt), oauthClient.clientId);
  return rows.map(({ method, name, ...row }) => ({
    ...row,
    name: name ?? row.clientId,
    kind: method === "none" ? "public" : "confidential",
  }));
}

/**
 * Registers an app for the signed-in person (the session in `headers`). The secret, for a
 * confidential app, is returned this once. A redirect URI Better Auth refuses is an
 * AppRegistrationRefusedError, for the form to show.
 */
export async function registerDeveloperApp(
  owner: { id: string; email: string },
  input: { name: string; redirectUris: string[]; kind: AppKind },
  headers: Headers,
  actor: Actor,
): Promise<{ clientId: string; clientSecret?: string }> {
  const created = await auth.api
    .createOAuthClient({
      headers,
      body: {
        client_name: input.name,
        redirect_uris: input.redirectUris,
        application_type: applicationTypeOf(input.redirectUris),
        token_endpoint_auth_method: input.kind === "public" ? "none" : "client_secret_basic",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
      },
    })
    .catch((error: unknown) => {
      const description = isAPIError(error) ? (error.body as { error_description?: unknown })?.error_description : null;
      throw typeof description === "string" ? new AppRegistrationRefusedError(description) : error;
    });
  await recordAuditEvent({
    event: "oauth-app-registered",
    userId: owner.id,
    email: owner.email,
    ...actor,
    details: { clientId: created.client_id, name: input.name, kind: input.kind },
  });
  return { clientId: created.client_id, clientSecret: created.client_secret };
}

async function ownedApp(ownerId: string, clientId: string) {
  const [app] = await db
    .select({ clientId: oauthClient.clientId, method: oauthClient.tokenEndpointAuthMethod })
    .from(oauthClient)
    .where(and(eq(oauthClient.clientId, clientId), eq(oauthClient.userId, ownerId)));
  return app;
}

/** A new secret for one of the person's confidential apps (the old one stops at once); null when not theirs or public. */
export async function rotateDeveloperAppSecret(
  owner: { id: string; email: string },
  clientId: string,
  headers: Headers,
  actor: Actor,
): Promise<string | null> {
  const app = await ownedApp(owner.id, clientId);
  if (!app || app.method === "none") return null;
  const rotated = await auth.api.rotateClientSecret({ headers, body: { client_id: clientId } });
  await recordAuditEvent({
    event: "oauth-app-secret-rotated",
    userId: owner.id,
    email: owner.email,
    ...actor,
    details: { clientId },
  });
  return rotated.client_secret ?? null;
}

/** Deletes one of the person's apps: every grant, token and consent for it goes too (ON DELETE CASCADE). */
export async function deleteDeveloperApp(
  owner: { id: string; email: string },
  clientId: string,
  actor: Actor,
): Promise<boolean> {
  const [deleted] = await db
    .delete(oauthClient)
    .where(and(eq(oauthClient.clientId, clientId), eq(oauthClient.userId, owner.id)))
    .returning({ name: oauthClient.name });
  if (!deleted) return false;
  await recordAuditEvent({
    event: "oauth-app-deleted",
    userId: owner.id,
    email: owner.email,
    ...actor,
    details: { clientId, name: deleted.name },
  });
  return true;
}

/** What the consent page shows about an app (any person's app: the one asking for access). */
export async function appForConsent(clientId: string): Promise<{ name: string; uri: string | null } | null> {
  const [app] = await db
    .select({ name: oauthClient.name, uri: oauthClient.uri, disabled: oauthClient.disabled })
    .from(oauthClient)
    .where(eq(oauthClient.clientId, clientId));
  if (!app || app.disabled) return null;
  return { name: app.name ?? clientId, uri: app.uri };
}
