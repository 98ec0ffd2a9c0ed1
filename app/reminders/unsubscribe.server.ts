// The unsubscribe links of reminder and digest mail (RFC 8058): the token names the person and
// the kind of mail, signed with a key derived from BETTER_AUTH_SECRET, so the link works
// without a session (a mail client's one-click POST has none) and cannot be made for another
// person. It does not expire: the mail it sits in stays in the mailbox.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { config } from "~/config.server";
import { appLink } from "~/mail/messages.server";
import { isUuid } from "~/text-rules";
import type { MailKind } from "./reminder-settings.server";

const KINDS: readonly MailKind[] = ["reminders", "digest"];

let key: Buffer | null = null;
function signingKey(): Buffer {
  key ??= Buffer.from(hkdfSync("sha256", config.BETTER_AUTH_SECRET, "", "tasklane unsubscribe links", 32));
  return key;
}

const sign = (payload: string) => createHmac("sha256", signingKey()).update(payload).digest("base64url");

export function unsubscribeToken(userId: string, kind: MailKind): string {
  const payload = `${userId}.${kind}`;
  return `${payload}.${sign(payload)}`;
}

/** The person and kind a token names, or null for anything not made by unsubscribeToken. */
export function readUnsubscribeToken(token: string): { userId: string; kind: MailKind } | null {
  const [userId, kind, signature, ...rest] = token.split(".");
  if (rest.length > 0 || !userId || !kind || !signature) return null;
  if (!isUuid(userId) || !KINDS.includes(kind as MailKind)) return null;
  const expected = Buffer.from(sign(`${userId}.${kind}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, kind: kind as MailKind };
}

/** The page with the button; the same address answers the one-click POST. */
export function unsubscribeLink(userId: string, kind: MailKind): string {
  return appLink("/unsubscribe", { token: unsubscribeToken(userId, kind) });
}
