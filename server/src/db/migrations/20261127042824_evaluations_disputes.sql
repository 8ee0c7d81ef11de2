CREATE TABLE "disputes" (
	"id" serial PRIMARY KEY NOT NULL,
	"evaluation_id" bigint NOT NULL,
	"raised_by" integer NOT NULL,
	"reason" text NOT NULL,
	"item_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"status" text NOT NULL,
	"leader_decision" text,
	"leader_note" text,
	"leader_id" integer,
	"leader_decided_at" timestamp with time zone,
	"reviewer_decision" text,
	"reviewer_note" text,
	"reviewer_id" integer,
	"reviewed_at" timestamp with time zone,
	"inspector_error" boolean,
	"evaluator_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_answers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"evaluation_id" bigint NOT NULL,
	"revision" integer NOT NULL,
	"item_id" integer NOT NULL,
	"result" text NOT NULL,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "evaluation_marks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"evaluation_id" bigint NOT NULL,
	"at_s" numeric(10, 2),
	"turn_index" integer,
	"item_id" integer,
	"text" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"evaluation_id" bigint NOT NULL,
	"revision" integer NOT NULL,
	"score" numeric(4, 1) NOT NULL,
	"fatal" boolean NOT NULL,
	"passed" boolean NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"retracted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"interaction_id" bigint,
	"agent_id" integer NOT NULL,
	"evaluator_id" integer NOT NULL,
	"form_id" integer NOT NULL,
	"form_version_id" integer NOT NULL,
	"method" text NOT NULL,
	"phase" text NOT NULL,
	"test_call_scenario_id" integer,
	"status" text NOT NULL,
	"local_date" date NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"score" numeric(4, 1),
	"fatal" boolean DEFAULT false NOT NULL,
	"passed" boolean DEFAULT false NOT NULL,
	"positives" text,
	"negatives" text,
	"submitted_at" timestamp with time zone,
	"ack_due_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" integer,
	"ack_ip" text,
	"ack_user_agent" text,
	"ack_signature" text,
	"countersigned_at" timestamp with time zone,
	"countersigned_by" integer,
	"countersign_ip" text,
	"countersign_signature" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_call_scenarios" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"queue_id" integer,
	"caller_script" text NOT NULL,
	"expected_answer" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_evaluator_id_users_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_answers" ADD CONSTRAINT "evaluation_answers_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_answers" ADD CONSTRAINT "evaluation_answers_item_id_form_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."form_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_marks" ADD CONSTRAINT "evaluation_marks_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_marks" ADD CONSTRAINT "evaluation_marks_item_id_form_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."form_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_marks" ADD CONSTRAINT "evaluation_marks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_revisions" ADD CONSTRAINT "evaluation_revisions_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_revisions" ADD CONSTRAINT "evaluation_revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_evaluator_id_users_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_form_version_id_form_versions_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_test_call_scenario_id_test_call_scenarios_id_fk" FOREIGN KEY ("test_call_scenario_id") REFERENCES "public"."test_call_scenarios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_countersigned_by_users_id_fk" FOREIGN KEY ("countersigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_call_scenarios" ADD CONSTRAINT "test_call_scenarios_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_call_scenarios" ADD CONSTRAINT "test_call_scenarios_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disputes_one_open_per_evaluation" ON "disputes" USING btree ("evaluation_id") WHERE "disputes"."status" in ('team_leader', 'qa_review');--> statement-breakpoint
CREATE INDEX "disputes_status_idx" ON "disputes" USING btree ("status");--> statement-breakpoint
CREATE INDEX "disputes_evaluator_idx" ON "disputes" USING btree ("evaluator_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_answers_unique" ON "evaluation_answers" USING btree ("evaluation_id","revision","item_id");--> statement-breakpoint
CREATE INDEX "evaluation_answers_item_idx" ON "evaluation_answers" USING btree ("item_id","result");--> statement-breakpoint
CREATE INDEX "evaluation_marks_evaluation_idx" ON "evaluation_marks" USING btree ("evaluation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_revisions_unique" ON "evaluation_revisions" USING btree ("evaluation_id","revision");--> statement-breakpoint
CREATE INDEX "evaluations_agent_date_idx" ON "evaluations" USING btree ("agent_id","local_date");--> statement-breakpoint
CREATE INDEX "evaluations_date_idx" ON "evaluations" USING btree ("local_date");--> statement-breakpoint
CREATE INDEX "evaluations_evaluator_idx" ON "evaluations" USING btree ("evaluator_id","status");--> statement-breakpoint
CREATE INDEX "evaluations_interaction_idx" ON "evaluations" USING btree ("interaction_id");--> statement-breakpoint
CREATE INDEX "evaluations_status_idx" ON "evaluations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","read_at","id");--> statement-breakpoint
-- Policy defaults: the CSR confirms or disputes an evaluation within this many days (5.5).
INSERT INTO "settings" ("key", "value") VALUES ('confirmation_window_days', '3');
