// What a graceful stop needs to know about each open connection (decision 012): how many of its
// requests are not answered yet, and since when it has been quiet. Node's own notion of "idle"
// (no request object yet) is not enough: a connection whose request bytes have arrived but are
// not parsed yet looks idle to it, and closing it loses that request.

/** Quiet for this long with nothing in flight: long enough for the loop turns that read arrived bytes. */
export const IDLE_AFTER_MS = 250;

interface ConnectionState {
  open: number;
  since: number;
}

export class ConnectionTracker<Socket> {
  readonly #connections = new Map<Socket, ConnectionState>();

  constructor(private readonly idleAfterMs = IDLE_AFTER_MS) {}

  /** A new connection counts as quiet from the moment it opened. */
  opened(socket: Socket, now: number): void {
    this.#connections.set(socket, { open: 0, since: now });
  }

  closed(socket: Socket): void {
    this.#connections.delete(socket);
  }

  requestStarted(socket: Socket): void {
    const state = this.#connections.get(socket);
    if (state) state.open += 1;
  }

  /** The request's response finished, or its connection went away. */
  requestEnded(socket: Socket, now: number): void {
    const state = this.#connections.get(socket);
    if (!state) return;
    state.open -= 1;
    state.since = now;
  }

  /** Connections with no request in flight that have been quiet for the idle moment. */
  idle(now: number): Socket[] {
    const idle: Socket[] = [];
    for (const [socket, state] of this.#connections) {
      if (state.open === 0 && now - state.since >= this.idleAfterMs) idle.push(socket);
    }
    return idle;
  }

  get size(): number {
    return this.#connections.size;
  }
}

/**
 * Once the listener is to close, it first keeps accepting until a quiet moment brings no new
 * connection (those completed by the kernel but not accepted yet would be reset), within a
 * deadline: true while it should wait for another moment.
 */
export function keepAccepting(acceptedDuringMoment: number, now: number, deadline: number): boolean {
  return acceptedDuringMoment > 0 && now < deadline;
}
