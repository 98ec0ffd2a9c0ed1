import { config } from "~/config.server";
import type { OutgoingMail } from "~/mail/outbox.server";
import { CONTROL } from "~/text-rules";

// Every message the app sends: plain text and simple HTML with the same content (what
// happened, the link and how long it works, what to do if it wasn't you). Links are built
// from BETTER_AUTH_URL alone, never from a request's Host or X-Forwarded-Host.

const APP_NAME = "Tasklane";
const HOUR = 60 * 60 * 1000;

/** A link into the app, from the configured public URL only. */
export function appLink(pathname: string, params: Record<string, string> = {}): string {
  const url = new URL(pathname, `${config.BETTER_AUTH_URL}/`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

interface Content {
  to: string;
  subject: string;
  greeting: string;
  /** Paragraphs before the link. */
  lines: string[];
  /** `validFor`: set for a one-time link (reset, confirmation); a plain link into the app has none. */
  link?: { href: string; label: string; validFor?: string };
  notYou: string;
  /** How long the message is worth retrying. */
  lifetimeMs: number;
  /**
   * Mail the person asked for (reminders, digests): the page that turns it off, linked at the
   * end and named in List-Unsubscribe, which it also answers as a one-click POST (RFC 8058).
   */
  unsubscribe?: { href: string; label: string };
}

/** Composes one message; the reminder and digest mails (app/reminders/) use it too. */
export function compose({
  to,
  subject,
  greeting,
  lines,
  link,
  notYou,
  lifetimeMs,
  unsubscribe,
}: Content): OutgoingMail {
  const text = [
    greeting,
    "",
    ...lines.flatMap((line) => [line, ""]),
    ...(link ? [`${link.label}: ${link.href}`, ""] : []),
    ...(link?.validFor ? [`This link works for ${link.validFor}, once.`, ""] : []),
    notYou,
    "",
    ...(unsubscribe ? [`${unsubscribe.label}: ${unsubscribe.href}`, ""] : []),
    `— ${APP_NAME}`,
  ].join("\n");
  const paragraph = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;
  const html = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#0f172a">',
    '<main style="max-width:560px;margin:0 auto;padding:24px">',
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(APP_NAME)}</h1>`,
    paragraph(escapeHtml(greeting)),
    ...lines.map((line) => paragraph(escapeHtml(line))),
    ...(link
      ? [
          paragraph(
            `<a href="${escapeHtml(link.href)}" style="display:inline-block;background:#4f46e5;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(link.label)}</a>`,
          ),
          paragraph(
            `${link.validFor ? `This link works for ${escapeHtml(link.validFor)}, once. ` : ""}If the button does not work, copy this address into your browser:<br>${escapeHtml(link.href)}`,
          ),
        ]
      : []),
    paragraph(escapeHtml(notYou)),
    ...(unsubscribe
      ? [
          `<p style="margin:0 0 16px;font-size:14px;color:#475569"><a href="${escapeHtml(unsubscribe.href)}">${escapeHtml(unsubscribe.label)}</a></p>`,
        ]
      : []),
    "</main></body></html>",
  ].join("\n");
  return {
    to,
    subject,
    text,
    html,
    links: [...(link ? [link.href] : []), ...(unsubscribe ? [unsubscribe.href] : [])],
    giveUpAt: new Date(Date.now() + lifetimeMs),
    ...(unsubscribe
      ? {
          headers: {
            "List-Unsubscribe": `<${unsubscribe.href}>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          },
        }
      : {}),
  };
}

/** "Hi Ada,": the name is shown as text only (escaped in HTML), never in a header. */
export const hello = (name: string) => `Hi ${name.replace(new RegExp(CONTROL, "g"), " ").trim() || "there"},`;

export const RESET_PASSWORD_TTL_SECONDS = 60 * 60;
export const VERIFY_EMAIL_TTL_SECONDS = 24 * 60 * 60;

export function resetPasswordMail(user: { name: string; email: string }, token: string): OutgoingMail {
  return compose({
    to: user.email,
    subject: `Reset your ${APP_NAME} password`,
    greeting: hello(user.name),
    lines: ["Someone (hopefully you) asked to reset the password of your account. Choose a new one here:"],
    link: { href: appLink("/reset-password", { token }), label: "Choose a new password", validFor: "1 hour" },
    notYou: "If this wasn't you, ignore this message: your password stays as it is.",
    lifetimeMs: RESET_PASSWORD_TTL_SECONDS * 1000,
  });
}

export function verifyEmailMail(user: { name: string; email: string }, token: string): OutgoingMail {
  return compose({
    to: user.email,
    subject: `Confirm your email address for ${APP_NAME}`,
    greeting: hello(user.name),
    lines: [`Please confirm that ${user.email} is your address, so we can reach you if you lose your password.`],
    link: { href: appLink("/verify-email", { token }), label: "Confirm my address", validFor: "24 hours" },
    notYou: `If you did not create a ${APP_NAME} account, ignore this message: nothing happens without the click.`,
    lifetimeMs: VERIFY_EMAIL_TTL_SECONDS * 1000,
  });
}

export function confirmNewEmailMail(user: { name: string }, newEmail: string, token: string): OutgoingMail {
  return compose({
    to: newEmail,
    subject: `Confirm your new email address for ${APP_NAME}`,
    greeting: hello(user.name),
    lines: [`You asked to use ${newEmail} for your ${APP_NAME} account. The change happens when you confirm it:`],
    link: { href: appLink("/verify-email", { token }), label: "Use this address", validFor: "24 hours" },
    notYou: "If this wasn't you, ignore this message: the account keeps its current address.",
    lifetimeMs: VERIFY_EMAIL_TTL_SECONDS * 1000,
  });
}

const NOTICE_LIFETIME_MS = 24 * HOUR;

export function emailChangedNotice(user: { name: string }, oldEmail: string, newEmail: string): OutgoingMail {
  return compose({
    to: oldEmail,
    subject: `Your ${APP_NAME} email address was changed`,
    greeting: hello(user.name),
    lines: [`The email address of your ${APP_NAME} account was changed from ${oldEmail} to ${newEmail}.`],
    notYou: `If this wasn't you, someone else knows your password. Sign in at ${appLink("/sign-in")} with ${newEmail} and your password, change the address back and choose a new password.`,
    lifetimeMs: NOTICE_LIFETIME_MS,
  });
}

export function passwordChangedNotice(user: { name: string; email: string }, how: "changed" | "reset"): OutgoingMail {
  return compose({
    to: user.email,
    subject: `Your ${APP_NAME} password was changed`,
    greeting: hello(user.name),
    lines: [
      how === "reset"
        ? "The password of your account was reset with a link sent to this address. Every session was signed out."
        : "The password of your account was changed in its settings.",
    ],
    link: {
      href: appLink("/forgot-password", { email: user.email }),
      label: "Not you? Reset your password",
    },
    notYou: "If this wasn't you, reset your password with the link above and check your account's security activity.",
    lifetimeMs: NOTICE_LIFETIME_MS,
  });
}

export function existingAccountSignUpNotice(user: { name: string; email: string }): OutgoingMail {
  return compose({
    to: user.email,
    subject: `Someone tried to sign up to ${APP_NAME} with your address`,
    greeting: hello(user.name),
    lines: [
      `Someone tried to create a ${APP_NAME} account with ${user.email}, which already has one: yours. No new account was created.`,
      "If it was you and you have forgotten your password, reset it here:",
    ],
    link: {
      href: appLink("/forgot-password", { email: user.email }),
      label: "Reset my password",
    },
    notYou: "If this wasn't you, you need not do anything: your account is unchanged.",
    lifetimeMs: NOTICE_LIFETIME_MS,
  });
}

/** A new way to sign in without the password: the owner hears of it, like a new API key. */
export function passkeyAddedNotice(user: { name: string; email: string }, passkeyName: string): OutgoingMail {
  return compose({
    to: user.email,
    subject: `A passkey was added to your ${APP_NAME} account`,
    greeting: hello(user.name),
    lines: [
      `A passkey named “${passkeyName}” was added to your account.`,
      "Whoever holds it can sign in without your password or a two-factor code.",
    ],
    link: { href: appLink("/settings/passkeys"), label: "See your passkeys" },
    notYou:
      "If this wasn't you, delete the passkey in your settings and change your password: someone else is signed in to your account.",
    lifetimeMs: NOTICE_LIFETIME_MS,
  });
}

export function apiKeyCreatedNotice(
  user: { name: string; email: string },
  key: { name: string; start: string; scopeLabel: string; expiresAt: Date },
): OutgoingMail {
  return compose({
    to: user.email,
    subject: `A new ${APP_NAME} API key was created`,
    greeting: hello(user.name),
    lines: [
      `An API key named “${key.name}” (${key.start}…, ${key.scopeLabel.toLowerCase()}) was created for your account. It works until ${key.expiresAt.toUTCString()}.`,
      "Programs that hold it can use your tasks without your password.",
    ],
    link: { href: appLink("/settings/api-keys"), label: "See your API keys" },
    notYou:
      "If this wasn't you, revoke the key in your settings and change your password: someone else is signed in to your account.",
    lifetimeMs: NOTICE_LIFETIME_MS,
  });
}

export const INVITATION_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * An invitation to a project (decision 109). The same message whether or not the address has
 * an account (the page behind the link offers both sign-in and sign-up), so nothing tells an
 * inviter which addresses are registered.
 */
export function projectInvitationMail(
  invitation: { email: string; inviterName: string; projectName: string; role: string },
  token: string,
): OutgoingMail {
  const inviter = invitation.inviterName.replace(new RegExp(CONTROL, "g"), " ").trim() || "Someone";
  return compose({
    to: invitation.email,
    subject: `${inviter} invited you to a project on ${APP_NAME}`,
    greeting: "Hi,",
    lines: [
      `${inviter} invited ${invitation.email} to the project “${invitation.projectName}” on ${APP_NAME}, as ${invitation.role}.`,
      `Open the invitation to accept or decline it. You sign in, or create an account with ${invitation.email}, first.`,
    ],
    link: { href: appLink(`/invitations/${token}`), label: "Open the invitation", validFor: "7 days" },
    notYou: "If you do not know this person or this project, ignore this message: nothing happens without your click.",
    lifetimeMs: INVITATION_TTL_SECONDS * 1000,
  });
}
