CREATE TABLE "event" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" bigint,
	"kind" text NOT NULL,
	"project_id" uuid,
	"user_id" uuid,
	"entity_id" uuid NOT NULL,
	"version" timestamp (3) with time zone,
	"audience" uuid[] NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_kind_check" CHECK ("event"."kind" in ('project.created', 'project.updated', 'project.deleted', 'task.created', 'task.updated', 'task.deleted', 'comment.created', 'comment.updated', 'comment.deleted', 'member.added', 'member.updated', 'member.removed', 'label.created', 'label.updated', 'label.deleted'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "event_id_idx" ON "event" USING btree ("id");--> statement-breakpoint
CREATE INDEX "event_unnumbered_idx" ON "event" USING btree ("seq") WHERE "event"."id" is null;--> statement-breakpoint
CREATE INDEX "event_audience_idx" ON "event" USING gin ("audience");--> statement-breakpoint
CREATE INDEX "event_created_idx" ON "event" USING btree ("created_at");--> statement-breakpoint
-- Decision 108: who may read a project's events, read when the change is made.
CREATE FUNCTION "event_audience"(project uuid) RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg("user_id" ORDER BY "user_id"), '{}') FROM "project_member" WHERE "project_id" = project
$$;
--> statement-breakpoint
-- Numbers this transaction's events at its commit (a deferred trigger), under one lock held
-- until the commit is visible: ids are handed out in commit order, so a reader that sees an id
-- has seen every smaller one. The first row's trigger numbers them all; the rest find none.
CREATE FUNCTION "event_number"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7345002);
  UPDATE "event" SET "id" = nextval('event_id_seq'), "created_at" = clock_timestamp() WHERE "id" IS NULL;
  IF FOUND THEN
    PERFORM pg_notify('tasklane_events', '');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE SEQUENCE "event_id_seq" AS bigint;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "event_number" AFTER INSERT ON "event" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "event_number"();
--> statement-breakpoint
-- Tasks (their steps included). A task removed with its project is the project's event.
CREATE FUNCTION "event_task"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "event" ("kind", "project_id", "entity_id", "version", "audience")
    VALUES ('task.created', NEW."project_id", NEW."id", NEW."updated_at", "event_audience"(NEW."project_id"));
  ELSIF TG_OP = 'UPDATE' THEN
    IF ROW(OLD.*) IS DISTINCT FROM ROW(NEW.*) THEN
      INSERT INTO "event" ("kind", "project_id", "entity_id", "version", "audience")
      VALUES ('task.updated', NEW."project_id", NEW."id", NEW."updated_at",
        CASE WHEN OLD."project_id" = NEW."project_id" THEN "event_audience"(NEW."project_id")
        ELSE ARRAY(SELECT DISTINCT unnest("event_audience"(OLD."project_id") || "event_audience"(NEW."project_id"))) END);
    END IF;
  ELSIF EXISTS (SELECT 1 FROM "project" WHERE "id" = OLD."project_id") THEN
    INSERT INTO "event" ("kind", "project_id", "entity_id", "audience")
    VALUES ('task.deleted', OLD."project_id", OLD."id", "event_audience"(OLD."project_id"));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "event_task" AFTER INSERT OR UPDATE OR DELETE ON "task" FOR EACH ROW EXECUTE FUNCTION "event_task"();
--> statement-breakpoint
-- Projects: made (its owner's member row comes after), changed, and deleted (read before the
-- delete, while its members are still there).
CREATE FUNCTION "event_project"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "event" ("kind", "project_id", "entity_id", "version", "audience")
    VALUES ('project.created', NEW."id", NEW."id", NEW."updated_at", ARRAY[NEW."user_id"]);
  ELSIF TG_OP = 'UPDATE' THEN
    IF ROW(OLD.*) IS DISTINCT FROM ROW(NEW.*) THEN
      INSERT INTO "event" ("kind", "project_id", "entity_id", "version", "audience")
      VALUES ('project.updated', NEW."id", NEW."id", NEW."updated_at",
        ARRAY(SELECT DISTINCT unnest("event_audience"(NEW."id") || ARRAY[OLD."user_id", NEW."user_id"])));
    END IF;
    RETURN NULL;
  ELSE
    INSERT INTO "event" ("kind", "project_id", "entity_id", "audience")
    VALUES ('project.deleted', OLD."id", OLD."id", "event_audience"(OLD."id"));
    RETURN OLD;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "event_project" AFTER INSERT OR UPDATE ON "project" FOR EACH ROW EXECUTE FUNCTION "event_project"();
--> statement-breakpoint
CREATE TRIGGER "event_project_delete" BEFORE DELETE ON "project" FOR EACH ROW EXECUTE FUNCTION "event_project"();
--> statement-breakpoint
-- Memberships: the member hears of their own change too (a removed member's stream learns it
-- and closes). Rows removed with their project are the project's event.
CREATE FUNCTION "event_member"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "event" ("kind", "project_id", "user_id", "entity_id", "audience")
    VALUES ('member.added', NEW."project_id", NEW."user_id", NEW."user_id", "event_audience"(NEW."project_id"));
  ELSIF TG_OP = 'UPDATE' THEN
    IF ROW(OLD.*) IS DISTINCT FROM ROW(NEW.*) THEN
      INSERT INTO "event" ("kind", "project_id", "user_id", "entity_id", "audience")
      VALUES ('member.updated', NEW."project_id", NEW."user_id", NEW."user_id", "event_audience"(NEW."project_id"));
    END IF;
  ELSIF EXISTS (SELECT 1 FROM "project" WHERE "id" = OLD."project_id") THEN
    INSERT INTO "event" ("kind", "project_id", "user_id", "entity_id", "audience")
    VALUES ('member.removed', OLD."project_id", OLD."user_id", OLD."user_id",
      ARRAY(SELECT DISTINCT unnest("event_audience"(OLD."project_id") || ARRAY[OLD."user_id"])));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "event_member" AFTER INSERT OR UPDATE OR DELETE ON "project_member" FOR EACH ROW EXECUTE FUNCTION "event_member"();
--> statement-breakpoint
-- Comments: in their task's project. Those removed with their task are the task's event.
CREATE FUNCTION "event_comment"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  the_project uuid;
BEGIN
  SELECT "project_id" INTO the_project FROM "task" WHERE "id" = CASE WHEN TG_OP = 'DELETE' THEN OLD."task_id" ELSE NEW."task_id" END;
  IF the_project IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "event" ("kind", "project_id", "entity_id", "audience")
    VALUES ('comment.deleted', the_project, OLD."id", "event_audience"(the_project));
  ELSIF ROW(OLD.*) IS DISTINCT FROM ROW(NEW.*) OR TG_OP = 'INSERT' THEN
    INSERT INTO "event" ("kind", "project_id", "entity_id", "version", "audience")
    VALUES (CASE WHEN TG_OP = 'INSERT' THEN 'comment.created' ELSE 'comment.updated' END, the_project, NEW."id",
      coalesce(NEW."edited_at", NEW."created_at"), "event_audience"(the_project));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "event_comment" AFTER INSERT OR UPDATE OR DELETE ON "task_comment" FOR EACH ROW EXECUTE FUNCTION "event_comment"();
--> statement-breakpoint
-- Labels: their owner's alone (a rename moves the tasks' updated_at: those are task events).
CREATE FUNCTION "event_label"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "event" ("kind", "user_id", "entity_id", "audience")
    VALUES ('label.deleted', OLD."user_id", OLD."id", ARRAY[OLD."user_id"]);
  ELSIF TG_OP = 'INSERT' OR ROW(OLD.*) IS DISTINCT FROM ROW(NEW.*) THEN
    INSERT INTO "event" ("kind", "user_id", "entity_id", "audience")
    VALUES (CASE WHEN TG_OP = 'INSERT' THEN 'label.created' ELSE 'label.updated' END, NEW."user_id", NEW."id", ARRAY[NEW."user_id"]);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "event_label" AFTER INSERT OR UPDATE OR DELETE ON "label" FOR EACH ROW EXECUTE FUNCTION "event_label"();
