CREATE TABLE "calendar_feed" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"project_id" uuid,
	"nonce" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_member_fk" FOREIGN KEY ("project_id","user_id") REFERENCES "public"."project_member"("project_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_person_idx" ON "calendar_feed" USING btree ("user_id") WHERE "calendar_feed"."project_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_project_idx" ON "calendar_feed" USING btree ("user_id","project_id") WHERE "calendar_feed"."project_id" is not null;