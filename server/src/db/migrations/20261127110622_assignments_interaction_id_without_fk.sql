-- assignments.interaction_id keeps its unique index (a contact is assigned at most once) but loses
-- its foreign key: the daily sampling run inserts ~1,000 assignments in one statement and the key's
-- per-row check (a FOR KEY SHARE lock on each picked contact) was about a fifth of that INSERT
-- (docs/benchmarks.md, bench:sampling). Integrity holds without it: the run inserts only contact
-- ids it read from interactions in the same transaction, and interactions are never deleted
-- (imports upsert by external_id, no code deletes from interactions, evaluations keep their key).
-- A future retention purge of interactions must delete their assignments first.
ALTER TABLE "assignments" DROP CONSTRAINT "assignments_interaction_id_interactions_id_fk";
