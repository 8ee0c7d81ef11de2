ALTER TABLE "evaluations" ADD COLUMN "failed_item_ids" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "na_item_ids" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
-- Backfill: the tally of each evaluation's current revision, as shared/scoring.ts computes it
-- (items in form order; an item without an answer counts as N/A, as it does in a draft's score).
UPDATE "evaluations" e SET "failed_item_ids" = t.failed, "na_item_ids" = t.na
FROM (
  SELECT ev.id,
    coalesce(array_agg(fi.id ORDER BY fi.position, fi.id) FILTER (WHERE a.result = 'fail'), '{}'::int[]) AS failed,
    coalesce(array_agg(fi.id ORDER BY fi.position, fi.id) FILTER (WHERE a.result IS NULL OR a.result = 'na'), '{}'::int[]) AS na
  FROM "evaluations" ev
    JOIN "form_items" fi ON fi.form_version_id = ev.form_version_id
    LEFT JOIN "evaluation_answers" a ON a.evaluation_id = ev.id AND a.revision = ev.revision AND a.item_id = fi.id
  GROUP BY ev.id
) t
WHERE t.id = e.id;
