// A real SMTP server for the tests (smtp-server), whose received messages are parsed with
// mailparser: the app's mail goes through nodemailer and the network exactly as in production.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Header lines as received, to check nothing was injected. */
  headerLines: string[];
  /** Every http(s) link in the text part. */
  links: string[];
}

export interface SmtpSink {
  port: number;
  /** smtp://127.0.0.1:PORT, for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** Waits for a message to `to` (optionally with a subject matching `subject`). */
  waitFor(to: string, subject?: RegExp, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

function toReceived(parsed: ParsedMail, recipient: string): ReceivedMail {
  const text = parsed.text ?? "";
  return {
    to: recipient,
    from: parsed.from?.text ?? "",
    subject: parsed.subject ?? "",
    text,
    html: typeof parsed.html === "string" ? parsed.html : "",
    headerLines: parsed.headerLines.map((line) => line.line),
    links: [...text.matchAll(/https?:\/\/\S+/g)].map((match) => match[0]),
  };
}

/** Listens on `port` (0: any free one) on 127.0.0.1. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          for (const rcpt of session.envelope.rcptTo) received.push(toReceived(parsed, rcpt.address.toLowerCase()));
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  server.listen(port, "127.0.0.1");
  await once(server.server, "listening");
  const actualPort = (server.server.address() as AddressInfo).port;

  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    received,
    waitFor(to, subject, timeoutMs = 10_000) {
      const find = () =>
        received.find((mail) => mail.to === to.toLowerCase() && (!subject || subject.test(mail.subject)));
      return new Promise((resolve, reject) => {
        const check = () => {
          const mail = find();
          if (!mail) return;
          cleanup();
          resolve(mail);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no mail to ${to}${subject ? ` matching ${subject}` : ""} within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
