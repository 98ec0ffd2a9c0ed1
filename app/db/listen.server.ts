// LISTEN for a channel (decision 108): the one piece of the app that holds a database session
// beyond a transaction (decision 065 said where it lives). PostgreSQL: a connection of its own,
// outside the pool, to DATABASE_DIRECT_URL when set (a transaction-mode pooler cannot carry a
// LISTEN), reconnected with backoff whenever it drops; it never throws into the process. PGlite:
// its in-process listen.
import pg from "pg";
import { config } from "~/config.server";
import { logger } from "~/logger.server";
import { listenInProcess } from "./client.server";

export interface Listening {
  /** Whether a notification can be trusted to arrive: false while reconnecting, and behind a pooler. */
  readonly reliable: boolean;
  stop(): Promise<void>;
}

interface ListenHandlers {
  /** A NOTIFY on the channel. */
  notified(): void;
  /** (Re)connected and listening: anything missed meanwhile should be read now. */
  connected(): void;
}

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 10_000;

export function listenFor(channel: string, handlers: ListenHandlers): Listening {
  if (listenInProcess) {
    const unlisten = listenInProcess(channel, handlers.notified);
    void unlisten.then(handlers.connected);
    return { reliable: true, stop: async () => (await unlisten)() };
  }
  return listenOnPostgres(channel, handlers);
}

function listenOnPostgres(channel: string, handlers: ListenHandlers): Listening {
  // Through a transaction-mode pooler (DATABASE_URL alone, with the default DATABASE_POOLER) a
  // LISTEN lands on whichever server connection the pooler lends: nothing says it stays ours.
  const direct = Boolean(config.DATABASE_DIRECT_URL) || config.DATABASE_POOLER === "none";
  let client: pg.Client | null = null;
  let stopped = false;
  let listening = false;
  let retryMs = FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | undefined;
  let warned = false;

  function retry(reason: string) {
    listening = false;
    const dropped = client;
    client = null;
    dropped?.removeAllListeners("notification");
    void dropped?.end().catch(() => {});
    if (stopped) return;
    if (!warned) logger.warn({ reason, retryMs }, "event notifications: connection lost; reconnecting");
    warned = true;
    timer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
  }

  async function connect() {
    if (stopped) return;
    const next = new pg.Client({
      connectionString: config.DATABASE_DIRECT_URL ?? config.DATABASE_URL,
      connectionTimeoutMillis: config.DATABASE_TIMEOUT_MS,
      keepAlive: true,
    });
    client = next;
    // A lost connection (a restart, a cut network) must never reach the process as an error.
    next.on("error", (error) => {
      if (client === next) retry(error.message);
    });
    next.on("end", () => {
      if (client === next) retry("connection ended");
    });
    next.on("notification", (message) => {
      if (message.channel === channel) handlers.notified();
    });
    try {
      await next.connect();
      await next.query(`listen "${channel}"`);
    } catch (error) {
      if (client === next) retry((error as Error).message);
      return;
    }
    if (stopped) return void next.end().catch(() => {});
    listening = true;
    retryMs = FIRST_RETRY_MS;
    if (warned) logger.info("event notifications: listening again");
    warned = false;
    handlers.connected();
  }

  void connect();
  return {
    get reliable() {
      return listening && direct;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const open = client;
      client = null;
      await open?.end().catch(() => {});
    },
  };
}
