// Webhook endpoints as forms and the API write them (decision 120): the URL, the event types,
// the projects. Shared with the browser: no server imports.
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../../db/values";

export { WEBHOOK_EVENT_TYPES, type WebhookEventType };

/** At most this many endpoints per person. */
export const WEBHOOKS_MAX = 10;
export const WEBHOOK_URL_MAX = 2_000;

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "task.created": "Task created",
  "task.updated": "Task updated",
  "task.completed": "Task completed",
  "task.deleted": "Task deleted",
  "project.created": "Project created",
  "project.updated": "Project changed",
  "project.deleted": "Project deleted",
  "comment.created": "Comment added",
  "member.joined": "Member joined",
  "member.left": "Member left",
};

const url = z
  .string({ error: "An endpoint URL is required" })
  .trim()
  .min(1, "An endpoint URL is required")
  .max(WEBHOOK_URL_MAX, `The URL must be at most ${WEBHOOK_URL_MAX} characters`)
  .refine((value) => URL.canParse(value), "The URL must be an absolute https:// URL");

const events = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `An event type must be one of ${WEBHOOK_EVENT_TYPES.join(", ")}` }))
  .min(1, "Pick at least one event")
  .transform((list) => [...new Set(list)]);

const projectIds = z
  .array(z.uuid("A project id must be a UUID"))
  .max(100, "At most 100 projects")
  .nullable()
  .transform((list) => (list && list.length > 0 ? [...new Set(list)] : null));

export const WebhookInputSchema = z.strictObject({
  url,
  events,
  projectIds: projectIds
    .optional()
    .default(null)
    .describe("Only these projects' events (omitted, null or empty: every project the person sees)"),
});
export type WebhookInput = z.output<typeof WebhookInputSchema>;

export const WebhookPatchSchema = z.strictObject({
  url: url.optional(),
  events: events.optional(),
  projectIds: projectIds.optional(),
  enabled: z.boolean().optional().describe("false disables the endpoint; true enables it again (and clears failing)"),
});
export type WebhookPatch = z.output<typeof WebhookPatchSchema>;
