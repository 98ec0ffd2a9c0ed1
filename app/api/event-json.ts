// The JSON API's wire format for events (GET /api/events, decision 108): ids and versions only.
import { z } from "zod";
import { EVENT_KINDS } from "../../db/values";

export const EventJsonSchema = z.object({
  id: z.string().describe("Increasing; the stream's `id:` and Last-Event-ID, the JSON list's `after`"),
  kind: z.enum(EVENT_KINDS).describe("A step change is task.updated (steps are part of the task)"),
  projectId: z.uuid().nullable().describe("The project it happened in; null for a label"),
  userId: z.uuid().nullable().describe("The person it concerns: a membership's member, a label's owner"),
  entityId: z.uuid().describe("The changed thing's id (a member: their user id)"),
  etag: z.string().nullable().describe("task.created/updated: the task's new ETag (as GET /api/tasks/{id} answers it)"),
  updatedAt: z.iso.datetime().nullable().describe("The thing's updatedAt after the change; null when deleted"),
  at: z.iso.datetime().describe("When the change was committed"),
});
export type EventJson = z.infer<typeof EventJsonSchema>;

export const EventPageJsonSchema = z.object({
  events: z.array(EventJsonSchema).describe("Oldest first, at most `limit`; ask again with after = the last id"),
  reset: z
    .boolean()
    .describe("true: events after `after` were swept (EVENT_RETENTION_DAYS): refetch, then follow from `latest`"),
  latest: z.string().describe("The newest event's id (a stream started now begins after it)"),
});

export const EventQuerySchema = z.object({
  after: z
    .string()
    .regex(/^\d{1,18}$/, "a decimal event id")
    .transform(Number)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
});
