// Reading the mail the app sent during an end-to-end run (see mail-server.ts and
// playwright.config.ts): the messages a person would find in their inbox.
import { expect } from "@playwright/test";
import type { ReceivedMail } from "../../support/smtp-sink";

export const MAIL_HTTP_PORT = Number(process.env.E2E_PORT ?? 4173) + 11;

async function messagesTo(address: string): Promise<ReceivedMail[]> {
  const response = await fetch(`http://127.0.0.1:${MAIL_HTTP_PORT}/messages?${new URLSearchParams({ to: address })}`);
  return (await response.json()) as ReceivedMail[];
}

/** Waits for the newest message to `address` whose subject matches, and returns it. */
export async function waitForMail(address: string, subject: RegExp): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await messagesTo(address)).filter((mail) => subject.test(mail.subject)).at(-1);
        return found !== undefined;
      },
      { message: `a mail to ${address} matching ${subject}`, timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** The message's one link, as a path the page can open (the app's origin is the test's). */
export function linkPath(mail: ReceivedMail): string {
  expect(mail.links).toHaveLength(1);
  const url = new URL(mail.links[0]!);
  return `${url.pathname}${url.search}`;
}
