// Passkeys (decision 043): WebAuthn credentials that sign a person in without a password.
// SimpleWebAuthn does the WebAuthn cryptography (options, attestation and assertion checks);
// this module keeps the challenges, the `passkey` table and the audit trail. The HTTP side is
// the Better Auth plugin in passkey-plugin.server.ts; the settings page calls list, rename and
// delete here directly. Every query about someone's passkeys names their user id.
import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { and, desc, eq } from "drizzle-orm";
import { passkey } from "../../db/schema";
import { type AuditEntry, recordAuditEvent } from "~/audit.server";
import { appOrigin } from "~/config.server";
import { db } from "~/db.server";
import { logger } from "~/logger.server";
import { passkeyAddedNotice } from "~/mail/messages.server";
import { enqueueMail } from "~/mail/outbox.server";
import {
  CHALLENGE_TTL_MS,
  challengeGone,
  PasskeyRefused,
  storeChallenge,
  takeChallenge,
} from "./passkey-challenges.server";

export { PasskeyRefused };

/**
 * The relying party is the site at BETTER_AUTH_URL: its host name is the RP id (WebAuthn
 * refuses IP addresses) and its origin the only one a response may come from.
 */
export const relyingParty = { id: new URL(appOrigin).hostname, origin: appOrigin, name: "Tasklane" } as const;

/** Adding a passkey needs a sign-in this recent, or the password again (Better Auth's `freshAge`). */
export const FRESH_SESSION_SECONDS = 24 * 60 * 60;

export function isSessionFresh(createdAt: Date | string, now = Date.now()): boolean {
  return now - new Date(createdAt).getTime() < FRESH_SESSION_SECONDS * 1000;
}

/**
 * EdDSA, ES256, RS256: what authenticators make. Stated rather than left to SimpleWebAuthn,
 * whose default probes Node for ML-DSA (an experimental API that prints a warning per process).
 */
const SUPPORTED_ALGORITHM_IDS = [-8, -7, -257];

/** Who did it, for the audit log. */
type Actor = Pick<AuditEntry, "ipAddress" | "userAgent">;

export interface PasskeyView {
  id: string;
  name: string;
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const viewColumns = {
  id: passkey.id,
  name: passkey.name,
  backedUp: passkey.backedUp,
  createdAt: passkey.createdAt,
  lastUsedAt: passkey.lastUsedAt,
};

/** The user's passkeys, newest first. */
export async function listPasskeys(userId: string): Promise<PasskeyView[]> {
  return db
    .select(viewColumns)
    .from(passkey)
    .where(eq(passkey.userId, userId))
    .orderBy(desc(passkey.createdAt), desc(passkey.id));
}

/**
 * Options for the browser to make a passkey. A passkey must be discoverable (a sign-in names
 * no account) and verify its user (a PIN or biometric: it stands for both factors).
 */
export async function registrationOptions(owner: {
  id: string;
  name: string;
  email: string;
}): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db
    .select({ credentialId: passkey.credentialId, transports: passkey.transports })
    .from(passkey)
    .where(eq(passkey.userId, owner.id));
  const options = await generateRegistrationOptions({
    rpName: relyingParty.name,
    rpID: relyingParty.id,
    userName: owner.email,
    userDisplayName: owner.name,
    // The account id (a random UUID, nothing personal): the same handle for every passkey of one person.
    userID: new TextEncoder().encode(owner.id),
    attestationType: "none",
    // One passkey per authenticator: the browser says so rather than making a second.
    excludeCredentials: existing.map((row) => ({ id: row.credentialId, transports: row.transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    timeout: CHALLENGE_TTL_MS,
    supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
  });
  await storeChallenge(options.challenge, { kind: "register", userId: owner.id });
  return options;
}

/** Checks the browser's new credential against the owner's challenge, keeps it and tells the owner by mail. */
export async function addPasskey(
  owner: { id: string; name: string; email: string },
  name: string,
  response: RegistrationResponseJSON,
  actor: Actor,
): Promise<PasskeyView> {
  const { challenge, ceremony } = await takeChallenge(response?.response?.clientDataJSON);
  if (ceremony.kind !== "register" || ceremony.userId !== owner.id) throw challengeGone();
  const verified = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: relyingParty.origin,
    expectedRPID: relyingParty.id,
    requireUserVerification: true,
    supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
  }).catch((error: unknown) => {
    logger.info({ err: error instanceof Error ? error.message : error }, "passkey registration refused");
    return null;
  });
  if (!verified?.verified)
    throw new PasskeyRefused("PASSKEY_NOT_VERIFIED", "Your browser's passkey could not be verified. Please try again.");
  const { credential, credentialBackedUp } = verified.registrationInfo;
  const [created] = await db
    .insert(passkey)
    .values({
      userId: owner.id,
      name,
      credentialId: credential.id,
      publicKey: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? [],
      backedUp: credentialBackedUp,
    })
    .onConflictDoNothing({ target: passkey.credentialId })
    .returning(viewColumns);
  if (!created) throw new PasskeyRefused("PASSKEY_ALREADY_ADDED", "This passkey has already been added.");
  await recordAuditEvent({
    event: "passkey-added",
    userId: owner.id,
    email: owner.email,
    ...actor,
    details: { passkeyId: created.id, name },
  });
  await enqueueMail(passkeyAddedNotice(owner, name));
  return created;
}

/** Options for a sign-in: no account named, so the browser offers every passkey it holds for this site. */
export async function signInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty.id,
    userVerification: "required",
    timeout: CHALLENGE_TTL_MS,
  });
  await storeChallenge(options.challenge, { kind: "sign-in" });
  return options;
}

/**
 * The account a signed sign-in response proves, after its challenge is taken and its
 * signature checked; the passkey's counter and last use are written. Refusals throw.
 */
export async function verifyPasskeySignIn(
  response: AuthenticationResponseJSON,
  actor: Actor,
): Promise<{ userId: string; passkeyId: string; passkeyName: string }> {
  const { challenge, ceremony } = await takeChallenge(response?.response?.clientDataJSON);
  if (ceremony.kind !== "sign-in") throw challengeGone();
  const credentialId = typeof response.id === "string" ? response.id : "";
  const [stored] = await db.select().from(passkey).where(eq(passkey.credentialId, credentialId)).limit(1);
  if (!stored) {
    throw new PasskeyRefused(
      "PASSKEY_NOT_FOUND",
      "This passkey is not registered with Tasklane (it may have been removed). Sign in with your password.",
      "UNAUTHORIZED",
    );
  }
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: relyingParty.origin,
    expectedRPID: relyingParty.id,
    credential: {
      id: stored.credentialId,
      publicKey: isoBase64URL.toBuffer(stored.publicKey),
      counter: stored.counter,
      transports: stored.transports as AuthenticatorTransport[],
    },
    requireUserVerification: true,
  }).catch((error: unknown) => {
    logger.info({ err: error instanceof Error ? error.message : error }, "passkey sign-in refused");
    return null;
  });
  if (!verified?.verified) {
    await recordAuditEvent({
      event: "sign-in-failure",
      userId: stored.userId,
      ...actor,
      details: { method: "passkey", passkeyId: stored.id },
    });
    throw new PasskeyRefused(
      "PASSKEY_NOT_VERIFIED",
      "Your passkey could not be verified. Please try again.",
      "UNAUTHORIZED",
    );
  }
  await db
    .update(passkey)
    .set({
      counter: verified.authenticationInfo.newCounter,
      lastUsedAt: new Date(),
      backedUp: verified.authenticationInfo.credentialBackedUp,
    })
    .where(eq(passkey.id, stored.id));
  return { userId: stored.userId, passkeyId: stored.id, passkeyName: stored.name };
}

/** Renames one of the owner's passkeys; false when the owner has no passkey with that id. */
export async function renamePasskey(
  owner: { id: string; email: string },
  passkeyId: string,
  name: string,
  actor: Actor,
): Promise<boolean> {
  const [renamed] = await db
    .update(passkey)
    .set({ name })
    .where(and(eq(passkey.id, passkeyId), eq(passkey.userId, owner.id)))
    .returning({ id: passkey.id });
  if (!renamed) return false;
  await recordAuditEvent({
    event: "passkey-renamed",
    userId: owner.id,
    email: owner.email,
    ...actor,
    details: { passkeyId, name },
  });
  return true;
}

/** Removes one of the owner's passkeys; false when the owner has no passkey with that id. */
export async function deletePasskey(
  owner: { id: string; email: string },
  passkeyId: string,
  actor: Actor,
): Promise<boolean> {
  const [removed] = await db
    .delete(passkey)
    .where(and(eq(passkey.id, passkeyId), eq(passkey.userId, owner.id)))
    .returning({ id: passkey.id, name: passkey.name });
  if (!removed) return false;
  await recordAuditEvent({
    event: "passkey-removed",
    userId: owner.id,
    email: owner.email,
    ...actor,
    details: { passkeyId, name: removed.name },
  });
  return true;
}
