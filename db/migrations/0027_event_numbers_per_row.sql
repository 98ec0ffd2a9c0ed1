-- Decision 125: each event numbers itself at the commit. Decision 108's trigger numbered every
-- unnumbered event from the first row's call, and each later row's call searched the partial
-- index again for rows this transaction had already numbered (entries that stay until vacuum):
-- a transaction of n events did n² index visits (10,000 imported tasks: 12 s of commit).
-- Now each call numbers its own row, found by its key; deferred triggers fire in the order the
-- rows were inserted, so ids still follow commit order, and within one, insertion order.
CREATE OR REPLACE FUNCTION "event_number"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7345002);
  UPDATE "event" SET "id" = nextval('event_id_seq'), "created_at" = clock_timestamp()
  WHERE "seq" = NEW."seq" AND "id" IS NULL;
  IF FOUND THEN
    -- One notification per transaction: PostgreSQL folds identical ones.
    PERFORM pg_notify('tasklane_events', '');
  END IF;
  RETURN NULL;
END
$$;
