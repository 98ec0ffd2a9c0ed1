// A real HTTP receiver for webhook tests: a node:http server on 127.0.0.1 that answers as told
// (up, down, gone, a redirect) and checks every message with the Standard Webhooks reference
// verifier (the `standardwebhooks` package's Webhook.verify) once it knows the secret.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Received {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The reference verifier accepted it. */
  verified: boolean;
  /** What this receiver answered. */
  status: number;
}

export type Mode = "up" | "down" | "gone" | "redirect";

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  mode: Mode;
  secret: string | null;
  /** Where "redirect" points. */
  redirectTo: string;
  /** The messages it accepted (answered 2xx), parsed. */
  accepted(): { id: string; type: string; timestamp: string; data: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver = { received: [] as Received[], mode: "up" as Mode, secret: null as string | null, redirectTo: "" };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let verified = false;
      if (receiver.secret) {
        try {
          new Webhook(receiver.secret).verify(body, request.headers as Record<string, string>);
          verified = true;
        } catch {
          verified = false;
        }
      }
      const status = { up: 200, down: 503, gone: 410, redirect: 302 }[receiver.mode];
      receiver.received.push({
        id: String(request.headers["webhook-id"]),
        headers: request.headers,
        body,
        verified,
        status,
      });
      if (receiver.mode === "redirect") response.setHeader("Location", receiver.redirectTo);
      response.statusCode = status;
      response.end(status === 200 ? "thanks" : "not now ".repeat(100));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    port,
    url: `http://127.0.0.1:${port}/hook`,
    accepted() {
      return receiver.received
        .filter((item) => item.status === 200)
        .map((item) => ({
          id: item.id,
          ...(JSON.parse(item.body) as { type: string; timestamp: string; data: Record<string, unknown> }),
        }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
