// Each process's one reader of the event log (decision 108): woken by the commit's NOTIFY (or,
// when notifications cannot be trusted, every second), it reads the new events once, in id
// order, and hands each to the open streams of the people in its audience. A stream first
// catches up from its own last id while the hub keeps what arrives for it, so nothing is lost
// or sent twice in between.
import { now } from "~/clock.server";
import { listenFor, type Listening } from "~/db.server";
import { logger } from "~/logger.server";
import { forgetSharedProjects } from "~/projects/projects.server";
import {
  EVENTS_CHANNEL,
  eventsAfter,
  eventsVisibleTo,
  latestEventId,
  type StoredEvent,
  sweepEvents,
} from "./events.server";

/** Read when notifications are unreliable (reconnecting, or behind a transaction-mode pooler without a direct URL). */
const POLL_UNRELIABLE_MS = 1_000;
/** Read anyway now and then: a notification lost in a reconnect costs at most this. */
const POLL_RELIABLE_MS = 15_000;
const SWEEP_EVERY_MS = 3_600_000;
const BATCH = 500;
/**
 * Every open stream's credential is checked this often while idle (decision 127): one batched
 * lookup per kind for all the process's streams, so a revoked one stops within it.
 */
export const CREDENTIAL_CHECK_MS = 5_000;
/** Events are handed out only after a check at most this old: a revoked credential gets nothing new past it. */
const CREDENTIAL_FRESH_MS = 1_000;

/** What a stream was opened with, checked again while it is open (decision 127). */
export type StreamCredential =
  | { kind: "api-key"; keyId: string }
  | { kind: "session"; sessionId: string }
  | { kind: "app"; userId: string; clientId: string }
  /** A JWT: nothing to take back before it expires (the stream's lifetime bounds it). */
  | { kind: "token" };

/** Which of the credentials still stand (in order); one lookup per kind, not per stream. */
export type CredentialCheck = (credentials: readonly StreamCredential[]) => Promise<readonly boolean[]>;

/** What a stream receives: its events in id order, or a reset (its last id is older than the log). */
export interface EventSink {
  event(event: StoredEvent): void;
  reset(latest: number): void;
  /** The stream must end: the hub stops (a drain), or its person was removed from a project. */
  close(reason: CloseReason): void;
}

/** Why a stream ends: the drain, its person's removal from a project, or its credential taken back. */
export type CloseReason = "stopping" | "removed" | "revoked";

export class Subscription {
  /** The last id this stream has been given (or caught up to). */
  lastId = 0;
  #pending: StoredEvent[] | null = [];
  closed = false;

  constructor(
    readonly userId: string,
    readonly credential: StreamCredential,
    readonly sink: EventSink,
    private readonly hub: EventHub,
  ) {}

  /** From the hub: delivered at once, or kept while the stream catches up. */
  receive(event: StoredEvent): void {
    if (this.closed) return;
    if (this.#pending) this.#pending.push(event);
    else this.#deliver(event);
  }

  /** Caught up to `lastId`: what the hub kept meanwhile follows, without repeats. */
  caughtUp(): void {
    const pending = this.#pending ?? [];
    this.#pending = null;
    for (const event of pending) this.#deliver(event);
  }

  #deliver(event: StoredEvent): void {
    if (this.closed || event.id <= this.lastId) return;
    this.lastId = event.id;
    this.sink.event(event);
    // The member just removed hears of it, and their stream ends at once.
    if (event.kind === "member.removed" && event.userId === this.userId) this.end("removed");
  }

  end(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    this.hub.unsubscribe(this);
    this.sink.close(reason);
  }
}

export class EventHub {
  #cursor = 0;
  #started: Promise<void> | null = null;
  #listening: Listening | null = null;
  #reading: Promise<void> | null = null;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #sweeper: NodeJS.Timeout | undefined;
  #stopping = false;
  #failing = false;
  #credentialCheck: CredentialCheck | null = null;
  #checking: Promise<void> | null = null;
  #checkedAt = 0;
  #checker: NodeJS.Timeout | undefined;
  #checkFailing = false;
  readonly #byUser = new Map<string, Set<Subscription>>();

  /** Open streams on this process (the metrics and the bench read it). */
  get size(): number {
    let size = 0;
    for (const subscriptions of this.#byUser.values()) size += subscriptions.size;
    return size;
  }

  get stopping(): boolean {
    return this.#stopping;
  }

  /**
   * A stream for `userId` from `after` (null: from now): caught up from the log first (a reset
   * when `after` was swept), then fed by the hub.
   */
  async subscribe(
    userId: string,
    after: number | null,
    sink: EventSink,
    credential: StreamCredential = { kind: "token" },
  ): Promise<Subscription> {
    const subscription = new Subscription(userId, credential, sink, this);
    let subscriptions = this.#byUser.get(userId);
    if (!subscriptions) this.#byUser.set(userId, (subscriptions = new Set()));
    subscriptions.add(subscription);
    try {
      await this.start();
      if (after === null) {
        subscription.lastId = await latestEventId();
      } else {
        subscription.lastId = after;
        for (;;) {
          const page = await eventsVisibleTo(userId, subscription.lastId, BATCH);
          if (page.reset) {
            subscription.lastId = page.latest;
            sink.reset(page.latest);
            break;
          }
          for (const event of page.events) {
            subscription.lastId = event.id;
            sink.event(event);
          }
          if (page.events.length < BATCH) break;
        }
      }
    } catch (error) {
      this.unsubscribe(subscription);
      throw error;
    }
    subscription.caughtUp();
    return subscription;
  }

  unsubscribe(subscription: Subscription): void {
    const subscriptions = this.#byUser.get(subscription.userId);
    subscriptions?.delete(subscription);
    if (subscriptions?.size === 0) this.#byUser.delete(subscription.userId);
  }

  /** Starts listening on first use (or at the server's start). */
  start(): Promise<void> {
    this.#stopping = false;
    return (this.#started ??= (async () => {
      this.#cursor = await latestEventId();
      this.#listening = listenFor(EVENTS_CHANNEL, { notified: () => this.wake(), connected: () => this.wake() });
      this.#schedule();
      this.#sweeper = setInterval(() => {
        sweepEvents().catch((error: unknown) => logger.warn({ err: String(error) }, "event sweep failed"));
      }, SWEEP_EVERY_MS);
      this.#sweeper.unref();
      this.#checker = setInterval(() => void this.checkCredentials(), CREDENTIAL_CHECK_MS);
      this.#checker.unref();
    })().catch((error: unknown) => {
      this.#started = null;
      throw error;
    }));
  }

  /** How the streams' credentials are checked (set by the API's stream module, which knows the kinds). */
  checkCredentialsWith(check: CredentialCheck): void {
    this.#credentialCheck = check;
  }

  /**
   * Checks every open stream's credential now (the idle timer, before a batch of events, a
   * test) and ends the streams whose credential no longer stands. One check at a time: a
   * caller during one waits for it. A failed lookup keeps the streams (the log cannot be read
   * in an outage either) and is logged once per outage.
   */
  checkCredentials(): Promise<void> {
    return (this.#checking ??= this.#check().finally(() => (this.#checking = null)));
  }

  async #check(): Promise<void> {
    const check = this.#credentialCheck;
    const startedAt = now().getTime();
    const open = [...this.#byUser.values()].flatMap((subscriptions) =>
      [...subscriptions].filter((subscription) => subscription.credential.kind !== "token"),
    );
    if (!check || open.length === 0) {
      this.#checkedAt = startedAt;
      return;
    }
    try {
      const standing = await check(open.map((subscription) => subscription.credential));
      open.forEach((subscription, index) => {
        if (!standing[index]) subscription.end("revoked");
      });
      this.#checkedAt = startedAt;
      if (this.#checkFailing) logger.info("events: checking stream credentials again");
      this.#checkFailing = false;
    } catch (error) {
      if (!this.#checkFailing) logger.warn({ err: String(error) }, "events: could not check stream credentials");
      this.#checkFailing = true;
    }
  }

  /** Reads the new events now (a notification, a reconnect, a test). */
  wake(): void {
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = this.#readNew()
      .then(() => {
        if (this.#failing) logger.info("events: reading new events again");
        this.#failing = false;
      })
      .catch((error: unknown) => {
        // Once per outage: the poll retries every second meanwhile.
        if (!this.#failing) logger.warn({ err: String(error) }, "events: could not read new events");
        this.#failing = true;
      })
      .finally(() => {
        this.#reading = null;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  /** Resolves when every event committed before the call has been handed out (tests). */
  async settled(): Promise<void> {
    await this.#reading;
    this.wake();
    await this.#reading;
  }

  async #readNew(): Promise<void> {
    for (;;) {
      const events = await eventsAfter(this.#cursor, BATCH);
      // A credential taken back since the last check gets none of these.
      if (events.length > 0 && now().getTime() - this.#checkedAt >= CREDENTIAL_FRESH_MS) await this.checkCredentials();
      for (const event of events) {
        this.#cursor = event.id;
        // A membership changed, maybe in another process: this one's kept answer for that person goes.
        if (event.kind.startsWith("member.") && event.userId) forgetSharedProjects(event.userId);
        for (const userId of event.audience) {
          const subscriptions = this.#byUser.get(userId);
          if (subscriptions) for (const subscription of [...subscriptions]) subscription.receive(event);
        }
      }
      if (events.length < BATCH) return;
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    const every = this.#listening?.reliable ? POLL_RELIABLE_MS : POLL_UNRELIABLE_MS;
    this.#timer = setTimeout(() => {
      this.wake();
      this.#schedule();
    }, every);
    this.#timer.unref();
  }

  /** Ends every stream (SIGTERM's drain: their clients reconnect to another instance) and refuses new ones. */
  closeStreams(): void {
    this.#stopping = true;
    for (const subscriptions of [...this.#byUser.values()])
      for (const subscription of [...subscriptions]) subscription.end("stopping");
  }

  async stop(): Promise<void> {
    this.closeStreams();
    clearTimeout(this.#timer);
    clearInterval(this.#sweeper);
    clearInterval(this.#checker);
    await this.#listening?.stop();
    this.#listening = null;
    this.#started = null;
    await this.#reading;
    await this.#checking;
  }
}

const globalForHub = globalThis as { tasklaneEventHub?: EventHub };

/** The process's one hub (one per process even when the dev server reloads this module). */
export const eventHub = (globalForHub.tasklaneEventHub ??= new EventHub());
