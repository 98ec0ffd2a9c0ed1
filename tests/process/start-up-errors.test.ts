// What an operator sees when the process cannot start: one line naming the problem, exit 1.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort, startServer } from "../support/server-process";

const folder = mkdtempSync(path.join(tmpdir(), "tasklane-start-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it("says the port is in use", async () => {
  const port = await freePort();
  const occupant = net.createServer().listen(port);
  await once(occupant, "listening");
  try {
    const server = startServer({ DATA_DIR: path.join(folder, "port") }, port);
    expect(await server.exit).toBe(1);
    expect(server.stderr()).toBe(`port ${port} is already in use; set PORT\n`);
  } finally {
    occupant.close();
  }
});

it("says the port is in use once, with two workers too", async () => {
  const port = await freePort();
  const occupant = net.createServer().listen(port);
  await once(occupant, "listening");
  try {
    // The first worker listens before it connects to the database: no database is needed here.
    const env = {
      WEB_CONCURRENCY: "2",
      DATABASE_URL: "postgres://127.0.0.1:1/none",
      BETTER_AUTH_SECRET: "s".repeat(32),
    };
    const server = startServer(env, port);
    expect(await server.exit).toBe(1);
    expect(server.stderr()).toBe(`port ${port} is already in use; set PORT\n`);
  } finally {
    occupant.close();
  }
});

it("says DATA_DIR cannot be used", async () => {
  // A file where the folder should be: refused whoever runs the test (root ignores permissions).
  const blocked = path.join(folder, "a-file");
  writeFileSync(blocked, "");
  const server = startServer({ DATA_DIR: path.join(blocked, "data") }, await freePort());
  expect(await server.exit).toBe(1);
  expect(server.stderr()).toBe(`Cannot use DATA_DIR ${path.join(blocked, "data")}: a file is in the way\n`);
});
