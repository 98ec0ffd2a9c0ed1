import { statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import lockfile from "proper-lockfile";
import { dataDirProblem } from "~/config.server";
import { logger } from "~/logger.server";

// One process per embedded database: PGlite keeps its own copy of the data pages in memory,
// so a second process on the same folder would overwrite the first one's writes (decision 012).
// The lock is a folder whose mtime the holder refreshes every LOCK_UPDATE_MS; a holder killed
// with SIGKILL stops refreshing it, and after LOCK_STALE_MS the next start takes it over.
const LOCK_STALE_MS = 10_000;
const LOCK_UPDATE_MS = 2_000;

/** Another live process holds DATA_DIR. */
export class DataDirLockedError extends Error {}

/** Takes DATA_DIR's lock; resolves to its release. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, "tasklane.lock");
  const refused = () =>
    new DataDirLockedError(
      `DATA_DIR ${path.resolve(dataDir)} is in use by another Tasklane process (${lockPath} is held); stop that process or set another DATA_DIR`,
    );
  const mtime = () => {
    try {
      return statSync(lockPath).mtimeMs;
    } catch {
      return 0;
    }
  };
  const deadline = Date.now() + LOCK_STALE_MS + 2 * LOCK_UPDATE_MS;
  for (;;) {
    try {
      return await lockfile.lock(dataDir, {
        lockfilePath: lockPath,
        realpath: false,
        stale: LOCK_STALE_MS,
        update: LOCK_UPDATE_MS,
        // Another process took the lock over (this one's event loop stalled past LOCK_STALE_MS):
        // writing on would corrupt the data, so stop at once and let the supervisor restart us.
        onCompromised(error) {
          logger.fatal({ err: error.message }, "lost the lock on DATA_DIR; exiting");
          process.exit(1);
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED")
        throw new Error(dataDirProblem(dataDir, error), { cause: error });
      // A live holder refreshes the lock within LOCK_UPDATE_MS: refuse now rather than wait
      // for a lock that will never go stale. A killed holder's lock stops changing: wait it out.
      const before = mtime();
      await sleep(LOCK_UPDATE_MS + 500);
      if (mtime() !== before || Date.now() > deadline) throw refused();
    }
  }
}
