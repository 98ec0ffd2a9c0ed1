import { createTransport } from "nodemailer";
import { config } from "~/config.server";
import { logger } from "~/logger.server";

/** One message as the outbox hands it to a transport. */
export interface Envelope {
  id: string;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  links: string[];
  headers?: Record<string, string>;
}

export interface MailTransport {
  /** Resolves once the message is accepted (by the SMTP server, or by the log); throws otherwise. */
  deliver(mail: Envelope): Promise<void>;
  close(): void;
  /** What start-up reports about where mail goes. */
  description: string;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * nodemailer over SMTP. `smtp://` upgrades with STARTTLS, and insists on it for any host but
 * this machine's (add `?requireTLS=false` to the URL for a relay on a private network that
 * has no TLS); `smtps://` is TLS from the first byte. The timeouts keep one unreachable
 * server from holding a sender past its lease on the row (see outbox.server.ts).
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const host = new URL(url).hostname;
  const transporter = createTransport({
    url,
    requireTLS: url.startsWith("smtp:") && !LOOPBACK_HOSTS.has(host),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async deliver(mail) {
      await transporter.sendMail({
        from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        headers: mail.headers ?? {},
        // nodemailer would otherwise accept "a@b, c@d" as two recipients, and read a
        // display name and comments in the address; the outbox stores one bare address.
        envelope: { from: envelopeAddress(from), to: mail.recipient },
      });
    },
    close: () => transporter.close(),
    description: `SMTP ${host}`,
  };
}

function envelopeAddress(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
}

/**
 * Without SMTP_URL the log stands in for delivery. On a laptop (embedded database) the line
 * carries the links, so a password can still be reset locally; with DATABASE_URL it names the
 * recipient and subject only, because a production log must never hold a working link.
 */
export function logTransport({ includeLinks }: { includeLinks: boolean }): MailTransport {
  return {
    async deliver(mail) {
      logger.info(
        { to: mail.recipient, subject: mail.subject, ...(includeLinks ? { links: mail.links } : {}) },
        includeLinks ? "mail written to the log (SMTP_URL is not set)" : "mail not sent: SMTP_URL is not set",
      );
    },
    close() {},
    description: "the log",
  };
}

/** The transport the configuration asks for. */
export function configuredTransport(): MailTransport {
  if (config.SMTP_URL) return smtpTransport(config.SMTP_URL, config.MAIL_FROM);
  return logTransport({ includeLinks: !config.DATABASE_URL });
}
