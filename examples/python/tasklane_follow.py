#!/usr/bin/env python3
"""Follow a Tasklane account's changes as they happen: GET /api/events (Server-Sent Events).

Usage: python3 tasklane_follow.py BASE_URL [API_KEY] [--last-event-id ID] [--max-events N] [--poll]
(or the key in TASKLANE_API_KEY). Standard library only.

It prints one line per event ("<id> <kind> <entityId> project=<projectId> etag=<etag>") and keeps
the last id. When the stream ends (a server restarting or shutting down, the stream's 15 minutes,
a network drop) it reconnects with Last-Event-ID after a backoff (1 s, doubling to 30 s), so it
misses nothing within the server's EVENT_RETENTION_DAYS. An id older than that gets a "reset"
event: a real client refetches what it shows (here: a line), then follows on from there.
With --poll it asks GET /api/events?after=ID every 2 seconds instead (JSON pages).
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request


def parse_args(argv):
    args = {"last_event_id": None, "max_events": None, "poll": False, "positional": []}
    items = iter(argv)
    for item in items:
        if item == "--last-event-id":
            args["last_event_id"] = next(items)
        elif item == "--max-events":
            args["max_events"] = int(next(items))
        elif item == "--poll":
            args["poll"] = True
        else:
            args["positional"].append(item)
    return args


def show(event, kind):
    """One line per event; a reset says what a client would do."""
    if kind == "reset":
        print(f"reset: events were swept; refetch, then follow from {event['latest']}", flush=True)
    elif kind == "closed":
        print(f"stream closed by the server: {event.get('reason')}", flush=True)
    else:
        print(
            f"{event['id']} {event['kind']} {event['entityId']} project={event['projectId']} etag={event['etag']}",
            flush=True,
        )


def stream_once(base_url, key, last_event_id, on_event):
    """One connection: reads frames until the server ends the stream. Returns the last id seen."""
    headers = {"Authorization": f"Bearer {key}", "Accept": "text/event-stream"}
    if last_event_id:
        headers["Last-Event-ID"] = last_event_id
    request = urllib.request.Request(base_url + "/api/events", headers=headers)
    # No read timeout shorter than the server's 25-second keep-alive comments.
    with urllib.request.urlopen(request, timeout=60) as response:
        print("following" + (f" from {last_event_id}" if last_event_id else ""), flush=True)
        frame = {}
        for raw in response:
            line = raw.decode("utf-8").rstrip("\r\n")
            if line == "":
                if "data" in frame:
                    if "id" in frame:
                        last_event_id = frame["id"]
                    if not on_event(json.loads(frame["data"]), frame.get("event", "message")):
                        return last_event_id, True
                frame = {}
            elif line.startswith(":"):
                continue  # a keep-alive comment
            else:
                name, _, value = line.partition(":")
                frame[name] = value[1:] if value.startswith(" ") else value
    return last_event_id, False


def follow(base_url, key, last_event_id, max_events):
    seen = 0

    def on_event(event, kind):
        nonlocal seen
        show(event, kind)
        if kind not in ("reset", "closed"):
            seen += 1
        return max_events is None or seen < max_events

    backoff = 1
    while True:
        try:
            last_event_id, done = stream_once(base_url, key, last_event_id, on_event)
            if done:
                return last_event_id
            backoff = 1
        except urllib.error.HTTPError as error:
            if error.code in (401, 403):
                raise SystemExit(f"GET /api/events: {error.code}: check the key") from None
            print(f"answered {error.code}; reconnecting in {backoff} s", file=sys.stderr, flush=True)
        except OSError as error:
            print(f"connection lost ({error}); reconnecting in {backoff} s", file=sys.stderr, flush=True)
        time.sleep(backoff)
        backoff = min(backoff * 2, 30)


def poll(base_url, key, after, max_events):
    seen = 0
    after = after or "0"
    while True:
        request = urllib.request.Request(
            f"{base_url}/api/events?after={after}", headers={"Authorization": f"Bearer {key}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            page = json.loads(response.read())
        if page["reset"]:
            show({"latest": page["latest"]}, "reset")
            after = page["latest"]
            continue
        for event in page["events"]:
            show(event, event["kind"])
            after = event["id"]
            seen += 1
            if max_events is not None and seen >= max_events:
                return after
        if len(page["events"]) == 0:
            time.sleep(2)


def main():
    args = parse_args(sys.argv[1:])
    if not args["positional"]:
        raise SystemExit(__doc__)
    base_url = args["positional"][0].rstrip("/")
    key = args["positional"][1] if len(args["positional"]) > 1 else os.environ.get("TASKLANE_API_KEY")
    if not key:
        raise SystemExit("an API key is needed (argument or TASKLANE_API_KEY)")
    run = poll if args["poll"] else follow
    last = run(base_url, key, args["last_event_id"], args["max_events"])
    print(f"last event id: {last}", flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
