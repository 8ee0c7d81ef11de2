import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../i18n/test-translator.ts';
import { reasonDetailText, reasonText } from './useReasonText.ts';

describe('a rejection reason and its server detail', () => {
  it('labels the server text where it names what the explanation does not, in both languages', async () => {
    const reason = 'unknown agent "nobody" (no user with that username)';
    const zh = await translator('zh-CN');
    assert.equal(reasonText(zh, 'unknown_agent', reason), '坐席不存在（没有该用户名的在职用户）。');
    assert.equal(reasonDetailText(zh, 'unknown_agent', reason), `详情（原文）：${reason}`);
    const en = await translator('en');
    assert.equal(reasonDetailText(en, 'unknown_agent', reason), `Details: ${reason}`);
    assert.equal(
      reasonDetailText(en, 'superseded', 'external_id "A-1" appears again on line 9; that line is kept'),
      'Details: external_id "A-1" appears again on line 9; that line is kept',
    );
  });

  it('shows no detail where it would repeat the explanation', async () => {
    const zh = await translator('zh-CN');
    // The explanation says it all.
    assert.equal(reasonDetailText(zh, 'missing_agent', 'agent is empty'), null);
    assert.equal(reasonDetailText(zh, 'bad_recording_url', 'recording_url must be an http(s) address'), null);
    // A code the web app does not know: the server text is the reason itself.
    assert.equal(reasonText(zh, 'brand_new', 'something new'), 'something new');
    assert.equal(reasonDetailText(zh, 'brand_new', 'something new'), null);
    // Details were translated into the exact problem.
    const tooLong = { problem: 'too_long', field: 'external_id', limit: 200, unit: 'characters' } as const;
    assert.equal(
      reasonDetailText(zh, 'too_long', 'external_id is longer than 200 characters', tooLong),
      null,
    );
  });
});
