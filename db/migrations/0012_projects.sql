CREATE TABLE "project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"color" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"favorite" boolean DEFAULT false NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"inbox" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_color_check" CHECK ("project"."color" in ('gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'violet', 'pink')),
	CONSTRAINT "project_inbox_not_archived_check" CHECK (not ("project"."inbox" and "project"."archived"))
);
--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "project_user_name_idx" ON "project" USING btree ("user_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "project_user_inbox_idx" ON "project" USING btree ("user_id") WHERE "project"."inbox";--> statement-breakpoint
CREATE UNIQUE INDEX "project_id_user_idx" ON "project" USING btree ("id","user_id");--> statement-breakpoint
-- Every existing account gets its Inbox (as app/projects/projects.server.ts makes one at sign-up),
-- then every existing task moves into its owner's Inbox; only then may project_id be required.
INSERT INTO "project" ("user_id", "name", "color", "position", "inbox") SELECT "id", 'Inbox', 'gray', 0, true FROM "user";--> statement-breakpoint
ALTER TABLE "task" ADD COLUMN "project_id" uuid;--> statement-breakpoint
UPDATE "task" SET "project_id" = "project"."id" FROM "project" WHERE "project"."user_id" = "task"."user_id" AND "project"."inbox";--> statement-breakpoint
ALTER TABLE "task" ALTER COLUMN "project_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_project_fk" FOREIGN KEY ("project_id","user_id") REFERENCES "public"."project"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_project_created_idx" ON "task" USING btree ("project_id","created_at","id");
