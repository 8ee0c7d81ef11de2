CREATE TABLE "interaction_import_rejections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"import_id" integer NOT NULL,
	"row" integer NOT NULL,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	"raw" text
);
--> statement-breakpoint
CREATE TABLE "interaction_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"filename" text,
	"format" text NOT NULL,
	"bytes_total" bigint,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"error" text,
	"heartbeat_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"agent_id" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"duration_s" integer NOT NULL,
	"channel" text NOT NULL,
	"direction" text NOT NULL,
	"queue_id" integer,
	"customer_ref" text,
	"recording_url" text,
	"recording_file" text,
	"recording_mime" text,
	"recording_bytes" bigint,
	"transcript" jsonb,
	"content_hash" text NOT NULL,
	"import_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "form_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"form_version_id" integer NOT NULL,
	"section_id" integer NOT NULL,
	"position" integer NOT NULL,
	"item_key" text NOT NULL,
	"text" text NOT NULL,
	"category_key" text NOT NULL,
	"points" numeric(7, 2) NOT NULL,
	"fatal" boolean DEFAULT false NOT NULL,
	"allow_na" boolean DEFAULT true NOT NULL,
	"guidance" text
);
--> statement-breakpoint
CREATE TABLE "form_queues" (
	"form_id" integer NOT NULL,
	"queue_id" integer NOT NULL,
	CONSTRAINT "form_queues_form_id_queue_id_pk" PRIMARY KEY("form_id","queue_id")
);
--> statement-breakpoint
CREATE TABLE "form_sections" (
	"id" serial PRIMARY KEY NOT NULL,
	"form_version_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "form_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"form_id" integer NOT NULL,
	"version" integer NOT NULL,
	"pass_mark" numeric(5, 2) NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'active' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "score_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interaction_import_rejections" ADD CONSTRAINT "interaction_import_rejections_import_id_interaction_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."interaction_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_imports" ADD CONSTRAINT "interaction_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_import_id_interaction_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."interaction_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_items" ADD CONSTRAINT "form_items_form_version_id_form_versions_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_items" ADD CONSTRAINT "form_items_section_id_form_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."form_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_queues" ADD CONSTRAINT "form_queues_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_queues" ADD CONSTRAINT "form_queues_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_sections" ADD CONSTRAINT "form_sections_form_version_id_form_versions_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms" ADD CONSTRAINT "forms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interaction_import_rejections_import_idx" ON "interaction_import_rejections" USING btree ("import_id","row");--> statement-breakpoint
CREATE INDEX "interaction_imports_created_idx" ON "interaction_imports" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "interactions_external_id_unique" ON "interactions" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "interactions_agent_started_idx" ON "interactions" USING btree ("agent_id","started_at");--> statement-breakpoint
CREATE INDEX "interactions_started_idx" ON "interactions" USING btree ("started_at","id");--> statement-breakpoint
CREATE INDEX "interactions_queue_idx" ON "interactions" USING btree ("queue_id");--> statement-breakpoint
CREATE INDEX "interactions_customer_idx" ON "interactions" USING btree ("customer_ref","started_at") WHERE "interactions"."customer_ref" is not null;--> statement-breakpoint
CREATE INDEX "form_items_version_idx" ON "form_items" USING btree ("form_version_id","position");--> statement-breakpoint
CREATE INDEX "form_items_key_idx" ON "form_items" USING btree ("item_key");--> statement-breakpoint
CREATE INDEX "form_queues_queue_idx" ON "form_queues" USING btree ("queue_id");--> statement-breakpoint
CREATE INDEX "form_sections_version_idx" ON "form_sections" USING btree ("form_version_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "form_versions_form_version_unique" ON "form_versions" USING btree ("form_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "score_categories_key_unique" ON "score_categories" USING btree ("key");--> statement-breakpoint
-- The five item categories of clause 4.7, with the API keys of SPEC §3. Centers may add more.
INSERT INTO "score_categories" ("key", "name_zh", "name_en", "position") VALUES
  ('knowledge', '业务知识', 'Business knowledge', 1),
  ('communication', '沟通技巧', 'Communication skill', 2),
  ('attitude', '服务态度', 'Service attitude', 3),
  ('phrasing', '规范用语', 'Standard phrasing', 4),
  ('process', '业务流程与最低技能', 'Business process / minimum skill', 5);
