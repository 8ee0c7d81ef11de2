import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MigrationRunner, checkMigration } from '../../../test/migration-check.ts';

const MIGRATION = '20261127082041_interactions_import_id_without_fk';

/** Rows written with the schema before the migration: an import and interactions pointing to it. */
async function seed(run: MigrationRunner): Promise<void> {
  await run.query(
    `insert into users (username, display_name, password_hash, roles) values ('mig.agent', 'M', 'x', '{agent}')`,
  );
  await run.query(`insert into interaction_imports (status, source, format) values ('done', 'api', 'csv')`);
  await run.query(`insert into interactions (external_id, agent_id, started_at, duration_s, channel, direction,
      content_hash, import_id)
    select 'MIG-' || g, (select id from users where username = 'mig.agent'), now(), 60, 'call', 'inbound', 'h',
      (select max(id) from interaction_imports)
    from generate_series(1, 500) g`);
}

async function after(run: MigrationRunner): Promise<void> {
  const [state] = (
    await run.query(`select
      (select count(*)::int from pg_constraint where conname = 'interactions_import_id_interaction_imports_id_fk') as fk,
      (select count(*)::int from interactions where import_id = (select max(id) from interaction_imports)) as rows`)
  ).rows;
  assert.deepEqual(state, { fk: 0, rows: 500 }, 'the key is gone and the rows keep their import');
}

describe(`migration ${MIGRATION}`, () => {
  it('applies over existing interactions (on the test database kind)', () =>
    checkMigration(MIGRATION, seed, after));
});
