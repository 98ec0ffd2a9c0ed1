// The values a column may hold, declared once for the tables and their checks (schema.ts) and
// for the app, which adds what people see: names, badge classes, ranks. This module imports
// nothing, so db/ stays a leaf that any layer may import.

/** A task's priority, from least to most important: its rank is its position here, plus one. */
export const PRIORITIES = ["low", "medium", "high"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** A label's colour: the palette's names (app/labels/label-colors.ts maps each to its classes). */
export const LABEL_COLOR_NAMES = [
  "gray",
  "red",
  "orange",
  "yellow",
  "green",
  "teal",
  "blue",
  "violet",
  "pink",
] as const;
export type LabelColor = (typeof LABEL_COLOR_NAMES)[number];

/** What an API key may do: read, or read and write. */
export const API_KEY_SCOPES = ["read", "write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * A member's role in a project, from least to most: each includes the one before (decision 095).
 * viewer: sees it (and comments); editor: changes its tasks; admin: its members and settings;
 * owner: exactly one, the project's `user_id`, who alone deletes it or hands it over.
 */
export const PROJECT_ROLES = ["viewer", "editor", "admin", "owner"] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** The most members (the owner included) one project has. */
export const PROJECT_MEMBERS_MAX = 50;

/** The roles an invitation may carry: every role but owner, which is handed over, never given. */
export const INVITATION_ROLES = ["viewer", "editor", "admin"] as const;
export type InvitationRole = (typeof INVITATION_ROLES)[number];

/** Where a repeating task's next occurrence counts from: its due date, or the day it was completed. */
export const REPEAT_MODES = ["due", "completion"] as const;
export type RepeatMode = (typeof REPEAT_MODES)[number];
/** The most steps one task's checklist holds (the table's check and the app's schemas). */
export const STEPS_MAX = 100;

/** One step of a task's checklist, as stored in task.steps (in order). */
export interface TaskStep {
  id: string;
  text: string;
  done: boolean;
}

/** Where a reminder stands: waiting for its time, mailed, or passed over (the reason says why). */
export const REMINDER_STATUSES = ["pending", "sent", "skipped"] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];
/**
 * Why a reminder was not mailed: its time had already passed when it was set, it was more than
 * 24 hours late (the app was down), the address is unverified, or the person turned them off.
 */
export const REMINDER_SKIP_REASONS = ["passed", "late", "unverified", "unsubscribed"] as const;
export type ReminderSkipReason = (typeof REMINDER_SKIP_REASONS)[number];
/** The most reminders one task carries. */
export const REMINDERS_MAX = 5;
/** The longest comment, in characters (the table's check and the forms' schema). */
export const COMMENT_BODY_MAX = 5000;

/**
 * What a project's activity records (decision 112): who did what to its tasks, its members and
 * itself. A move writes two rows, `task_moved_out` in the project left and `task_moved_in` in
 * the one entered, each naming the other project only by id.
 */
export const ACTIVITY_KINDS = [
  "task_created",
  "task_edited",
  "task_completed",
  "task_reopened",
  "task_moved_in",
  "task_moved_out",
  "task_deleted",
  "task_assigned",
  "task_commented",
  "member_invited",
  "member_joined",
  "member_left",
  "member_removed",
  "member_role_changed",
  "project_renamed",
  "project_archived",
  "project_unarchived",
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * What an event says happened (app/events/, decision 108): `<entity>.<change>`. A step is part
 * of its task's row (decision 088): a step change is a `task.updated` with the task's new ETag.
 */
export const EVENT_KINDS = [
  "project.created",
  "project.updated",
  "project.deleted",
  "task.created",
  "task.updated",
  "task.deleted",
  "comment.created",
  "comment.updated",
  "comment.deleted",
  "member.added",
  "member.updated",
  "member.removed",
  "label.created",
  "label.updated",
  "label.deleted",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * What a webhook endpoint may subscribe to (decision 120): the event log's kinds as a program
 * asks for them. `task.completed` is a `task.updated` that completed the task; `member.joined`
 * and `member.left` are `member.added` and `member.removed`. `webhook.test` is only ever sent by
 * the "send a test event" button, to whichever endpoint it is pressed for.
 */
export const WEBHOOK_EVENT_TYPES = [
  "task.created",
  "task.updated",
  "task.completed",
  "task.deleted",
  "project.created",
  "project.updated",
  "project.deleted",
  "comment.created",
  "member.joined",
  "member.left",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const WEBHOOK_STATUSES = ["active", "failing", "disabled"] as const;
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
