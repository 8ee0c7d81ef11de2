ALTER TABLE "interaction_import_rejections" ADD COLUMN "cut" text[];--> statement-breakpoint
ALTER TABLE "interaction_imports" ADD COLUMN "encoding" text DEFAULT 'utf-8' NOT NULL;