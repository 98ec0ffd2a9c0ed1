// What `npm run backup` and `npm run restore` do (server/backup-cli.ts loads this once the
// environment is set). Each prints one line, and exits 1 with the reason on stderr when it refuses.
import { once } from "node:events";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { config } from "~/config.server";
import { BackupError, backupStoppedDataDir, parseBackup, restoreIntoEmptyDataDir } from "~/db/backup.server";
import { adminSocketPath } from "~/db/pglite-files.server";

const USAGE = "usage: npm run backup -- FILE | npm run restore -- FILE";

/** The running server's backup, or undefined when no server listens on DATA_DIR's admin socket. */
async function backupFromRunningServer(dataDir: string): Promise<Buffer | undefined> {
  const socket = net.connect(adminSocketPath(dataDir));
  try {
    await once(socket, "connect");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ECONNREFUSED") return undefined;
    throw error;
  }
  // Written, not ended: a half-closed connection would end the server's side before it answers.
  socket.write("backup\n");
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  const answer = Buffer.concat(chunks);
  if (answer[0] === "{".charCodeAt(0) && answer.indexOf("\n") === answer.length - 1) {
    const { error } = JSON.parse(answer.toString("utf8")) as { error?: string };
    if (error) throw new BackupError(`the running server: ${error}`);
  }
  return answer;
}

async function backup(file: string): Promise<string> {
  const fromServer = await backupFromRunningServer(config.DATA_DIR);
  const backupFile = fromServer ?? (await backupStoppedDataDir(config.DATA_DIR));
  parseBackup(backupFile, "the backup");
  // Written aside and renamed: FILE is either the whole backup or untouched. Mode 0600: it
  // holds everyone's data and the auth secret (SECURITY.md).
  const partial = `${file}.partial`;
  await rm(partial, { force: true });
  await writeFile(partial, backupFile, { mode: 0o600 });
  await rename(partial, file);
  const how = fromServer ? "through the running server" : "with no server running";
  return `Backed up DATA_DIR ${path.resolve(config.DATA_DIR)} ${how} to ${file} (${backupFile.length} bytes); keep it as safe as DATA_DIR`;
}

async function restore(file: string): Promise<string> {
  const backupFile = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(`cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  const { authSecret } = await restoreIntoEmptyDataDir(config.DATA_DIR, backupFile, file);
  const secret = authSecret
    ? "with its auth secret"
    : "(it holds no auth secret: start the server with the BETTER_AUTH_SECRET it ran with)";
  return `Restored ${file} into DATA_DIR ${path.resolve(config.DATA_DIR)} ${secret}; start the server on it`;
}

export async function runBackupCommand([command, file, ...rest]: string[]): Promise<number> {
  if ((command !== "backup" && command !== "restore") || !file || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (config.DATABASE_URL) {
    const tool = command === "backup" ? "pg_dump -Fc" : "pg_restore";
    process.stderr.write(`DATABASE_URL is set: use ${tool} for PostgreSQL (README, "Backups")\n`);
    return 1;
  }
  try {
    process.stdout.write(`${await (command === "backup" ? backup(file) : restore(file))}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${command} failed: ${(error as Error).message}\n`);
    return 1;
  }
}
