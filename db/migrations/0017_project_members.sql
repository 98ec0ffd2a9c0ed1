CREATE TABLE "project_member" (
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_member_pkey" PRIMARY KEY("project_id","user_id"),
	CONSTRAINT "project_member_role_check" CHECK ("project_member"."role" in ('viewer', 'editor', 'admin', 'owner'))
);
--> statement-breakpoint
ALTER TABLE "task" DROP CONSTRAINT "task_project_fk";
--> statement-breakpoint
ALTER TABLE "task" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "assignment_mail" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "project_member" ADD CONSTRAINT "project_member_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_member" ADD CONSTRAINT "project_member_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "project_member_user_project_idx" ON "project_member" USING btree ("user_id","project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_member_owner_idx" ON "project_member" USING btree ("project_id") WHERE "project_member"."role" = 'owner';--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_assignee_fk" FOREIGN KEY ("project_id","assignee_id") REFERENCES "public"."project_member"("project_id","user_id") ON DELETE SET NULL ("assignee_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_project_fk" FOREIGN KEY ("project_id","user_id") REFERENCES "public"."project"("id","user_id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "task_assignee_idx" ON "task" USING btree ("assignee_id","project_id") WHERE "task"."assignee_id" is not null;--> statement-breakpoint
-- Decision 095: a project's owner is a member like the others (role owner), written when the
-- project is made, whatever made it (the sign-up's Inbox, the domain, a test's insert).
CREATE FUNCTION "project_owner_member"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "project_member" ("project_id", "user_id", "role", "created_at") VALUES (NEW.id, NEW.user_id, 'owner', NEW.created_at);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "project_owner_member" AFTER INSERT ON "project" FOR EACH ROW EXECUTE FUNCTION "project_owner_member"();
--> statement-breakpoint
-- The owner row is the project's user_id, and an Inbox has no other member: refused here even
-- for a write that skips the domain.
CREATE FUNCTION "project_member_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "project" p WHERE p.id = NEW.project_id AND (p.inbox OR NEW.role = 'owner') AND p.user_id <> NEW.user_id) THEN
    RAISE EXCEPTION 'an Inbox is never shared, and a project''s owner is its user_id' USING ERRCODE = 'check_violation', CONSTRAINT = 'project_member_owner_check';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "project_member_guard" BEFORE INSERT OR UPDATE ON "project_member" FOR EACH ROW EXECUTE FUNCTION "project_member_guard"();
--> statement-breakpoint
-- Every project there is, the Inboxes included, gets its owner's row.
INSERT INTO "project_member" ("project_id", "user_id", "role", "created_at")
SELECT "id", "user_id", 'owner', "created_at" FROM "project";
