import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../i18n/test-translator.ts';
import { DEFAULT_PLAN } from '../../../../shared/schemas/sampling.ts';
import { planName } from './plan-name.ts';

describe('plan names for display', () => {
  it('names the built-in default plan in the user’s language', async () => {
    assert.equal(planName(await translator('zh-CN'), DEFAULT_PLAN.name), '默认抽样计划');
    assert.equal(planName(await translator('en'), DEFAULT_PLAN.name), 'Default plan');
  });

  it('names a proposed monthly plan in the user’s language, for its own month only', async () => {
    const zh = await translator('zh-CN');
    assert.match(planName(zh, 'Monthly targeted plan 2026-11', '2026-11'), /2026-11/);
    assert.doesNotMatch(planName(zh, 'Monthly targeted plan 2026-11', '2026-11'), /Monthly/);
    assert.equal(planName(await translator('en'), 'Monthly targeted plan 2026-11'), 'Targeted plan 2026-11');
    assert.equal(
      planName(zh, 'Monthly targeted plan 2026-11', '2026-12'),
      'Monthly targeted plan 2026-11',
      'a name that only looks like it stays as typed',
    );
  });

  it('shows a name someone typed as typed', async () => {
    const zh = await translator('zh-CN');
    assert.equal(planName(zh, '夜班加强计划'), '夜班加强计划');
    assert.equal(planName(zh, 'Default plan (copy)'), 'Default plan (copy)');
  });
});
