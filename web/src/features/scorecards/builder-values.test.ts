import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../i18n/test-translator.ts';
import { passMarkProblem, pointsProblem } from './builder-values.ts';

describe('scorecard builder field checks', () => {
  it('refuses points of 0 or below, above 1000 or with three decimals, in both languages', async () => {
    const en = await translator('en');
    const zh = await translator('zh-CN');
    assert.equal(pointsProblem(en, 0), 'Points must be greater than 0.');
    assert.equal(pointsProblem(zh, 0), '分值必须大于 0。');
    assert.equal(pointsProblem(en, -5), 'Points must be greater than 0.');
    assert.equal(pointsProblem(en, 1000.01), 'Points may be at most 1000.');
    assert.equal(pointsProblem(zh, 1001), '分值不能超过 1000。');
    assert.equal(pointsProblem(en, 0.001), 'Points take at most two decimals.');
    assert.equal(pointsProblem(zh, 2.345), '分值最多保留两位小数。');
    for (const ok of [0.01, 2.5, 10, 1000]) assert.equal(pointsProblem(en, ok), null, String(ok));
    // Empty is the required rule's to say.
    assert.equal(pointsProblem(en, null), null);
  });

  it('refuses a pass mark outside 0–100, in both languages', async () => {
    const en = await translator('en');
    const zh = await translator('zh-CN');
    assert.equal(passMarkProblem(en, 150), 'The pass mark must be between 0 and 100.');
    assert.equal(passMarkProblem(zh, -1), '合格线必须在 0 到 100 之间。');
    for (const ok of [0, 60, 85.5, 100]) assert.equal(passMarkProblem(en, ok), null, String(ok));
    assert.equal(passMarkProblem(en, null), null);
  });
});
