CREATE TABLE "task_tally" (
	"user_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"completed" boolean NOT NULL,
	"category" text,
	"tasks" integer NOT NULL,
	CONSTRAINT "task_tally_key" UNIQUE NULLS NOT DISTINCT("user_id","project_id","completed","category")
);
--> statement-breakpoint
ALTER TABLE "task_tally" ADD CONSTRAINT "task_tally_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_tally" ADD CONSTRAINT "task_tally_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Decision 077: the tally follows every insert, update and delete of tasks, once per statement
-- (transition tables), in the same transaction. Rows in a fixed order: two transactions that
-- change the same person's tally lock its rows in the same order (no deadlock). An update that
-- moves no task between rows writes nothing. Tasks whose project is being deleted (with it, or
-- with their person) are skipped: the project's tally rows go by the foreign key's cascade.
CREATE FUNCTION "task_tally_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "task_tally" AS t ("user_id", "project_id", "completed", "category", "tasks")
    SELECT d.user_id, d.project_id, d.completed, d.category, sum(d.delta)::int
    FROM (SELECT user_id, project_id, completed, category, 1 AS delta FROM new_rows) AS d
    WHERE EXISTS (SELECT 1 FROM "project" p WHERE p.id = d.project_id)
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.delta) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT "task_tally_key" DO UPDATE SET "tasks" = t."tasks" + excluded."tasks";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "task_tally" AS t ("user_id", "project_id", "completed", "category", "tasks")
    SELECT d.user_id, d.project_id, d.completed, d.category, sum(d.delta)::int
    FROM (SELECT user_id, project_id, completed, category, -1 AS delta FROM old_rows) AS d
    WHERE EXISTS (SELECT 1 FROM "project" p WHERE p.id = d.project_id)
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.delta) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT "task_tally_key" DO UPDATE SET "tasks" = t."tasks" + excluded."tasks";
  ELSE
    INSERT INTO "task_tally" AS t ("user_id", "project_id", "completed", "category", "tasks")
    SELECT d.user_id, d.project_id, d.completed, d.category, sum(d.delta)::int
    FROM (SELECT user_id, project_id, completed, category, -1 AS delta FROM old_rows UNION ALL SELECT user_id, project_id, completed, category, 1 FROM new_rows) AS d
    WHERE EXISTS (SELECT 1 FROM "project" p WHERE p.id = d.project_id)
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.delta) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT "task_tally_key" DO UPDATE SET "tasks" = t."tasks" + excluded."tasks";
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "task_tally_insert" AFTER INSERT ON "task" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "task_tally_follow"();
--> statement-breakpoint
CREATE TRIGGER "task_tally_update" AFTER UPDATE ON "task" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "task_tally_follow"();
--> statement-breakpoint
CREATE TRIGGER "task_tally_delete" AFTER DELETE ON "task" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "task_tally_follow"();
--> statement-breakpoint
-- The tasks already there.
INSERT INTO "task_tally" ("user_id", "project_id", "completed", "category", "tasks")
SELECT "user_id", "project_id", "completed", "category", count(*)::int FROM "task" GROUP BY 1, 2, 3, 4;
