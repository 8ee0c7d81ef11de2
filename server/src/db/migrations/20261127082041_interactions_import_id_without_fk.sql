ALTER TABLE "interactions" DROP CONSTRAINT "interactions_import_id_interaction_imports_id_fk";
