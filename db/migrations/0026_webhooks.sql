CREATE TABLE "webhook_delivery" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"type" text NOT NULL,
	"event_seq" bigint,
	"entity_id" uuid,
	"project_id" uuid,
	"body" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp (3) with time zone,
	"response_status" integer,
	"response_excerpt" text,
	"duration_ms" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_delivery_status_check" CHECK ("webhook_delivery"."status" in ('pending', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoint" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"project_ids" uuid[],
	"nonce" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_endpoint_status_check" CHECK ("webhook_endpoint"."status" in ('active', 'failing', 'disabled'))
);
--> statement-breakpoint
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_endpoint_id_webhook_endpoint_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoint"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_delivery_due_idx" ON "webhook_delivery" USING btree ("next_attempt_at") WHERE "webhook_delivery"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_delivery_endpoint_idx" ON "webhook_delivery" USING btree ("endpoint_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_endpoint_user_idx" ON "webhook_endpoint" USING btree ("user_id","created_at");--> statement-breakpoint
-- Webhook deliveries are fanned out from the event log (decision 120): each event row, as the
-- event triggers write it in the transaction of the change, becomes one delivery per endpoint
-- whose owner could read the thing (the event's audience), that subscribes to its type and
-- (when it names projects) to its project. Same transaction: a change that commits has its
-- deliveries, one that rolls back has none.
-- A task's completion is told apart from other updates by a note the BEFORE trigger below
-- leaves for the rest of the transaction (set_config(..., true)), taken by the fan-out.
CREATE FUNCTION "webhook_task_completing"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('tasklane.completed_tasks',
    coalesce(current_setting('tasklane.completed_tasks', true), '') || NEW."id"::text || ' ', true);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "webhook_task_completing" BEFORE UPDATE OF "completed" ON "task" FOR EACH ROW
  WHEN (NOT OLD."completed" AND NEW."completed") EXECUTE FUNCTION "webhook_task_completing"();
--> statement-breakpoint
CREATE FUNCTION "webhook_fan_out"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  hook_type text;
  completing text;
BEGIN
  -- Most writes have no endpoint to tell: one index probe, and out.
  IF NOT EXISTS (SELECT 1 FROM "webhook_endpoint" WHERE "user_id" = ANY(NEW."audience")) THEN
    RETURN NULL;
  END IF;
  completing := coalesce(current_setting('tasklane.completed_tasks', true), '');
  hook_type := CASE NEW."kind"
    WHEN 'task.created' THEN 'task.created'
    WHEN 'task.updated' THEN
      CASE WHEN position(NEW."entity_id"::text IN completing) > 0 THEN 'task.completed' ELSE 'task.updated' END
    WHEN 'task.deleted' THEN 'task.deleted'
    WHEN 'project.created' THEN 'project.created'
    WHEN 'project.updated' THEN 'project.updated'
    WHEN 'project.deleted' THEN 'project.deleted'
    WHEN 'comment.created' THEN 'comment.created'
    WHEN 'member.added' THEN 'member.joined'
    WHEN 'member.removed' THEN 'member.left'
  END;
  IF hook_type = 'task.completed' THEN
    -- Taken: a later change of the task in this transaction is an update again.
    PERFORM set_config('tasklane.completed_tasks', replace(completing, NEW."entity_id"::text || ' ', ''), true);
  END IF;
  IF hook_type IS NOT NULL THEN
    INSERT INTO "webhook_delivery" ("endpoint_id", "type", "event_seq", "entity_id", "project_id")
    SELECT e."id", hook_type, NEW."seq", NEW."entity_id", NEW."project_id" FROM "webhook_endpoint" e
    WHERE e."user_id" = ANY(NEW."audience") AND e."status" <> 'disabled' AND hook_type = ANY(e."events")
      AND (e."project_ids" IS NULL OR NEW."project_id" = ANY(e."project_ids"));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "webhook_fan_out" AFTER INSERT ON "event" FOR EACH ROW EXECUTE FUNCTION "webhook_fan_out"();
