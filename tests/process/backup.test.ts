// The backup round trip (issue 36, decision 075) on both databases: an account with tasks, labels
// and an API key; a backup taken while tasks are being created; a restore into an empty DATA_DIR
// (or database); a server on it that knows the same password, session cookie, JWT and API key,
// and holds every task acknowledged before the backup began.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  freePort,
  type HttpAccount,
  type ServerProcess,
  signUpOver,
  startServer,
  testSecret,
  waitForStatus,
} from "../support/server-process";

const run = promisify(execFile);
const adminUrl = process.env.TEST_DATABASE_URL;
const LABELS = ["Home", "Work", "Errands"];

const folder = mkdtempSync(path.join(tmpdir(), "tasklane-backup-"));
const servers: ServerProcess[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop("SIGKILL")));
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(folder, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  // The restored server answers on another port than the original (in production it would
  // take over the same URL): one issuer and audience, so that the original's JWTs are its own.
  servers.push(
    startServer(
      {
        ...env,
        BETTER_AUTH_URL: base,
        JWT_ISSUER: "https://tasklane.example",
        JWT_AUDIENCE: "https://tasklane.example",
      },
      port,
    ),
  );
  await waitForStatus(`${base}/readyz`);
  return base;
}

const json = (token: string) => ({ Authorization: `Bearer ${token}`, "Content-Type": "application/json" });

/** Labels, tasks carrying them, and a personal API key made through the settings form. */
async function fill(base: string, account: HttpAccount): Promise<{ titles: string[]; apiKey: string }> {
  for (const name of LABELS) {
    const created = await fetch(`${base}/api/labels`, {
      method: "POST",
      headers: json(account.token),
      body: JSON.stringify({ name }),
    });
    expect(created.status).toBe(201);
  }
  const titles = Array.from({ length: 30 }, (_, index) => `Filled ${index}`);
  for (const [index, title] of titles.entries()) {
    const created = await fetch(`${base}/api/tasks`, {
      method: "POST",
      headers: json(account.token),
      body: JSON.stringify({ title, labels: [LABELS[index % LABELS.length]] }),
    });
    expect(created.status).toBe(201);
  }
  const page = await fetch(`${base}/settings/api-keys`, {
    method: "POST",
    headers: { Cookie: account.cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "create-api-key", name: "Backup", scope: "write", lifetimeDays: "30" }),
  });
  const apiKey = (await page.text()).match(/tl_[A-Za-z0-9_-]{43}/)![0];
  return { titles, apiKey };
}

/** Two clients creating tasks one after another until stopped; `acknowledged` lists each 201 as it arrives. */
function keepWriting(base: string, token: string) {
  const acknowledged: string[] = [];
  let writing = true;
  let count = 0;
  const client = async () => {
    while (writing) {
      const title = `Concurrent ${count++}`;
      const created = await fetch(`${base}/api/tasks`, {
        method: "POST",
        headers: json(token),
        body: JSON.stringify({ title, labels: ["Work"] }),
      });
      expect(created.status).toBe(201);
      acknowledged.push(title);
    }
  };
  const clients = [client(), client()];
  return {
    acknowledged,
    async stop() {
      writing = false;
      await Promise.all(clients);
    },
  };
}

/** Waits until the writers have had a few answers, so that the backup overlaps their requests. */
async function writersUnderWay(acknowledged: string[]) {
  await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
}

async function allTitles(base: string, token: string): Promise<string[]> {
  const titles: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const response = await fetch(`${base}/api/tasks?limit=100${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { tasks: { title: string }[]; nextCursor: string | null };
    titles.push(...page.tasks.map((task) => task.title));
    cursor = page.nextCursor;
  } while (cursor);
  return titles;
}

/** What the restored server must know: the account, its old credentials, and every acknowledged task. */
async function expectRestored(base: string, account: HttpAccount, apiKey: string, expected: string[]) {
  const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  expect(signIn.status).toBe(200);

  // Signed with the backed-up secret, checked against the backed-up session row.
  const session = await fetch(`${base}/api/auth/get-session`, { headers: { Cookie: account.cookie } });
  expect(((await session.json()) as { user?: { email: string } } | null)?.user?.email).toBe(account.email);

  // The JWT was minted before the backup with a signing key from the jwks table; the key comes
  // back encrypted with the secret, so the token verifies only if both came along.
  const titles = await allTitles(base, account.token);
  expect(new Set(titles).size).toBe(titles.length);
  expect(titles).toEqual(expect.arrayContaining(expected));

  const withKey = await fetch(`${base}/api/labels`, { headers: { Authorization: `Bearer ${apiKey}` } });
  expect(withKey.status).toBe(200);
  const { labels } = (await withKey.json()) as { labels: { name: string }[] };
  expect(labels.map((label) => label.name).sort()).toEqual([...LABELS].sort());
}

describe("the embedded database", () => {
  const npm = (command: "backup" | "restore", file: string, dataDir: string) =>
    run("npm", ["run", "--silent", command, "--", file], {
      env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir },
    });

  it("backs up through the running server while tasks are being written, and restores into an empty DATA_DIR", async () => {
    const dataDir = path.join(folder, "original");
    const base = await start({ DATA_DIR: dataDir });
    // Only DATA_DIR's owner may ask the server for a backup.
    await expect.poll(() => statSync(path.join(dataDir, "admin.sock"), { throwIfNoEntry: false })?.mode).toBe(0o140600);
    const account = await signUpOver(base);
    const { titles, apiKey } = await fill(base, account);

    const writers = keepWriting(base, account.token);
    await writersUnderWay(writers.acknowledged);
    const acknowledgedBefore = [...titles, ...writers.acknowledged];
    const file = path.join(folder, "tasklane.backup");
    const backup = await npm("backup", file, dataDir);
    await writers.stop();
    expect(backup.stdout).toMatch(/through the running server/);
    // The writers kept being answered while the backup was taken.
    expect(writers.acknowledged.length).toBeGreaterThan(acknowledgedBefore.length - titles.length);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // Never over a DATA_DIR that holds anything: here, the live one.
    const refused = await npm("restore", file, dataDir).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toBe(
      `restore failed: DATA_DIR ${dataDir} is not empty: a restore goes into an empty DATA_DIR only (move this one away, or set DATA_DIR to a new folder)\n`,
    );

    const restoredDir = path.join(folder, "restored");
    const restore = await npm("restore", file, restoredDir);
    expect(restore.stdout).toMatch(/with its auth secret/);
    expect(readdirSync(restoredDir).sort()).toEqual(["auth-secret", "pglite"]);
    expect(statSync(path.join(restoredDir, "auth-secret")).mode & 0o777).toBe(0o600);

    await expectRestored(await start({ DATA_DIR: restoredDir }), account, apiKey, acknowledgedBefore);

    // A server that holds DATA_DIR but does not answer on the socket: the command says so, and
    // leaves the lock and the database alone.
    rmSync(path.join(dataDir, "admin.sock"));
    const unanswered = await npm("backup", path.join(folder, "unanswered.backup"), dataDir).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(unanswered?.code).toBe(1);
    expect(unanswered?.stderr).toBe(
      `backup failed: a server holds DATA_DIR ${dataDir} but does not answer on ${path.join(dataDir, "admin.sock")} (still starting?): try again once it is ready\n`,
    );
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it("refuses what it cannot do with one line and exit code 1", async () => {
    const refusal = (command: "backup" | "restore", file: string, env: Record<string, string>) =>
      run("npm", ["run", "--silent", command, "--", file], { env: { PATH: process.env.PATH ?? "", ...env } }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
    const notABackup = path.join(folder, "not-a-backup.txt");
    writeFileSync(notABackup, "hello\n");
    const empty = path.join(folder, "empty");
    expect(await refusal("restore", notABackup, { DATA_DIR: empty })).toEqual({
      code: 1,
      stderr: `restore failed: ${notABackup} is not a Tasklane backup\n`,
    });
    expect(readdirSync(folder)).not.toContain("empty");
    expect(await refusal("backup", path.join(folder, "x.backup"), { DATA_DIR: empty })).toEqual({
      code: 1,
      stderr: `backup failed: DATA_DIR ${empty} holds no database\n`,
    });
    expect(
      await refusal("backup", path.join(folder, "x.backup"), {
        DATABASE_URL: "postgres://tasklane@127.0.0.1:5432/tasklane",
        BETTER_AUTH_SECRET: testSecret(),
      }),
    ).toEqual({ code: 1, stderr: 'DATABASE_URL is set: use pg_dump -Fc for PostgreSQL (README, "Backups")\n' });
  });

  it("backs up a DATA_DIR no server runs on by opening it itself", async () => {
    const dataDir = path.join(folder, "stopped");
    const base = await start({ DATA_DIR: dataDir });
    const account = await signUpOver(base);
    const { titles, apiKey } = await fill(base, account);
    expect(await servers.at(-1)!.stop()).toBe(0);
    expect(readdirSync(dataDir)).not.toContain("admin.sock");

    const file = path.join(folder, "stopped.backup");
    expect((await npm("backup", file, dataDir)).stdout).toMatch(/with no server running/);
    const restoredDir = path.join(folder, "stopped-restored");
    await npm("restore", file, restoredDir);
    await expectRestored(await start({ DATA_DIR: restoredDir }), account, apiKey, titles);
  });
});

describe.runIf(adminUrl)("PostgreSQL (TEST_DATABASE_URL), with pg_dump and pg_restore as the README shows", () => {
  it("restores a dump taken while tasks are being written into an empty database, which then serves", async () => {
    const original = await createTestDatabase(adminUrl!);
    cleanups.push(original.drop);
    const secret = testSecret();
    const base = await start({ DATABASE_URL: original.url, BETTER_AUTH_SECRET: secret });
    const account = await signUpOver(base);
    const { titles, apiKey } = await fill(base, account);

    const writers = keepWriting(base, account.token);
    await writersUnderWay(writers.acknowledged);
    const acknowledgedBefore = [...titles, ...writers.acknowledged];
    const file = path.join(folder, "tasklane.dump");
    await run("pg_dump", ["-Fc", "-f", file, original.url]);
    await writers.stop();

    const restored = await createTestDatabase(adminUrl!);
    cleanups.push(restored.drop);
    await run("pg_restore", ["--no-owner", "--exit-on-error", "-d", restored.url, file]);

    await expectRestored(
      await start({ DATABASE_URL: restored.url, BETTER_AUTH_SECRET: secret }),
      account,
      apiKey,
      acknowledgedBefore,
    );
  });
});
