// A calendar feed's addresses as the API gives them (decision 119).
import { z } from "zod";

export const CalendarFeedJsonSchema = z.object({
  url: z
    .url()
    .nullable()
    .describe("The feed's secret address (iCalendar); null while the feed is off. Anyone holding it reads the feed"),
  webcalUrl: z
    .string()
    .nullable()
    .describe("The same address as webcal://, which calendar apps open as a subscription"),
});
