-- A rejected row's bad transcript said only the validator's text in English ("at 2.start_s: Too
-- small…"). `details` keeps what exactly is wrong (turn, field, problem; shared/transcript-issues.ts)
-- so the web app and the rejected-rows file can say it in the reader's language. Older rows: null.
ALTER TABLE "interaction_import_rejections" ADD COLUMN "details" jsonb;
