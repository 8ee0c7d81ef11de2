-- The team leaders are told once when a CSR lets an evaluation's confirmation period run out unsigned
-- (modules/evaluations/overdue.schedule.ts). One row per evaluation announced: the claim that makes
-- the job announce it once across processes and runs.
CREATE TABLE "evaluation_overdue_notices" (
	"evaluation_id" bigint PRIMARY KEY NOT NULL,
	"team_leader_ids" integer[] NOT NULL,
	"notified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evaluation_overdue_notices" ADD CONSTRAINT "evaluation_overdue_notices_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;