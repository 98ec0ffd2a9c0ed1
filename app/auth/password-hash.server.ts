// Password hashing for Better Auth, in the same format as its own (`salt:key`, scrypt with
// N=16384, r=16, p=1, 64-byte key, NFKC), so hashes made before and after are interchangeable.
//
// The difference is where the work runs. Better Auth's default calls node:crypto's scrypt on
// libuv's shared thread pool at the process's priority: a burst of sign-ins then takes every
// core from the requests already in flight, which wait behind ~80 ms jobs. Here each hash runs
// in one of a few worker threads that lower their own scheduling priority (Linux: nice 19 on
// the thread), so the kernel runs request handling first and gives scrypt all the CPU that is
// left: other users' requests stay quick during a burst of sign-ins, which in turn take
// somewhat longer when the server is busy (decisions 010 and 051).
import { randomBytes, timingSafeEqual } from "node:crypto";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { config } from "~/config.server";

// The lowest priority there is: the readers come first (decision 051). At nice 10 a thread
// still weighs 110 against a request thread's 1024 in Linux's scheduler, at 19 it weighs 15.
const WORKER_NICENESS = 19;

// CommonJS, evaluated in the worker (no file to ship beside the bundle).
const workerSource = `
const { parentPort } = require("node:worker_threads");
const { scryptSync } = require("node:crypto");
const { readlinkSync } = require("node:fs");
const { setPriority } = require("node:os");
try {
  // /proc/thread-self -> "<pid>/task/<tid>"; setpriority on a thread id affects that thread only.
  const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
  setPriority(tid, ${WORKER_NICENESS});
} catch {
  // Not Linux, or not allowed: run at the process's priority.
}
parentPort.on("message", ({ password, salt }) => {
  try {
    const key = scryptSync(password.normalize("NFKC"), salt, 64, { N: 16384, r: 16, p: 1, maxmem: 128 * 16384 * 16 * 2 });
    parentPort.postMessage({ key: key.toString("hex") });
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
});
`;

interface Job {
  password: string;
  salt: string;
  resolve: (key: string) => void;
  reject: (error: Error) => void;
}

// Threads with nothing to do for this long are stopped, their memory (an isolate and scrypt's
// 32 MiB working buffer each) given back; the next sign-in starts them again (~30 ms).
const IDLE_STOP_MS = 10_000;

/** A set of worker threads, one job each at a time; jobs wait their turn in order. */
function createScryptPool(size: number) {
  const idle: Worker[] = [];
  const queue: Job[] = [];
  const running = new Map<Worker, Job>();
  let started = false;
  let idleTimer: NodeJS.Timeout | undefined;

  function start() {
    started = true;
    for (let i = 0; i < size; i++) spawn();
  }

  function stop() {
    if (running.size > 0 || queue.length > 0) return;
    started = false;
    for (const worker of idle.splice(0)) void worker.terminate();
  }

  function spawn() {
    const worker = new Worker(workerSource, { eval: true });
    worker.on("message", (message: { key?: string; error?: string }) => {
      const job = running.get(worker);
      running.delete(worker);
      worker.unref();
      if (job) {
        if (message.key !== undefined) job.resolve(message.key);
        else job.reject(new Error(message.error));
      }
      idle.push(worker);
      dispatch();
    });
    worker.on("error", (error) => {
      running.get(worker)?.reject(error);
      running.delete(worker);
      const index = idle.indexOf(worker);
      if (index >= 0) idle.splice(index, 1);
      if (started) spawn();
      dispatch();
    });
    // An idle worker must not keep the process alive; a busy one must, until its answer is in
    // (unref after the listeners: adding a "message" listener refs the worker again).
    worker.unref();
    idle.push(worker);
  }

  function dispatch() {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      running.set(worker, job);
      worker.ref();
      worker.postMessage({ password: job.password, salt: job.salt });
    }
    clearTimeout(idleTimer);
    if (running.size === 0 && queue.length === 0) idleTimer = setTimeout(stop, IDLE_STOP_MS).unref();
  }

  return function derive(password: string, salt: string): Promise<string> {
    if (!started) start();
    return new Promise((resolve, reject) => {
      queue.push({ password, salt, resolve, reject });
      dispatch();
    });
  };
}

// Two threads per core, as many as libuv's pool gives scrypt by default on two cores: with
// their low priority, more runnable threads take more of the CPU requests leave unused.
// Measured (npm run bench, scenario 4, 2 cores): 2 threads at nice 5 finished a storm of 100
// sign-ins in 1.7–2.0× the raw scrypt time with readers' p95 at 1.3–3.3× idle; 4 at nice 10
// in 1.55–1.75× with readers at 1.8–2.0×; libuv's pool at full priority 1.2–1.4× with
// readers at 6–11×. On 2026-12-01 (a loaded machine) 4 at nice 19 kept readers at 2.6–3.4×
// where nice 10 gave 2.7–4.4×, with the storm at 0.6–1.1× (its target is now 2×).
// With WEB_CONCURRENCY workers, each takes its share of the cores: the machine keeps the same
// number of password threads in all (decision 051).
const derive = createScryptPool(Math.max(1, Math.floor((availableParallelism() / config.WEB_CONCURRENCY) * 2)));

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16).toString("hex");
  return `${salt}:${await derive(password, salt)}`;
}

export async function verifyPassword({ hash, password }: { hash: string; password: string }): Promise<boolean> {
  const [salt, key] = hash.split(":");
  if (!salt || !key) throw new Error("Invalid password hash");
  const derived = Buffer.from(await derive(password, salt), "hex");
  const stored = Buffer.from(key, "hex");
  return derived.length === stored.length && timingSafeEqual(derived, stored);
}
