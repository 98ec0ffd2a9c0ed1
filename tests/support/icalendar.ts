// Reads an iCalendar document with an independent parser: Python's `icalendar` (Debian's
// python3-icalendar, which .ci/run installs), with python-dateutil expanding RRULEs and Python's
// own zoneinfo giving each occurrence its offset. Nothing here shares code with ical-generator.
import { spawnSync } from "node:child_process";

const SCRIPT = String.raw`
import sys, json
from datetime import datetime
from zoneinfo import ZoneInfo
from icalendar import Calendar
from dateutil.rrule import rrulestr

def text(value):
    raw = value.to_ical()
    return raw.decode() if isinstance(raw, bytes) else raw

cal = Calendar.from_ical(sys.stdin.buffer.read())
out = {"name": str(cal.get("X-WR-CALNAME") or ""), "timezones": {}, "events": []}
for tz in cal.walk("VTIMEZONE"):
    out["timezones"][str(tz.get("TZID"))] = sorted(
        {sub.name: text(sub.get("TZOFFSETTO")) for sub in tz.subcomponents}.items()
    )
for event in cal.walk("VEVENT"):
    prop = event["DTSTART"]
    start = prop.dt
    item = {
        "uid": str(event.get("UID")),
        "summary": str(event.get("SUMMARY")),
        "url": str(event.get("URL")) if event.get("URL") else None,
        "description": str(event.get("DESCRIPTION")) if event.get("DESCRIPTION") else None,
        "stamp": event.decoded("DTSTAMP").isoformat(),
        "allDay": not isinstance(start, datetime),
        "tzid": prop.params.get("TZID"),
        "rrule": text(event["RRULE"]) if event.get("RRULE") else None,
    }
    zone = ZoneInfo(item["tzid"]) if item["tzid"] else None
    local = start.replace(tzinfo=None) if isinstance(start, datetime) else start
    item["start"] = (local.replace(tzinfo=zone) if zone else start).isoformat()
    if item["rrule"]:
        first = local if isinstance(local, datetime) else datetime(local.year, local.month, local.day)
        rule = item["rrule"]
        if zone and "UNTIL=" in rule:
            # dateutil compares a UTC UNTIL with naive local times: give it the local instant.
            until = rule.split("UNTIL=")[1].split(";")[0]
            utc = datetime.strptime(until, "%Y%m%dT%H%M%SZ").replace(tzinfo=ZoneInfo("UTC"))
            rule = rule.replace("UNTIL=" + until, "UNTIL=" + utc.astimezone(zone).strftime("%Y%m%dT%H%M%S"))
        occurrences = list(rrulestr(rule, dtstart=first).xafter(first, count=6, inc=True))
        item["occurrences"] = [
            (o.replace(tzinfo=zone).isoformat() if zone else (o.date().isoformat() if item["allDay"] else o.isoformat()))
            for o in occurrences
        ]
    out["events"].append(item)
print(json.dumps(out))
`;

export interface ParsedEvent {
  uid: string;
  summary: string;
  url: string | null;
  description: string | null;
  stamp: string;
  allDay: boolean;
  tzid: string | null;
  /** ISO 8601: a date for a day's event, a local time with its offset for a timed one. */
  start: string;
  rrule: string | null;
  /** The first six dates the rule falls on, from the start, each with its own offset. */
  occurrences?: string[];
}

export interface ParsedCalendar {
  name: string;
  /** Each VTIMEZONE's TZID, with its STANDARD and DAYLIGHT offsets. */
  timezones: Record<string, [string, string][]>;
  events: ParsedEvent[];
}

/** Where python3 with icalendar is: $PYTHON, the one on PATH, Debian's. */
export function pythonWithIcalendar(): string | undefined {
  return [process.env.PYTHON, "python3", "/usr/bin/python3"].find(
    (python) => python && spawnSync(python, ["-c", "import icalendar, dateutil, zoneinfo"]).status === 0,
  );
}

export function parseICalendar(document: string, python = pythonWithIcalendar()): ParsedCalendar {
  if (!python) throw new Error("python3 with icalendar is missing (apt-get install python3-icalendar)");
  const result = spawnSync(python, ["-c", SCRIPT], { input: document, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`icalendar could not read the feed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ParsedCalendar;
}
