-- Attempt and request counters are rebuilt within a minute if lost, so they skip the
-- write-ahead log: a counter update then commits without waiting for a disk flush.
ALTER TABLE "rate_limit_bucket" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "rate_limit" SET UNLOGGED;
