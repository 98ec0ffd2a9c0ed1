// WEB_CONCURRENCY > 1: this process is the primary. It serves nothing itself: node:cluster
// shares the port with the workers it forks (each runs server/main.ts's server, with its own
// database pool and password threads), it replaces a worker that dies, and on SIGTERM/SIGINT
// it passes the signal on and waits for every worker to drain (decision 051).
import cluster, { type Worker } from "node:cluster";
import { config } from "~/config.server";
import { logger } from "~/logger.server";

/** A worker tells the primary it has finished starting (server/main.ts sends it). */
export const WORKER_READY = "tasklane:ready";

// A worker that dies within STABLE_AFTER_MS of its start counts as a crash in a row: the first
// is replaced at once, the next after RESTART_BASE_MS, doubling up to RESTART_MAX_MS, so that
// a crash loop does not spin.
const STABLE_AFTER_MS = 30_000;
const RESTART_BASE_MS = 500;
const RESTART_MAX_MS = 30_000;

export function superviseWorkers(): void {
  let stopping = false;
  let exitCode = 0;
  // Until every first worker is ready, a death is a start-up failure: it stops everything
  // (exit 1), as a single process's failed start does, instead of restarting in a loop.
  let starting = true;
  let ready = 0;
  let crashesInARow = 0;
  const startedAt = new Map<Worker, number>();
  const pendingRestarts = new Set<NodeJS.Timeout>();

  function fork(): Worker {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    worker.on("message", (message) => {
      if (message !== WORKER_READY) return;
      if (starting && ++ready === config.WEB_CONCURRENCY) {
        starting = false;
        logger.info({ workers: config.WEB_CONCURRENCY }, "all workers ready");
      }
    });
    return worker;
  }

  function stopAll(signal: NodeJS.Signals) {
    if (stopping) return;
    stopping = true;
    for (const timer of pendingRestarts) clearTimeout(timer);
    pendingRestarts.clear();
    // Each worker drains as a single process does (server/drain.ts): nothing already sent is lost.
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    exitWhenAllGone();
  }

  function exitWhenAllGone() {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  }

  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (code !== 0) exitCode = 1;
      return exitWhenAllGone();
    }
    if (starting) {
      // The worker said why on stderr (one line, like a single process); the others stop too.
      exitCode = code || 1;
      return stopAll("SIGTERM");
    }
    crashesInARow = lived < STABLE_AFTER_MS ? crashesInARow + 1 : 0;
    const delay = crashesInARow <= 1 ? 0 : Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** (crashesInARow - 2));
    logger.error({ worker: worker.process.pid, code, signal, restartInMs: delay }, "worker exited; starting another");
    const timer = setTimeout(() => {
      pendingRestarts.delete(timer);
      fork();
    }, delay);
    pendingRestarts.add(timer);
  });

  process.on("SIGTERM", () => stopAll("SIGTERM"));
  process.on("SIGINT", () => stopAll("SIGINT"));

  // The first worker listens alone: a port that cannot be used is then reported once.
  const first = fork();
  first.once("listening", () => {
    for (let i = 1; i < config.WEB_CONCURRENCY; i++) fork();
  });
}
