// The app's mail sender delivering to an SMTP sink in this process, for integration tests that
// follow what a person receives (nodemailer and the network as in production).
import { startMailSender } from "~/mail/outbox.server";
import { smtpTransport } from "~/mail/transport.server";
import { type SmtpSink, startSmtpSink } from "./smtp-sink";

/** A sink with a sender polling the outbox every 100 ms; its stop() stops the sender, then the sink. */
export async function startMailDelivery(): Promise<SmtpSink> {
  const smtp = await startSmtpSink();
  const sender = startMailSender({
    transport: smtpTransport(smtp.url, "Tasklane <no-reply@tasklane.test>"),
    pollIntervalMs: 100,
  });
  return {
    ...smtp,
    async stop() {
      await sender.stop();
      await smtp.stop();
    },
  };
}
