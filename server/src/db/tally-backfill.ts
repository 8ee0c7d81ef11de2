import fs from 'node:fs';
import path from 'node:path';

/**
 * The statement of migration *_evaluation_answer_tally.sql that (re)computes every evaluation's
 * answer tally (`failed_item_ids`, `na_item_ids`) from its current revision's stored answers. For
 * data written straight into the tables (benchmarks), and for the test that holds it equal to what
 * the product's writes store.
 */
export function tallyBackfillStatement(): string {
  const dir = path.resolve(import.meta.dirname, 'migrations');
  const file = fs.readdirSync(dir).find((f) => f.endsWith('_evaluation_answer_tally.sql'));
  if (!file) throw new Error('migration *_evaluation_answer_tally.sql not found');
  const statement = fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('--> statement-breakpoint')
    .find((s) => s.includes('UPDATE "evaluations"'));
  if (!statement) throw new Error('the tally migration has no backfill statement');
  return statement;
}
