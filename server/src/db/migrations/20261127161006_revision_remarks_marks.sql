-- A correction by the QA lead may now change the evaluation's remarks and pinned comments too; the
-- revision it retracts keeps what they were. Null (every revision retracted before, and the demo's):
-- the same as the next revision's, as a correction could change neither until now.
ALTER TABLE "evaluation_revisions" ADD COLUMN "positives" text;--> statement-breakpoint
ALTER TABLE "evaluation_revisions" ADD COLUMN "negatives" text;--> statement-breakpoint
ALTER TABLE "evaluation_revisions" ADD COLUMN "marks" jsonb;
