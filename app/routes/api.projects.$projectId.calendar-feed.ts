// /api/projects/{id}/calendar-feed: the caller's calendar feed of one project, members only (decision 119).
import { calendarFeedRoute } from "~/api/calendar-feed-route.server";

const serveFeed = calendarFeedRoute("/api/projects/{id}/calendar-feed", "project");

export const loader = serveFeed;
export const action = serveFeed;
