ALTER TABLE "task_label" ADD COLUMN "task_created_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Decision 116: each row carries its task's created_at, so a label's tasks can be walked newest
-- first along one index. The rows already there take their task's.
UPDATE "task_label" SET "task_created_at" = "task"."created_at" FROM "task" WHERE "task"."id" = "task_label"."task_id";--> statement-breakpoint
-- Every insert takes the task's own created_at, whatever the writer gave (the column's default).
CREATE FUNCTION "task_label_task_created_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."task_created_at" := (SELECT "created_at" FROM "task" WHERE "id" = NEW."task_id");
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "task_label_task_created_at" BEFORE INSERT OR UPDATE OF "task_id" ON "task_label"
  FOR EACH ROW EXECUTE FUNCTION "task_label_task_created_at"();--> statement-breakpoint
-- Nothing changes a task's created_at today; should anything, its label rows follow.
CREATE FUNCTION "task_created_at_to_labels"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "task_label" SET "task_created_at" = NEW."created_at" WHERE "task_id" = NEW."id";
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "task_created_at_to_labels" AFTER UPDATE OF "created_at" ON "task"
  FOR EACH ROW WHEN (OLD."created_at" IS DISTINCT FROM NEW."created_at") EXECUTE FUNCTION "task_created_at_to_labels"();--> statement-breakpoint
CREATE INDEX "task_label_label_created_idx" ON "task_label" USING btree ("label_id","task_created_at","task_id");--> statement-breakpoint
DROP INDEX "task_label_label_idx";
