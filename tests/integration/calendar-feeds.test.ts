// Calendar feeds (issue 34, decision 119): the person's and a project's secret address through
// the JSON API, the iCalendar document read back by an independent parser (Python's icalendar,
// dateutil and zoneinfo) with the right local times on both sides of a daylight-saving change,
// RRULEs, completed tasks left out, ETag and If-None-Match, rotation and revocation (the old
// address a 404 at once), and a project's feed for its members only.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addProjectMember, removeProjectMember } from "~/projects/members.server";
import { calendarFeed } from "../../db/schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";
import { type ParsedCalendar, parseICalendar, pythonWithIcalendar } from "../support/icalendar";

const python = pythonWithIcalendar();
if (!python)
  console.warn("calendar feed parsing skipped: no python3 with icalendar (apt-get install python3-icalendar)");

let owner: ApiUser;
let viewer: ApiUser;
let stranger: ApiUser;
let projectId: string;
const ids: Record<string, string> = {};

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function createTask(who: ApiUser, body: Record<string, unknown>): Promise<string> {
  const response = await apiFetch("/api/tasks", withToken(who.token, { method: "POST", json: body }));
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json<{ id: string }>(response)).id;
}

interface FeedBody {
  url: string | null;
  webcalUrl: string | null;
}

const feedPath = (url: string) => new URL(url).pathname;

async function readFeed(url: string, headers: Record<string, string> = {}) {
  return apiFetch(feedPath(url), { headers });
}

async function parsedFeed(url: string): Promise<ParsedCalendar> {
  const response = await readFeed(url);
  expect(response.status).toBe(200);
  return parseICalendar(await response.text(), python);
}

beforeAll(async () => {
  [owner, viewer, stranger] = await Promise.all([
    signUpApiUser("Feed Owner"),
    signUpApiUser("Feed Viewer"),
    signUpApiUser("Feed Stranger"),
  ]);
  const project = await apiFetch(
    "/api/projects",
    withToken(owner.token, { method: "POST", json: { name: "Team calendar" } }),
  );
  projectId = (await json<{ id: string }>(project)).id;
  await addProjectMember(owner.id, projectId, viewer.id, "viewer");
  // Weekly at 09:00 in Berlin, across the spring-forward night of 28 March 2027.
  ids.standup = await createTask(owner, {
    title: "Standup",
    description: "Every Monday",
    dueDate: "2027-03-22",
    dueTime: "09:00",
    timeZone: "Europe/Berlin",
    repeat: { rule: "FREQ=WEEKLY", mode: "due" },
    projectId,
  });
  // Daily at 18:00 in New York across 14 March 2027, six times.
  ids.call = await createTask(owner, {
    title: "Call New York",
    dueDate: "2027-03-12",
    dueTime: "18:00",
    timeZone: "America/New_York",
    repeat: { rule: "FREQ=DAILY;UNTIL=20270317", mode: "due" },
  });
  // The whole day, on the 31st or the month's last.
  ids.rent = await createTask(owner, {
    title: "Pay rent",
    dueDate: "2027-01-31",
    timeZone: "Europe/Berlin",
    repeat: { rule: "FREQ=MONTHLY;BYMONTHDAY=31", mode: "due" },
  });
  ids.done = await createTask(owner, { title: "Already done", dueDate: "2027-03-01" });
  await apiFetch(`/api/tasks/${ids.done}/complete`, withToken(owner.token, { method: "PATCH" }));
  ids.undated = await createTask(owner, { title: "No date" });
});

describe("the person's feed", () => {
  let url: string;

  it("is off until asked for, then has a secret https and webcal:// address", async () => {
    const off = await apiFetch("/api/calendar-feed", withToken(owner.token));
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ url: null, webcalUrl: null });
    const on = await apiFetch("/api/calendar-feed", withToken(owner.token, { method: "POST" }));
    expect(on.status).toBe(200);
    const body = await json<FeedBody>(on);
    expect(body.url).toMatch(/^http:\/\/localhost:3000\/calendar\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(body.webcalUrl).toBe(body.url!.replace(/^http:/, "webcal:"));
    url = body.url!;
    expect(await json<FeedBody>(await apiFetch("/api/calendar-feed", withToken(owner.token)))).toEqual(body);
    // Only the nonce is stored, never the address's secret.
    const rows = await db.select().from(calendarFeed).where(eq(calendarFeed.userId, owner.id));
    expect(JSON.stringify(rows)).not.toContain(url.split("/").at(-1)!.replace(".ics", ""));
  });

  it.skipIf(!python)("parses in an independent parser with local times on both sides of a DST change", async () => {
    const response = await readFeed(url);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const feed = parseICalendar(await response.text(), python);
    expect(feed.name).toBe("Tasklane");
    const byTitle = Object.fromEntries(feed.events.map((event) => [event.summary, event]));
    expect(Object.keys(byTitle).sort()).toEqual(["Call New York", "Pay rent", "Standup"]);

    const standup = byTitle.Standup!;
    expect(standup.tzid).toBe("Europe/Berlin");
    expect(standup.start).toBe("2027-03-22T09:00:00+01:00");
    expect(standup.occurrences!.slice(0, 3)).toEqual([
      "2027-03-22T09:00:00+01:00",
      "2027-03-29T09:00:00+02:00",
      "2027-04-05T09:00:00+02:00",
    ]);
    expect(standup.url).toBe(`http://localhost:3000/tasks/${ids.standup}`);
    expect(standup.description).toBe("Every Monday");
    expect(standup.uid).toBe(`${ids.standup}@localhost`);

    const call = byTitle["Call New York"]!;
    expect(call.tzid).toBe("America/New_York");
    expect(call.occurrences).toEqual([
      "2027-03-12T18:00:00-05:00",
      "2027-03-13T18:00:00-05:00",
      "2027-03-14T18:00:00-04:00",
      "2027-03-15T18:00:00-04:00",
      "2027-03-16T18:00:00-04:00",
      "2027-03-17T18:00:00-04:00",
    ]);

    const rent = byTitle["Pay rent"]!;
    expect(rent.allDay).toBe(true);
    expect(rent.tzid).toBeNull();
    expect(rent.start).toBe("2027-01-31");
    expect(rent.occurrences!.slice(0, 4)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);

    // Each zone used has its VTIMEZONE, with the right offsets.
    expect(feed.timezones["Europe/Berlin"]).toEqual([
      ["DAYLIGHT", "+0200"],
      ["STANDARD", "+0100"],
    ]);
    expect(feed.timezones["America/New_York"]).toEqual([
      ["DAYLIGHT", "-0400"],
      ["STANDARD", "-0500"],
    ]);
  });

  it("answers If-None-Match with 304 until a task changes", async () => {
    const first = await readFeed(url);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    const again = await readFeed(url, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    expect((await readFeed(url, { "If-None-Match": `W/${etag}, "other"` })).status).toBe(304);
    await apiFetch(
      `/api/tasks/${ids.undated}`,
      withToken(owner.token, { method: "PATCH", json: { dueDate: "2027-05-01" } }),
    );
    const changed = await readFeed(url, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).toContain("SUMMARY:No date");
  });

  it("a new address makes the old one a 404 at once; turning it off makes the new one a 404 too", async () => {
    const rotated = await json<FeedBody>(
      await apiFetch("/api/calendar-feed", withToken(owner.token, { method: "POST" })),
    );
    expect(rotated.url).not.toBe(url);
    const old = await readFeed(url);
    expect(old.status).toBe(404);
    const oldBody = await old.text();
    expect((await readFeed(rotated.url!)).status).toBe(200);
    // A made-up secret and id get the same answer.
    const forged = await readFeed(rotated.url!.replace(/\/[^/]+\.ics$/, `/${"A".repeat(43)}.ics`));
    expect(forged.status).toBe(404);
    expect(await forged.text()).toBe(oldBody);
    expect((await apiFetch("/calendar/not-a-uuid/x.ics")).status).toBe(404);

    const off = await apiFetch("/api/calendar-feed", withToken(owner.token, { method: "DELETE" }));
    expect(off.status).toBe(204);
    expect((await readFeed(rotated.url!)).status).toBe(404);
    expect(await json<FeedBody>(await apiFetch("/api/calendar-feed", withToken(owner.token)))).toEqual({
      url: null,
      webcalUrl: null,
    });
  });
});

describe("a project's feed", () => {
  it.skipIf(!python)("holds that project's tasks only, for any member, and is a 404 to others", async () => {
    const made = await apiFetch(
      `/api/projects/${projectId}/calendar-feed`,
      withToken(viewer.token, { method: "POST" }),
    );
    expect(made.status).toBe(200);
    const { url } = await json<FeedBody>(made);
    const feed = await parsedFeed(url!);
    expect(feed.name).toBe("Team calendar · Tasklane");
    expect(feed.events.map((event) => event.summary)).toEqual(["Standup"]);

    // The viewer's own feed includes the shared project's tasks too.
    const own = await json<FeedBody>(await apiFetch("/api/calendar-feed", withToken(viewer.token, { method: "POST" })));
    expect((await parsedFeed(own.url!)).events.map((event) => event.summary)).toEqual(["Standup"]);

    for (const method of ["GET", "POST", "DELETE"]) {
      const refused = await apiFetch(`/api/projects/${projectId}/calendar-feed`, withToken(stranger.token, { method }));
      expect(refused.status).toBe(404);
      const missing = await apiFetch(
        "/api/projects/00000000-0000-4000-8000-00000000dead/calendar-feed",
        withToken(stranger.token, { method }),
      );
      expect(await refused.text()).toBe(await missing.text());
    }

    // Leaving the project (here: being removed) ends the member's feed of it.
    await removeProjectMember(owner.id, projectId, viewer.id);
    expect((await readFeed(url!)).status).toBe(404);
    expect((await parsedFeed(own.url!)).events).toEqual([]);
  });
});
