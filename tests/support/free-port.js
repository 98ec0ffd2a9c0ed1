// A port nothing listens on now, for a server a bench script or a test helper starts (plain
// JavaScript: the bench runs under node without a TypeScript loader).
import { once } from "node:events";
import net from "node:net";

export async function freePort() {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  return port;
}
