-- Search (decision 023): the title and description folded once, when a task is written, so a
-- search rechecks its candidates with a plain LIKE instead of unaccenting each one again.
-- Adding a stored column rewrites the table once (an exclusive lock while it runs).
DROP INDEX "task_search_idx";--> statement-breakpoint
ALTER TABLE "task" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(tasklane_unaccent("task"."title" || ' ' || "task"."description"))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "task_search_idx" ON "task" USING gin ("user_id","search_text" gin_trgm_ops);