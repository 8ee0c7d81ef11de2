-- A failed import kept only the server's English sentence ("The file lacks the column(s): …"), which the
-- Chinese web app showed as it was. The error's code and details (which columns are missing, …;
-- shared/import-issues.ts) let the web app say it in the user's language. Older failures: null.
ALTER TABLE "interaction_imports" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "interaction_imports" ADD COLUMN "error_details" jsonb;