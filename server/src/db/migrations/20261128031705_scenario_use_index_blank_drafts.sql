CREATE INDEX "evaluations_test_call_scenario_idx" ON "evaluations" USING btree ("test_call_scenario_id") WHERE "evaluations"."test_call_scenario_id" is not null;--> statement-breakpoint
-- Drafts saved before any item was answered were stored as 100 / passed; they have no score yet
-- (the API answers them so since 2cc0b48): store them so too, so that list filters and sorting agree.
UPDATE "evaluations" SET "score" = NULL, "passed" = false WHERE "status" = 'draft' AND NOT EXISTS (SELECT 1 FROM "evaluation_answers" a WHERE a."evaluation_id" = "evaluations"."id" AND a."revision" = "evaluations"."revision");
