// The challenges of passkey ceremonies (decision 043): stored when options are made, taken
// once when the signed response comes back, swept when abandoned. Rows live in Better Auth's
// `verification` table under their own prefix.
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { and, eq, like, lt } from "drizzle-orm";
import { verification } from "../../db/schema";
import { db } from "~/db.server";
import { logger } from "~/logger.server";

/** How long a ceremony may take, from options to the signed response. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const CHALLENGE_PREFIX = "passkey-challenge:";

export type Ceremony = { kind: "register"; userId: string } | { kind: "sign-in" };

/** A refusal a person can act on; the plugin answers it as a 4xx with this code and message. */
export class PasskeyRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: "BAD_REQUEST" | "UNAUTHORIZED" = "BAD_REQUEST",
  ) {
    super(message);
  }
}

export const challengeGone = () =>
  new PasskeyRefused(
    "PASSKEY_CHALLENGE_EXPIRED",
    "This passkey request has expired or was already used. Please try again.",
  );

let lastPrunedAt = 0;

export async function storeChallenge(challenge: string, ceremony: Ceremony) {
  await db.insert(verification).values({
    identifier: CHALLENGE_PREFIX + challenge,
    value: JSON.stringify(ceremony),
    expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS),
  });
  // Abandoned ceremonies (a sign-in page opened and left) leave a row: sweep them now and then.
  if (Date.now() - lastPrunedAt > 60_000) {
    lastPrunedAt = Date.now();
    db.delete(verification)
      .where(and(like(verification.identifier, `${CHALLENGE_PREFIX}%`), lt(verification.expiresAt, new Date())))
      .catch((error: unknown) =>
        logger.warn({ err: error instanceof Error ? error.message : error }, "passkey challenge sweep failed"),
      );
  }
}

/** The challenge a response signed, read from its clientDataJSON (checked again by SimpleWebAuthn). */
function challengeOf(clientDataJSON: unknown): string | null {
  if (typeof clientDataJSON !== "string" || clientDataJSON.length > 4096 || !isoBase64URL.isBase64URL(clientDataJSON))
    return null;
  try {
    const { challenge } = JSON.parse(isoBase64URL.toUTF8String(clientDataJSON)) as { challenge?: unknown };
    return typeof challenge === "string" && challenge.length <= 128 ? challenge : null;
  } catch {
    return null;
  }
}

/**
 * Takes the challenge a response answers, once: the row is deleted by the statement that reads
 * it, so a replayed response (or two racing copies of one) finds nothing.
 */
export async function takeChallenge(clientDataJSON: unknown): Promise<{ challenge: string; ceremony: Ceremony }> {
  const challenge = challengeOf(clientDataJSON);
  if (!challenge)
    throw new PasskeyRefused("PASSKEY_INVALID_RESPONSE", "The browser sent a passkey response we cannot read.");
  const [row] = await db
    .delete(verification)
    .where(eq(verification.identifier, CHALLENGE_PREFIX + challenge))
    .returning({ value: verification.value, expiresAt: verification.expiresAt });
  if (!row || row.expiresAt.getTime() <= Date.now()) throw challengeGone();
  return { challenge, ceremony: JSON.parse(row.value) as Ceremony };
}
