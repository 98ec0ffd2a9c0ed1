import { describe, expect, it } from "vitest";
import { ConnectionTracker, keepAccepting } from "../../server/connections";

describe("which connections a stop may close", () => {
  it("a new connection is idle only after the idle moment, so its first request can still arrive", () => {
    const tracker = new ConnectionTracker<string>(250);
    tracker.opened("a", 1_000);
    expect(tracker.idle(1_249)).toEqual([]);
    expect(tracker.idle(1_250)).toEqual(["a"]);
  });

  it("a connection with a request in flight is never idle, however long it runs", () => {
    const tracker = new ConnectionTracker<string>(250);
    tracker.opened("a", 0);
    tracker.requestStarted("a");
    expect(tracker.idle(60_000)).toEqual([]);
    tracker.requestEnded("a", 60_000);
    expect(tracker.idle(60_100)).toEqual([]);
    expect(tracker.idle(60_250)).toEqual(["a"]);
  });

  it("counts pipelined requests one by one", () => {
    const tracker = new ConnectionTracker<string>(250);
    tracker.opened("a", 0);
    tracker.requestStarted("a");
    tracker.requestStarted("a");
    tracker.requestEnded("a", 10);
    expect(tracker.idle(1_000)).toEqual([]);
    tracker.requestEnded("a", 20);
    expect(tracker.idle(1_000)).toEqual(["a"]);
  });

  it("forgets closed connections, and ignores requests of connections it never saw", () => {
    const tracker = new ConnectionTracker<string>(250);
    tracker.opened("a", 0);
    tracker.opened("b", 0);
    tracker.closed("a");
    tracker.requestStarted("c");
    tracker.requestEnded("c", 5);
    expect(tracker.idle(1_000)).toEqual(["b"]);
    expect(tracker.size).toBe(1);
  });
});

describe("when the listener may close", () => {
  it("keeps accepting while a quiet moment still brings connections, until the deadline", () => {
    expect(keepAccepting(2, 100, 1_000)).toBe(true);
    expect(keepAccepting(0, 100, 1_000)).toBe(false);
    expect(keepAccepting(5, 1_000, 1_000)).toBe(false);
  });
});
