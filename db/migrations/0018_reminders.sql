CREATE TABLE "reminder_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"reminder_hour" integer DEFAULT 9 NOT NULL,
	"reminders_by_mail" boolean DEFAULT true NOT NULL,
	"digest_enabled" boolean DEFAULT false NOT NULL,
	"digest_hour" integer DEFAULT 7 NOT NULL,
	"digest_next_at" timestamp (3) with time zone,
	"digest_sent_at" timestamp (3) with time zone,
	CONSTRAINT "reminder_settings_hours_check" CHECK ("reminder_settings"."reminder_hour" between 0 and 23 and "reminder_settings"."digest_hour" between 0 and 23)
);
--> statement-breakpoint
CREATE TABLE "task_reminder" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"set_by" uuid NOT NULL,
	"before_seconds" integer,
	"at" timestamp (3) with time zone,
	"send_at" timestamp (3) with time zone,
	"status" text DEFAULT 'pending' NOT NULL,
	"skip_reason" text,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_reminder_kind_check" CHECK (("task_reminder"."before_seconds" is null) <> ("task_reminder"."at" is null) and ("task_reminder"."before_seconds" is null or "task_reminder"."before_seconds" >= 0)),
	CONSTRAINT "task_reminder_status_check" CHECK ("task_reminder"."status" in ('pending', 'sent', 'skipped')),
	CONSTRAINT "task_reminder_skip_check" CHECK ("task_reminder"."skip_reason" is null or "task_reminder"."skip_reason" in ('passed', 'late', 'unverified', 'unsubscribed'))
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reminder_settings" ADD CONSTRAINT "reminder_settings_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_reminder" ADD CONSTRAINT "task_reminder_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_reminder" ADD CONSTRAINT "task_reminder_set_by_user_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reminder_settings_digest_idx" ON "reminder_settings" USING btree ("digest_next_at") WHERE "reminder_settings"."digest_enabled";--> statement-breakpoint
CREATE INDEX "task_reminder_task_idx" ON "task_reminder" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "task_reminder_due_idx" ON "task_reminder" USING btree ("send_at") WHERE "task_reminder"."status" = 'pending' and "task_reminder"."send_at" is not null;