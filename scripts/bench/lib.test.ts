import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ROOT, serverNodeFlags } from './lib.ts';

test('benchmarks start the server with the Node flags of `npm start`', () => {
  const flags = serverNodeFlags();
  assert.ok(flags.includes('--max-semi-space-size=32'), `flags read: ${flags.join(' ')}`);
  // Every flag is one Node accepts (a typo would make `npm start` fail to start).
  const run = spawnSync(process.execPath, [...flags, '-e', 'process.exit(0)'], { cwd: ROOT });
  assert.equal(run.status, 0, run.stderr.toString());
});
