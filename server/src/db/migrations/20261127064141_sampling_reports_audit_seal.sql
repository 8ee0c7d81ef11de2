CREATE TABLE "assignments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"interaction_id" bigint NOT NULL,
	"agent_id" integer NOT NULL,
	"assignee_id" integer,
	"date" date NOT NULL,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"strategy" text NOT NULL,
	"rule" text,
	"run_id" integer,
	"evaluation_id" bigint,
	"skip_reason" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sampling_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"month" text,
	"daily_min" integer NOT NULL,
	"monthly_min" integer NOT NULL,
	"config" jsonb NOT NULL,
	"proposal" jsonb,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	"activated_by" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sampling_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"date" date NOT NULL,
	"plan_id" integer NOT NULL,
	"plan_version" integer NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"overflow" integer DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "shifts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agent_id" integer NOT NULL,
	"date" date NOT NULL,
	"shift" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_monthly_summaries" (
	"month" text PRIMARY KEY NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
UPDATE "audit_log" SET "seq" = "id";--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_run_id_sampling_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sampling_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_plans" ADD CONSTRAINT "sampling_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_plans" ADD CONSTRAINT "sampling_plans_activated_by_users_id_fk" FOREIGN KEY ("activated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_runs" ADD CONSTRAINT "sampling_runs_plan_id_sampling_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."sampling_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_runs" ADD CONSTRAINT "sampling_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_monthly_summaries" ADD CONSTRAINT "qa_monthly_summaries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_interaction_unique" ON "assignments" USING btree ("interaction_id");--> statement-breakpoint
CREATE INDEX "assignments_assignee_idx" ON "assignments" USING btree ("assignee_id","status","due_date");--> statement-breakpoint
CREATE INDEX "assignments_date_agent_idx" ON "assignments" USING btree ("date","agent_id");--> statement-breakpoint
CREATE INDEX "assignments_status_date_idx" ON "assignments" USING btree ("status","date");--> statement-breakpoint
CREATE UNIQUE INDEX "sampling_plans_one_active" ON "sampling_plans" USING btree ("status") WHERE "sampling_plans"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "sampling_runs_scheduled_once" ON "sampling_runs" USING btree ("date") WHERE "sampling_runs"."trigger" = 'schedule';--> statement-breakpoint
CREATE INDEX "sampling_runs_date_idx" ON "sampling_runs" USING btree ("date");--> statement-breakpoint
CREATE UNIQUE INDEX "shifts_agent_date_unique" ON "shifts" USING btree ("agent_id","date");--> statement-breakpoint
CREATE INDEX "shifts_date_idx" ON "shifts" USING btree ("date");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_seq_unique" ON "audit_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "audit_unsealed_idx" ON "audit_log" USING btree ("id") WHERE "audit_log"."seq" is null;