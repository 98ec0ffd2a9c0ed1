-- Search (issue #16): trigrams of the title and description without accents, per owner. The
-- three extensions ship with PostgreSQL's contrib and with PGlite. Creating them needs CREATE
-- on the database, unless an administrator created them first (SECURITY.md); they must live
-- in "public".
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- btree_gin lets the GIN index start with the owner's uuid.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change), so an index cannot call it: this
-- wrapper promises immutability. Fully qualified: maintenance (ANALYZE, REINDEX) runs index
-- expressions with search_path limited to pg_catalog on PostgreSQL 17 and later.
CREATE OR REPLACE FUNCTION tasklane_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint
CREATE INDEX "task_search_idx" ON "task" USING gin ("user_id",tasklane_unaccent("title" || ' ' || "description") gin_trgm_ops);
