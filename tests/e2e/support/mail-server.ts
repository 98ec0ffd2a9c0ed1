// The SMTP server the end-to-end run sends its mail to (a Playwright webServer, started with
// tsx): what it receives is served as JSON, so tests in any worker can read their messages.
//   SMTP on MAIL_SMTP_PORT; GET http://127.0.0.1:MAIL_HTTP_PORT/messages?to=<address>
import { createServer } from "node:http";
import { startSmtpSink } from "../../support/smtp-sink";

const smtpPort = Number(process.env.MAIL_SMTP_PORT);
const httpPort = Number(process.env.MAIL_HTTP_PORT);

const sink = await startSmtpSink(smtpPort);

const http = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === "/healthz") {
    response.end("ok");
    return;
  }
  if (url.pathname === "/messages") {
    const to = url.searchParams.get("to")?.toLowerCase();
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify(sink.received.filter((mail) => !to || mail.to === to)));
    return;
  }
  response.statusCode = 404;
  response.end();
});
http.listen(httpPort, "127.0.0.1");

const stop = () => {
  http.close();
  void sink.stop().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
