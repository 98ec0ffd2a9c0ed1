// The embedded database's backup file (decision 075): one line of JSON, then PGlite's dump of
// its data directory (a gzipped tarball). The line carries DATA_DIR's generated auth secret, which
// signs the sessions and encrypts the JWT signing keys: without it a restore would sign everyone
// out and leave the keys unreadable. The file is therefore as sensitive as DATA_DIR itself.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { authSecretPath } from "~/config.server";
import { DataDirLockedError, lockDataDir } from "./data-dir-lock.server";
import { adminSocketPath, pgliteExtensions, pgliteFolder } from "./pglite-files.server";

const gzipAsync = promisify(gzip);

const FORMAT = "tasklane-backup";
const VERSION = 1;

interface BackupHeader {
  format: typeof FORMAT;
  version: typeof VERSION;
  database: "pglite";
  createdAt: string;
  /** DATA_DIR/auth-secret; null when the server runs with BETTER_AUTH_SECRET instead. */
  authSecret: string | null;
}

/** A refusal the commands print as it is (one line, exit 1). */
export class BackupError extends Error {}

async function readAuthSecret(dataDir: string): Promise<string | null> {
  try {
    return (await readFile(authSecretPath(dataDir), "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** The backup file of an open PGlite on `dataDir`, in memory (PGlite builds its tarball there anyway). */
export async function dumpBackup(client: PGlite, dataDir: string): Promise<Buffer> {
  // Between transactions, so that none is half in the copy, and between statements (the dump
  // itself waits for the running one): the files then hold exactly what was committed. Requests
  // wait meanwhile, so the tarball is compressed after, on libuv's threads (decision 075).
  const tar = await client._runExclusiveTransaction(() => client.dumpDataDir("none"));
  const tarball = await gzipAsync(new Uint8Array(await tar.arrayBuffer()));
  const header: BackupHeader = {
    format: FORMAT,
    version: VERSION,
    database: "pglite",
    createdAt: new Date().toISOString(),
    authSecret: await readAuthSecret(dataDir),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), tarball]);
}

/** Splits a backup file into its header and tarball; refuses anything else with one line. */
export function parseBackup(file: Buffer, name: string): { header: BackupHeader; tarball: Buffer } {
  const end = file.subarray(0, 4096).indexOf("\n");
  let header: Partial<BackupHeader> | undefined;
  try {
    header = end > 0 ? (JSON.parse(file.subarray(0, end).toString("utf8")) as Partial<BackupHeader>) : undefined;
  } catch {
    header = undefined;
  }
  if (header?.format !== FORMAT) throw new BackupError(`${name} is not a Tasklane backup`);
  if (header.version !== VERSION || header.database !== "pglite")
    throw new BackupError(`${name} is a Tasklane backup of a kind this version cannot restore`);
  return { header: header as BackupHeader, tarball: file.subarray(end + 1) };
}

/** A backup with no server running: the command takes DATA_DIR's lock and opens the database itself. */
export async function backupStoppedDataDir(dataDir: string): Promise<Buffer> {
  if (!existsSync(path.join(pgliteFolder(dataDir), "PG_VERSION")))
    throw new BackupError(`DATA_DIR ${path.resolve(dataDir)} holds no database`);
  const unlock = await lockDataDir(dataDir).catch((error: unknown) => {
    if (!(error instanceof DataDirLockedError)) throw error;
    throw new BackupError(
      `a server holds DATA_DIR ${path.resolve(dataDir)} but does not answer on ${adminSocketPath(dataDir)} (still starting?): try again once it is ready`,
    );
  });
  try {
    const client = await PGlite.create(pgliteFolder(dataDir), { extensions: pgliteExtensions });
    try {
      return await dumpBackup(client, dataDir);
    } finally {
      await client.close();
    }
  } finally {
    await unlock();
  }
}

/**
 * Restores a backup into an empty (or absent) DATA_DIR, which the server then starts on.
 * Never into one that holds anything: that could be a live database, or half of one.
 */
export async function restoreIntoEmptyDataDir(
  dataDir: string,
  file: Buffer,
  name: string,
): Promise<{ authSecret: boolean }> {
  const { header, tarball } = parseBackup(file, name);
  const entries = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  if (entries.length > 0)
    throw new BackupError(
      `DATA_DIR ${path.resolve(dataDir)} is not empty: a restore goes into an empty DATA_DIR only (move this one away, or set DATA_DIR to a new folder)`,
    );
  await mkdir(pgliteFolder(dataDir), { recursive: true });
  const unlock = await lockDataDir(dataDir);
  try {
    const client = await PGlite.create(pgliteFolder(dataDir), {
      loadDataDir: new Blob([new Uint8Array(tarball)], { type: "application/gzip" }),
      extensions: pgliteExtensions,
    });
    await client.query("select 1");
    await client.close();
    if (header.authSecret)
      await writeFile(authSecretPath(dataDir), `${header.authSecret}\n`, { mode: 0o600, flag: "wx" });
  } finally {
    await unlock();
  }
  return { authSecret: header.authSecret !== null };
}
