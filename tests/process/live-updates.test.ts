// Live updates across processes (issue 32, decision 108): two instances on one PostgreSQL, a
// write through one reaches a stream open on the other (woken by LISTEN/NOTIFY, not the 15 s
// safety poll); SIGTERM's drain ends the open streams at once and the process exits 0; the
// Python example follows the stream and resumes from its last id.
import { execFileSync, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../support/passwords";
import {
  createTestDatabase,
  freePort,
  type ServerProcess,
  signUpOver,
  startServer,
  testSecret,
  waitForStatus,
} from "../support/server-process";

const adminUrl = process.env.TEST_DATABASE_URL;
const ORIGIN = "http://localhost:3000";

/** Signs a new person up through `server` (for the public origin both serve) and gets a JWT. */
async function signUp(server: ServerProcess): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN },
    body: JSON.stringify({ name: "Live", email: `live-${crypto.randomUUID()}@example.test`, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  const session = response.headers.get("set-auth-token")!;
  const answer = await fetch(`${server.url}/api/auth/token`, { headers: { Authorization: `Bearer ${session}` } });
  return ((await answer.json()) as { token: string }).token;
}

/** Reads an event stream frame by frame. */
function frames(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  const next = async (): Promise<{ id?: string; event?: string; data?: Record<string, string> } | null> => {
    for (;;) {
      const end = buffered.indexOf("\n\n");
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const frame: { id?: string; event?: string; data?: Record<string, string> } = {};
        for (const line of block.split("\n")) {
          if (line.startsWith("id: ")) frame.id = line.slice(4);
          if (line.startsWith("event: ")) frame.event = line.slice(7);
          if (line.startsWith("data: ")) frame.data = JSON.parse(line.slice(6)) as Record<string, string>;
        }
        if (frame.event) return frame;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) return null;
      buffered += value;
    }
  };
  return Object.assign(next, { close: () => reader.cancel() });
}

const createTask = (server: ServerProcess, token: string, title: string) =>
  fetch(`${server.url}/api/tasks`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ title }),
  }).then(async (response) => {
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string };
  });

const follow = (server: ServerProcess, token: string, lastEventId?: string) =>
  fetch(`${server.url}/api/events`, {
    headers: { Authorization: `Bearer ${token}`, ...(lastEventId ? { "Last-Event-ID": lastEventId } : {}) },
  });

describe.runIf(adminUrl)("two instances on one PostgreSQL", () => {
  let servers: ServerProcess[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase(adminUrl!);
    drop = database.drop;
    const secret = testSecret();
    const ports = await Promise.all([freePort(), freePort()]);
    servers = ports.map((port) =>
      startServer(
        // A direct connection (DATABASE_POOLER none): notifications are trusted, so the safety poll waits 15 s.
        {
          DATABASE_URL: database.url,
          DATABASE_POOLER: "none",
          BETTER_AUTH_SECRET: secret,
          // One public origin for both, as behind a load balancer: a token from one verifies on the other.
          BETTER_AUTH_URL: ORIGIN,
          LOG_LEVEL: "warn",
        },
        port,
      ),
    );
    // One at a time: the first migrates, the second then finds the database ready.
    for (const server of servers) await waitForStatus(`${server.url}/readyz`);
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await drop?.();
  });

  it("a write through one reaches a stream on the other, woken by NOTIFY, and resumes there from Last-Event-ID", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const account = { token: await signUp(a) };
    const stream = await follow(b, account.token);
    expect(stream.status).toBe(200);
    const next = frames(stream);

    const started = Date.now();
    const task = await createTask(a, account.token, "Written through A");
    const frame = await next();
    const deliveredMs = Date.now() - started;
    expect(frame).toMatchObject({ event: "task.created", data: { entityId: task.id } });
    // Woken by the commit's NOTIFY: the safety poll would take up to 15 s.
    expect(deliveredMs).toBeLessThan(5_000);
    await next.close();

    // Two more while nobody listens; a stream on A resumes from B's last id.
    const missed = [await createTask(b, account.token, "Missed 1"), await createTask(a, account.token, "Missed 2")];
    const resumed = frames(await follow(a, account.token, frame!.id));
    expect((await resumed())!.data!.entityId).toBe(missed[0]!.id);
    expect((await resumed())!.data!.entityId).toBe(missed[1]!.id);
  });

  it("SIGTERM ends the open streams at once, and the process still exits 0", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const account = { token: await signUp(a) };
    const next = frames(await follow(b, account.token));
    const stopped = b.stop("SIGTERM");
    expect(await next()).toBeNull();
    expect(await stopped).toBe(0);
  });
});

/** python3, when there is one. */
const python = ["python3", "/usr/bin/python3"].find((candidate) => {
  try {
    execFileSync(candidate, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});

describe.runIf(python)("examples/python/tasklane_follow.py", () => {
  let server: ServerProcess;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    server = startServer({ DATA_DIR: "memory://", BETTER_AUTH_URL: base }, port);
    await waitForStatus(`${base}/readyz`);
  });
  afterAll(() => server.stop());

  /** Runs the follower until it has printed `count` events; answers its lines once it is following. */
  function runFollower(token: string, count: number, lastEventId?: string) {
    const args = ["examples/python/tasklane_follow.py", base, token, "--max-events", String(count)];
    if (lastEventId) args.push("--last-event-id", lastEventId);
    const child = spawn(python!, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let onOutput = () => {};
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      onOutput();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const following = new Promise<void>((resolve) => {
      onOutput = () => {
        if (out.includes("following")) resolve();
      };
    });
    return { following, exited, output: () => out };
  }

  it("prints the events as they happen, then resumes from its last id", async () => {
    const account = await signUpOver(base);
    const first = runFollower(account.token, 2);
    await first.following;
    const one = await createTask(server, account.token, "One");
    const two = await createTask(server, account.token, "Two");
    expect(await first.exited).toBe(0);
    const lines = first.output().split("\n");
    expect(lines.filter((line) => / task\.created /.test(line)).map((line) => line.split(" ")[2])).toEqual([
      one.id,
      two.id,
    ]);
    const last = first.output().match(/last event id: (\d+)/)![1]!;

    const three = await createTask(server, account.token, "Three");
    const resumed = runFollower(account.token, 1, last);
    expect(await resumed.exited).toBe(0);
    expect(resumed.output()).toContain(`following from ${last}`);
    expect(resumed.output()).toMatch(new RegExp(`\\d+ task\\.created ${three.id} project=`));
  });
});
