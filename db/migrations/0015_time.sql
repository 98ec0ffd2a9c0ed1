ALTER TABLE "task" ADD COLUMN "due_time" time;--> statement-breakpoint
ALTER TABLE "task" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "task" ADD COLUMN "due_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "time_zone" text;--> statement-breakpoint
-- Existing due dates keep their calendar date, for the whole day, written in UTC: no account had a
-- zone before this release (decision 090).
UPDATE "task" SET "time_zone" = 'UTC', "due_at" = "due_date"::timestamp AT TIME ZONE 'UTC' WHERE "due_date" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "task_user_due_idx" ON "task" USING btree ("user_id","due_at","id") WHERE not "task"."completed" and "task"."due_at" is not null;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_due_check" CHECK (("task"."due_date" is null) = ("task"."time_zone" is null) and ("task"."due_date" is null) = ("task"."due_at" is null) and ("task"."due_time" is null or "task"."due_date" is not null));