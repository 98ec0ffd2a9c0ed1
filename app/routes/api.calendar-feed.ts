// /api/calendar-feed: the caller's calendar feed of every task they see (decision 119).
import { calendarFeedRoute } from "~/api/calendar-feed-route.server";

const serveFeed = calendarFeedRoute("/api/calendar-feed", "person");

export const loader = serveFeed;
export const action = serveFeed;
