-- The queue's "done today" (GET /assignments/summary and /assignments/inspectors) counts the
-- assignments done since the local day's start. No index led to completed_at, so both queries read
-- every assignment ever done: ~100 ms at a year's 375,000 rows on PostgreSQL, ~2 ms with this one
-- (EXPLAIN ANALYZE: a bitmap OR of the open rows by status and today's done rows by this index).
CREATE INDEX "assignments_done_at_idx" ON "assignments" USING btree ("completed_at") WHERE "assignments"."status" = 'done';
