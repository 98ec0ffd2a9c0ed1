CREATE TABLE "project_activity" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_activity_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" uuid NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"task_id" uuid,
	"task_title" text,
	"other_project_id" uuid,
	"subject_user_id" uuid,
	"details" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_activity_kind_check" CHECK ("project_activity"."kind" in ('task_created', 'task_edited', 'task_completed', 'task_reopened', 'task_moved_in', 'task_moved_out', 'task_deleted', 'task_assigned', 'task_commented', 'member_invited', 'member_joined', 'member_left', 'member_removed', 'member_role_changed', 'project_renamed', 'project_archived', 'project_unarchived'))
);
--> statement-breakpoint
CREATE TABLE "task_comment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp (3) with time zone,
	CONSTRAINT "task_comment_body_check" CHECK (char_length("task_comment"."body") between 1 and 5000)
);
--> statement-breakpoint
ALTER TABLE "project_activity" ADD CONSTRAINT "project_activity_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_activity" ADD CONSTRAINT "project_activity_actor_id_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_activity" ADD CONSTRAINT "project_activity_subject_user_id_user_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_comment" ADD CONSTRAINT "task_comment_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_comment" ADD CONSTRAINT "task_comment_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_activity_project_idx" ON "project_activity" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "project_activity_actor_idx" ON "project_activity" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "project_activity_subject_idx" ON "project_activity" USING btree ("subject_user_id") WHERE "project_activity"."subject_user_id" is not null;--> statement-breakpoint
CREATE INDEX "task_comment_task_created_idx" ON "task_comment" USING btree ("task_id","created_at","id");--> statement-breakpoint
CREATE INDEX "task_comment_author_idx" ON "task_comment" USING btree ("author_id");