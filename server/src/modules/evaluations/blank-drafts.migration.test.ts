import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MigrationRunner, checkMigration } from '../../../test/migration-check.ts';

const MIGRATION = '20261128031705_scenario_use_index_blank_drafts';

/** Three evaluations as stored before: a blank draft at 100/passed, a draft with an answer, a submitted one. */
async function seed(run: MigrationRunner): Promise<void> {
  await run.query(`insert into users (username, display_name, password_hash, roles) values
    ('mig.agent', 'M', 'x', '{agent}'), ('mig.qa', 'Q', 'x', '{qa}')`);
  await run.query(`insert into forms (name, current_version) values ('F', 1)`);
  await run.query(`insert into form_versions (form_id, version, pass_mark)
    select id, 1, 80 from forms where name = 'F'`);
  await run.query(
    `insert into form_sections (form_version_id, position, title) select id, 1, 'S' from form_versions`,
  );
  await run.query(`insert into form_items (form_version_id, section_id, position, item_key, text, category_key, points)
    select s.form_version_id, s.id, 1, 'greet', 'greet', 'phrasing', 10 from form_sections s`);
  for (const [note, status] of [
    ['blank', 'draft'],
    ['answered', 'draft'],
    ['submitted', 'submitted'],
  ] as const) {
    await run.query(`insert into evaluations (agent_id, evaluator_id, form_id, form_version_id, method, phase, status,
        local_date, score, fatal, passed, positives)
      select (select id from users where username = 'mig.agent'), (select id from users where username = 'mig.qa'),
        f.id, v.id, 'on_site', 'during', '${status}', '2026-11-20', 100, false, true, '${note}'
      from forms f join form_versions v on v.form_id = f.id`);
  }
  await run.query(`insert into evaluation_answers (evaluation_id, revision, item_id, result)
    select e.id, e.revision, i.id, 'pass' from evaluations e, form_items i where e.positives <> 'blank'`);
}

async function after(run: MigrationRunner): Promise<void> {
  const { rows } = await run.query(
    `select positives as note, score::float as score, passed from evaluations order by id`,
  );
  assert.deepEqual(rows, [
    { note: 'blank', score: null, passed: false },
    { note: 'answered', score: 100, passed: true },
    { note: 'submitted', score: 100, passed: true },
  ]);
  const { rows: index } = await run.query(
    `select count(*)::int as n from pg_indexes where indexname = 'evaluations_test_call_scenario_idx'`,
  );
  assert.deepEqual(index, [{ n: 1 }]);
}

describe(`migration ${MIGRATION}`, () => {
  it('stores blank drafts as not scored and indexes scenario use (on the test database kind)', () =>
    checkMigration(MIGRATION, seed, after));
});
