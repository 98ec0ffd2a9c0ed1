import { type SQL, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { oauthClient, user } from "./auth-schema";
import { taskSearchText } from "./task-search";
import {
  ACTIVITY_KINDS,
  API_KEY_SCOPES,
  COMMENT_BODY_MAX,
  EVENT_KINDS,
  INVITATION_ROLES,
  LABEL_COLOR_NAMES,
  PRIORITIES,
  PROJECT_ROLES,
  REMINDER_SKIP_REASONS,
  REMINDER_STATUSES,
  REPEAT_MODES,
  STEPS_MAX,
  type TaskStep,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_STATUSES,
} from "./values";

export * from "./auth-schema";

/**
 * Projects: every task lives in exactly one (app/projects/). `user_id` is the owner (the one
 * `owner` row of project_member, decision 095). The name is unique per owner ignoring case;
 * each owner has one Inbox, made at sign-up, never deleted, archived or shared.
 */
export const project = pgTable(
  "project",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    color: text("color", { enum: LABEL_COLOR_NAMES }).notNull(),
    /** The person's order (ascending); the Inbox shows first whatever its position. */
    position: integer("position").notNull().default(0),
    favorite: boolean("favorite").notNull().default(false),
    archived: boolean("archived").notNull().default(false),
    inbox: boolean("inbox").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("project_user_name_idx").on(table.userId, sql`lower(${table.name})`),
    uniqueIndex("project_user_inbox_idx")
      .on(table.userId)
      .where(sql`${table.inbox}`),
    // What task.(project_id, user_id) references: a task and its project have one owner.
    uniqueIndex("project_id_user_idx").on(table.id, table.userId),
    check(
      "project_color_check",
      sql`${table.color} in (${sql.raw(LABEL_COLOR_NAMES.map((color) => `'${color}'`).join(", "))})`,
    ),
    check("project_inbox_not_archived_check", sql`not (${table.inbox} and ${table.archived})`),
  ],
);

/**
 * Who may do what in a project (decision 095): one row per member, exactly one `owner` (the
 * project's user_id, written by a trigger when the project is made). An Inbox has its owner's
 * row only: a trigger refuses any other. Access is read from here on every request, never cached.
 */
export const projectMember = pgTable(
  "project_member",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: text("role", { enum: PROJECT_ROLES }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ name: "project_member_pkey", columns: [table.projectId, table.userId] }),
    // "My projects": every access check and every task list starts here.
    uniqueIndex("project_member_user_project_idx").on(table.userId, table.projectId),
    uniqueIndex("project_member_owner_idx")
      .on(table.projectId)
      .where(sql`${table.role} = 'owner'`),
    check(
      "project_member_role_check",
      sql`${table.role} in (${sql.raw(PROJECT_ROLES.map((role) => `'${role}'`).join(", "))})`,
    ),
  ],
);

/**
 * Pending invitations to a project (app/projects/invitations.server.ts, decision 109): an
 * address, the role it will get, and a SHA-256 hash of the token mailed to it (never the
 * token). Accepting, declining and revoking delete the row, so a token works once; one
 * pending invitation per project and address (a new one replaces it).
 */
export const projectInvitation = pgTable(
  "project_invitation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    /** Lower-cased, as Better Auth stores addresses. */
    email: text("email").notNull(),
    role: text("role", { enum: INVITATION_ROLES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [
    uniqueIndex("project_invitation_token_hash_idx").on(table.tokenHash),
    uniqueIndex("project_invitation_project_email_idx").on(table.projectId, table.email),
    check(
      "project_invitation_role_check",
      sql`${table.role} in (${sql.raw(INVITATION_ROLES.map((role) => `'${role}'`).join(", "))})`,
    ),
  ],
);

export const task = pgTable(
  "task",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").notNull(),
    /** The member the task is assigned to (decision 095); removing the member unassigns it. */
    assigneeId: uuid("assignee_id"),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    completed: boolean("completed").notNull().default(false),
    priority: text("priority", { enum: PRIORITIES }).notNull().default("medium"),
    category: text("category"),
    // The due date and optional time as the person wrote them, in the zone they wrote them in
    // (decision 090): a 09:00 stays 09:00 across daylight-saving changes. dueAt is the instant,
    // derived when written (app/tasks/due.server.ts); all three are NULL or none is.
    dueDate: date("due_date", { mode: "string" }),
    /** HH:MM:SS; NULL: the whole day. */
    dueTime: time("due_time"),
    /** The IANA zone the due date was written in. */
    timeZone: text("time_zone"),
    /** dueDate at dueTime (or at the day's start) in timeZone. */
    dueAt: timestamp("due_at", { withTimezone: true, precision: 3 }),
    // A repeating task: an RFC 5545 RRULE without DTSTART (the due date is the start) and
    // where the next occurrence counts from (app/tasks/repeat-rule.ts).
    repeatRule: text("repeat_rule"),
    repeatMode: text("repeat_mode", { enum: REPEAT_MODES }),
    // The repeating task whose completion made this one: reopening it removes this one
    // again while nobody has touched it.
    repeatOf: uuid("repeat_of"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // What the search (q) matches: the title and description folded once, when written
    // (taskSearchText). Never selected: taskColumns leaves it out.
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs((): SQL => taskSearchText(sql, task.title, task.description)),
    // The task's checklist, in order: part of the task's row, so a step change is a task
    // change (one updated_at, one ETag) and the list reads it with no join (decision 088).
    steps: jsonb("steps").$type<TaskStep[]>().notNull().default([]),
  },
  (table) => [
    check(
      "task_priority_check",
      sql`${table.priority} in (${sql.raw(PRIORITIES.map((priority) => `'${priority}'`).join(", "))})`,
    ),
    check(
      "task_due_check",
      sql`(${table.dueDate} is null) = (${table.timeZone} is null) and (${table.dueDate} is null) = (${table.dueAt} is null) and (${table.dueTime} is null or ${table.dueDate} is not null)`,
    ),
    // A rule comes with its mode, and a task repeats from a due date.
    check(
      "task_repeat_check",
      sql`(${table.repeatRule} is null) = (${table.repeatMode} is null) and (${table.repeatRule} is null or ${table.dueDate} is not null) and (${table.repeatMode} is null or ${table.repeatMode} in (${sql.raw(REPEAT_MODES.map((mode) => `'${mode}'`).join(", "))}))`,
    ),
    foreignKey({ name: "task_repeat_of_fk", columns: [table.repeatOf], foreignColumns: [table.id] }).onDelete(
      "set null",
    ),
    index("task_repeat_of_idx")
      .on(table.repeatOf)
      .where(sql`${table.repeatOf} is not null`),
    check(
      "task_steps_check",
      sql`case when jsonb_typeof(${table.steps}) = 'array' then jsonb_array_length(${table.steps}) <= ${sql.raw(String(STEPS_MAX))} else false end`,
    ),
    index("task_user_created_idx").on(table.userId, table.createdAt, table.id),
    // Today and Upcoming: a person's pending tasks by due instant.
    index("task_user_due_idx")
      .on(table.userId, table.dueAt, table.id)
      .where(sql`not ${table.completed} and ${table.dueAt} is not null`),
    // Today and Upcoming in due order (decision 115): a person's pending timed tasks by due
    // instant, and those for the whole day by date, each walked in order up to the page.
    index("task_user_due_time_idx")
      .on(table.userId, table.dueAt, table.id)
      .where(sql`not ${table.completed} and ${table.dueAt} is not null and ${table.dueTime} is not null`),
    index("task_user_due_date_idx")
      .on(table.userId, table.dueDate, table.id)
      .where(sql`not ${table.completed} and ${table.dueDate} is not null and ${table.dueTime} is null`),
    // A project's tasks (its list, its counts, the cascade of its delete), newest first.
    index("task_project_created_idx").on(table.projectId, table.createdAt, table.id),
    // task.user_id is its project's owner: the database refuses anything else. Deleting a
    // project deletes its tasks; handing it over (a new project.user_id) carries them along.
    foreignKey({
      name: "task_project_fk",
      columns: [table.projectId, table.userId],
      foreignColumns: [project.id, project.userId],
    })
      .onDelete("cascade")
      .onUpdate("cascade"),
    // The assignee is a member of the task's project; removing the member unassigns their
    // tasks (the migration's ON DELETE SET NULL (assignee_id) leaves the project alone).
    foreignKey({
      name: "task_assignee_fk",
      columns: [table.projectId, table.assigneeId],
      foreignColumns: [projectMember.projectId, projectMember.userId],
    }).onDelete("set null"),
    index("task_assignee_idx")
      .on(table.assigneeId, table.projectId)
      .where(sql`${table.assigneeId} is not null`),
    // The list's search (q): trigrams of the stored search text. The owner comes first
    // (btree_gin): a search reads that person's matches, not everyone's.
    index("task_search_idx").using("gin", table.userId, sql`${table.searchText} gin_trgm_ops`),
  ],
);

/**
 * How many tasks each person has, by project, done or not and category (null: none): what the list
 * page shows around its rows (the counts, the category filter's choices) without reading every
 * task (decision 077). Kept by statement triggers on task (migration 0014), in the same
 * transaction as the change; a row whose count fell to 0 stays, and is not a category.
 */
export const taskTally = pgTable(
  "task_tally",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    completed: boolean("completed").notNull(),
    category: text("category"),
    tasks: integer("tasks").notNull(),
  },
  (table) => [
    unique("task_tally_key").on(table.userId, table.projectId, table.completed, table.category).nullsNotDistinct(),
  ],
);

/**
 * Comments on a task (app/comments/): plain text, written by a member who may see the task's
 * project. They go with their task, and with their author's account (decision 112).
 */
export const taskComment = pgTable(
  "task_comment",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => task.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Set when the author edits it ("edited"). */
    editedAt: timestamp("edited_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    // A task's comments, oldest first; the cascade of a task's delete.
    index("task_comment_task_created_idx").on(table.taskId, table.createdAt, table.id),
    index("task_comment_author_idx").on(table.authorId),
    check(
      "task_comment_body_check",
      sql`char_length(${table.body}) between 1 and ${sql.raw(String(COMMENT_BODY_MAX))}`,
    ),
  ],
);

/**
 * A project's activity (app/activity/, decision 112): one row per change, written in the
 * change's transaction. `id` orders it (newest first) and is the pages' cursor. The task's
 * title is kept as it was, so a deleted task still reads; another project (a move) is named by
 * id only, and shown by name only to those who may see it. Kept while the project lives.
 */
export const projectActivity = pgTable(
  "project_activity",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    /** Who did it; NULL once their account is deleted ("a former member"). */
    actorId: uuid("actor_id").references(() => user.id, { onDelete: "set null" }),
    kind: text("kind", { enum: ACTIVITY_KINDS }).notNull(),
    /** The task it was about (no key: the row outlives the task). */
    taskId: uuid("task_id"),
    taskTitle: text("task_title"),
    /** The project a task moved to or came from (no key: it may be deleted). */
    otherProjectId: uuid("other_project_id"),
    /** The member it was about (invited, joined, removed, role, assignee). */
    subjectUserId: uuid("subject_user_id").references(() => user.id, { onDelete: "set null" }),
    /** What else the kind needs: the fields edited, the old and new name or role, an invited address. */
    details: jsonb("details").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    // A project's activity, newest first, a page at a time.
    index("project_activity_project_idx").on(table.projectId, table.id),
    index("project_activity_actor_idx").on(table.actorId),
    index("project_activity_subject_idx")
      .on(table.subjectUserId)
      .where(sql`${table.subjectUserId} is not null`),
    check(
      "project_activity_kind_check",
      sql`${table.kind} in (${sql.raw(ACTIVITY_KINDS.map((kind) => `'${kind}'`).join(", "))})`,
    ),
  ],
);

/** A person's own labels: the name is unique per person ignoring case. */
export const label = pgTable(
  "label",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    color: text("color", { enum: LABEL_COLOR_NAMES }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("label_user_name_idx").on(table.userId, sql`lower(${table.name})`),
    check(
      "label_color_check",
      sql`${table.color} in (${sql.raw(LABEL_COLOR_NAMES.map((color) => `'${color}'`).join(", "))})`,
    ),
  ],
);

/** Which labels a task carries. Deleting a task or a label removes its rows. */
export const taskLabel = pgTable(
  "task_label",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => task.id, { onDelete: "cascade" }),
    labelId: uuid("label_id")
      .notNull()
      .references(() => label.id, { onDelete: "cascade" }),
    // The task's own created_at, copied by the trigger task_label_task_created_at (migration
    // 0022) on every insert and kept when the task's changes: the label filter walks a label's
    // tasks newest first along the index below (decision 116). The default never survives an
    // insert; it spares every writer of task_label from naming the column.
    taskCreatedAt: timestamp("task_created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  // The key serves "this task's labels" and "has this label"; the second index, a label's
  // tasks, in the order of their creation (the label filter's walk, decision 116).
  (table) => [
    primaryKey({ columns: [table.taskId, table.labelId] }),
    index("task_label_label_created_idx").on(table.labelId, table.taskCreatedAt, table.taskId),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").references(() => user.id, { onDelete: "set null" }),
    event: text("event").notNull(),
    email: text("email"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    details: jsonb("details"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [index("audit_log_user_created_idx").on(table.userId, table.createdAt)],
);

/** Attempt counters for sign-in and sign-up limits, shared by every server process (rate-limiter-flexible). */
export const rateLimitBucket = pgTable("rate_limit_bucket", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true, precision: 3 }),
});

export const MAIL_STATUSES = ["pending", "failed"] as const;

/**
 * Mail waiting to be sent (app/mail/outbox.server.ts). A row is written in the request that
 * asks for the message and deleted once the SMTP server accepts it; `failed` rows stay, their
 * bodies cleared, for an operator to see. Bodies carry live links: never log them.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    /** The message's links, for the log line that replaces delivery on a laptop without SMTP_URL. */
    links: jsonb("links").$type<string[]>().notNull().default([]),
    /** Extra header lines (List-Unsubscribe on reminders and digests), checked for line breaks when queued. */
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    status: text("status", { enum: MAIL_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** When a sender may next claim the row: a retry's backoff, or the lease of the sender that holds it. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Retrying after this is pointless: the link in the message has expired. */
    giveUpAt: timestamp("give_up_at", { withTimezone: true, precision: 3 }).notNull(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    check("mail_outbox_status_check", sql`${table.status} in ('pending', 'failed')`),
    index("mail_outbox_due_idx")
      .on(table.nextAttemptAt)
      .where(sql`${table.status} = 'pending'`),
  ],
);

/**
 * Personal API keys (app/api-keys/api-keys.server.ts). Only a SHA-256 hash of the secret is
 * kept; `start` is its visible beginning, for the owner to tell keys apart. A revoked key's
 * row is deleted, and so are a deleted account's keys.
 */
export const apiKey = pgTable(
  "api_key",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scope: text("scope", { enum: API_KEY_SCOPES }).notNull(),
    start: text("start").notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [
    // The per-request lookup: one indexed probe by the hash of the presented key.
    uniqueIndex("api_key_hash_idx").on(table.keyHash),
    index("api_key_user_idx").on(table.userId, table.createdAt),
    check(
      "api_key_scope_check",
      sql`${table.scope} in (${sql.raw(API_KEY_SCOPES.map((scope) => `'${scope}'`).join(", "))})`,
    ),
  ],
);

/**
 * When a person's connected app (an OAuth client they allowed, decision 123) last called the
 * API or the MCP server, written at most once a minute by the per-request grant check. The
 * grant itself is Better Auth's `oauth_consent` row; this only feeds Settings → Connected apps.
 */
export const connectedAppUse = pgTable(
  "connected_app_use",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    clientId: text("client_id")
      .notNull()
      .references(() => oauthClient.clientId, { onDelete: "cascade" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.clientId] })],
);

/**
 * Passkeys (WebAuthn credentials), made and checked by app/auth/passkeys.server.ts with
 * SimpleWebAuthn (decision 043). The public key is not secret; the private key never leaves
 * the person's authenticator. A deleted account's passkeys go with it.
 */
export const passkey = pgTable(
  "passkey",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The authenticator's credential id (base64url): what a sign-in names. */
    credentialId: text("credential_id").notNull(),
    /** The COSE public key, base64url. */
    publicKey: text("public_key").notNull(),
    /** The authenticator's signature counter (0 for most passkeys, which do not count). */
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    /** How the browser can reach the authenticator (internal, hybrid, usb…), as it said. */
    transports: text("transports")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Synced to other devices (a "multi-device" credential), as the authenticator says. */
    backedUp: boolean("backed_up").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    uniqueIndex("passkey_credential_idx").on(table.credentialId),
    index("passkey_user_idx").on(table.userId, table.createdAt),
  ],
);

const sqlList = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));

/**
 * A task's reminders (app/reminders/, decision 106): "before" the due instant by a number of
 * seconds (0: at it; a date without a time counts from the person's reminder hour), or "at" a
 * fixed instant. `send_at` is when the scheduler mails it, recomputed whenever the due date,
 * the completion or the reminder hour changes; NULL: nothing to send (no due date, or done).
 * Deleting the task deletes its reminders.
 */
export const taskReminder = pgTable(
  "task_reminder",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => task.id, { onDelete: "cascade" }),
    /** Who set it: the recipient unless the task has an assignee (app/reminders/recipient.server.ts). */
    setBy: uuid("set_by")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    beforeSeconds: integer("before_seconds"),
    at: timestamp("at", { withTimezone: true, precision: 3 }),
    sendAt: timestamp("send_at", { withTimezone: true, precision: 3 }),
    status: text("status", { enum: REMINDER_STATUSES }).notNull().default("pending"),
    skipReason: text("skip_reason", { enum: REMINDER_SKIP_REASONS }),
    /** When the scheduler queued its mail: the task page's "reminded at …". */
    sentAt: timestamp("sent_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    check(
      "task_reminder_kind_check",
      sql`(${table.beforeSeconds} is null) <> (${table.at} is null) and (${table.beforeSeconds} is null or ${table.beforeSeconds} >= 0)`,
    ),
    check("task_reminder_status_check", sql`${table.status} in (${sqlList(REMINDER_STATUSES)})`),
    check(
      "task_reminder_skip_check",
      sql`${table.skipReason} is null or ${table.skipReason} in (${sqlList(REMINDER_SKIP_REASONS)})`,
    ),
    index("task_reminder_task_idx").on(table.taskId),
    // The scheduler's one question: which pending reminders are due. Only pending, scheduled
    // rows are in it, so sent and dormant ones cost it nothing.
    index("task_reminder_due_idx")
      .on(table.sendAt)
      .where(sql`${table.status} = 'pending' and ${table.sendAt} is not null`),
  ],
);

/**
 * A person's reminder settings; no row reads as the defaults (reminders by mail on, the hour
 * for a date without a time 09:00, no digest). `digest_next_at` is the next digest's instant
 * (the digest hour in the account's zone), what the scheduler claims.
 */
export const reminderSettings = pgTable(
  "reminder_settings",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => user.id, { onDelete: "cascade" }),
    reminderHour: integer("reminder_hour").notNull().default(9),
    remindersByMail: boolean("reminders_by_mail").notNull().default(true),
    digestEnabled: boolean("digest_enabled").notNull().default(false),
    digestHour: integer("digest_hour").notNull().default(7),
    digestNextAt: timestamp("digest_next_at", { withTimezone: true, precision: 3 }),
    digestSentAt: timestamp("digest_sent_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    check(
      "reminder_settings_hours_check",
      sql`${table.reminderHour} between 0 and 23 and ${table.digestHour} between 0 and 23`,
    ),
    index("reminder_settings_digest_idx")
      .on(table.digestNextAt)
      .where(sql`${table.digestEnabled}`),
  ],
);

/**
 * The event log (app/events/, decision 108): one row per change to a project, task (its steps
 * included), comment, membership or label, written by triggers (migration 0024) in the change's
 * transaction. `id` is the public, increasing id, given at commit under one lock, so a reader
 * that has seen an id has seen every smaller one (until then it is NULL; `seq` keys the row).
 * `audience` is who could read the thing when it changed: the project's members (for a
 * membership change, the member too; for a label, its owner). Ids and versions only: no
 * titles, bodies or addresses. Kept EVENT_RETENTION_DAYS, then swept.
 */
export const event = pgTable(
  "event",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    id: bigint("id", { mode: "number" }),
    kind: text("kind", { enum: EVENT_KINDS }).notNull(),
    /** The project it happened in (none for a label); no key: the row outlives the project. */
    projectId: uuid("project_id"),
    /** The person it concerns: a label's owner, a membership's member. */
    userId: uuid("user_id"),
    /** The changed thing's id (a member: their user id). */
    entityId: uuid("entity_id").notNull(),
    /** The thing's updated_at after the change (a task's ETag is made from it); NULL when deleted. */
    version: timestamp("version", { withTimezone: true, precision: 3 }),
    audience: uuid("audience").array().notNull(),
    /** Set at commit, with the id. */
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("event_id_idx").on(table.id),
    // What the commit numbers: this transaction's rows (the only unnumbered ones it can see).
    index("event_unnumbered_idx")
      .on(table.seq)
      .where(sql`${table.id} is null`),
    // One person's events from an id on (a resume, the JSON list).
    index("event_audience_idx").using("gin", table.audience),
    index("event_created_idx").on(table.createdAt),
    check("event_kind_check", sql`${table.kind} in (${sqlList(EVENT_KINDS)})`),
  ],
);

/**
 * Secret calendar feed URLs (app/calendar/, decision 119): one per person for everything they
 * see (project_id NULL), and one per person and project they are a member of. The URL's secret
 * is an HMAC of the row's id and `nonce` under a key derived from BETTER_AUTH_SECRET: the table
 * alone does not yield a working URL, and a new nonce (rotating) or deleting the row (revoking)
 * makes the old URL a 404 at once. A project feed goes with its membership (the foreign key
 * into project_member): leaving or being removed deletes it.
 */
export const calendarFeed = pgTable(
  "calendar_feed",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    projectId: uuid("project_id"),
    nonce: text("nonce").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("calendar_feed_person_idx")
      .on(table.userId)
      .where(sql`${table.projectId} is null`),
    uniqueIndex("calendar_feed_project_idx")
      .on(table.userId, table.projectId)
      .where(sql`${table.projectId} is not null`),
    foreignKey({
      name: "calendar_feed_member_fk",
      columns: [table.projectId, table.userId],
      foreignColumns: [projectMember.projectId, projectMember.userId],
    }).onDelete("cascade"),
  ],
);

/**
 * A person's webhook endpoints (app/webhooks/, decision 120): where to POST, which event types,
 * optionally only some projects (NULL: every project they see). The signing secret is an HMAC of
 * the id and `nonce` under a key derived from BETTER_AUTH_SECRET, shown once at creation; the
 * table holds no secret. `failing` after a delivery gave up (the owner is mailed once);
 * `disabled` after a 410 Gone or by the owner. Deliveries go with the endpoint.
 */
export const webhookEndpoint = pgTable(
  "webhook_endpoint",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    events: text("events").array().notNull(),
    projectIds: uuid("project_ids").array(),
    nonce: text("nonce").notNull(),
    status: text("status", { enum: WEBHOOK_STATUSES }).notNull().default("active"),
    /** Why it is failing or disabled, for the owner. */
    statusReason: text("status_reason"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index("webhook_endpoint_user_idx").on(table.userId, table.createdAt),
    check("webhook_endpoint_status_check", sql`${table.status} in (${sqlList(WEBHOOK_STATUSES)})`),
  ],
);

/**
 * One message to one endpoint (decision 120): written in the transaction of the change by a
 * trigger on the event log (migration 0026), or by "send a test event". `body` is the message,
 * made at the first attempt (the entity as its owner may read it then) and kept for the retries,
 * which carry the same `webhook-id` (the row's id). The sender in every process claims due rows
 * with SKIP LOCKED under a lease, like the mail outbox.
 */
export const webhookDelivery = pgTable(
  "webhook_delivery",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoint.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    /** The event's row (event.seq); NULL for a test event. No key: events are swept. */
    eventSeq: bigint("event_seq", { mode: "number" }),
    entityId: uuid("entity_id"),
    projectId: uuid("project_id"),
    /** The message's JSON exactly as sent, so that every retry carries the same bytes. */
    body: text("body"),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, precision: 3 }),
    /** The last answer's HTTP status (NULL: none, e.g. a timeout or a refused address). */
    responseStatus: integer("response_status"),
    /** At most 200 characters of the last answer's body, or the error. */
    responseExcerpt: text("response_excerpt"),
    durationMs: integer("duration_ms"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index("webhook_delivery_due_idx")
      .on(table.nextAttemptAt)
      .where(sql`${table.status} = 'pending'`),
    index("webhook_delivery_endpoint_idx").on(table.endpointId, table.createdAt),
    check("webhook_delivery_status_check", sql`${table.status} in (${sqlList(WEBHOOK_DELIVERY_STATUSES)})`),
  ],
);
