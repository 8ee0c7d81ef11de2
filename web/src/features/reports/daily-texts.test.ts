import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../i18n/test-translator.ts';
import { scopeNoticeText } from './ScopeNotice.tsx';

describe('the daily bulletin texts', () => {
  it("counts a team's evaluations in the singular and the plural", async () => {
    const en = await translator('en');
    const summary = (count: number) => en('reports.daily.teamSummary', { count, average: '90.0', fatal: 0 });
    assert.equal(summary(1), '1 evaluation · average 90.0 · 0 fatal');
    assert.equal(summary(3), '3 evaluations · average 90.0 · 0 fatal');
    const zh = await translator('zh-CN');
    assert.equal(
      zh('reports.daily.teamSummary', { count: 1, average: '90.0', fatal: 0 }),
      '1 次质检 · 平均 90.0 分 · 致命错误 0 次',
    );
  });

  it('speaks of center figures only on a page that shows them', async () => {
    for (const lng of ['en', 'zh-CN'] as const) {
      const t = await translator(lng);
      assert.equal(scopeNoticeText(t, 'all', false), null);
      for (const scope of ['own', 'team'] as const) {
        const bulletin = scopeNoticeText(t, scope, false) ?? '';
        assert.ok(bulletin && !/center|中心/.test(bulletin), `${lng} ${scope}: ${bulletin}`);
        assert.match(scopeNoticeText(t, scope, true) ?? '', /whole center|整个中心/);
      }
    }
  });
});
