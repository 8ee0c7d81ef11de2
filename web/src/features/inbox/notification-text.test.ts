import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../i18n/test-translator.ts';
import type { TNotification } from '../../../../shared/schemas/evaluation.ts';
import { notificationLink, notificationText } from './notification-text.ts';

const message = (kind: string, data: Record<string, unknown>): TNotification => ({
  id: 1,
  kind,
  entity_type: 'evaluation',
  entity_id: '6629',
  data,
  created_at: '2026-11-27T13:19:46.000Z',
  read_at: null,
});

describe('notificationText', () => {
  it('shows scores with one decimal, as the evaluation pages do (0.0, not 0)', async () => {
    const zh = await translator('zh-CN');
    assert.equal(
      notificationText(zh, message('evaluation_submitted', { score: 0 })),
      '新的质检 #6629（得分 0.0）等待您确认',
    );
    assert.equal(
      notificationText(zh, message('dispute_corrected', { old_score: 0, new_score: 100 })),
      '质检 #6629 经申诉已更正：0.0 → 100.0',
    );
    const enT = await translator('en');
    assert.equal(
      notificationText(enT, message('evaluation_submitted', { score: 91.25 })),
      'New evaluation #6629 (score 91.3) awaits your confirmation',
    );
  });

  it('words each dispute step for its reader: the CSR, the inspector, the team leader', async () => {
    const zh = await translator('zh-CN');
    const enT = await translator('en');
    const cases: [string, string | undefined, string, string][] = [
      [
        'dispute_raised',
        'inspector',
        '王丹 对您评的质检 #6629 提出申诉',
        '王丹 disputes your evaluation #6629',
      ],
      [
        'dispute_forwarded',
        'agent',
        '您对质检 #6629 的申诉已转质量监控班长复核',
        'Your dispute of evaluation #6629 was forwarded to the QA lead for review',
      ],
      [
        'dispute_forwarded',
        'inspector',
        '王丹 对您评的质检 #6629 的申诉已转质量监控班长复核',
        "王丹's dispute of your evaluation #6629 was forwarded to the QA lead for review",
      ],
      [
        'dispute_upheld',
        'inspector',
        '王丹 对您评的质检 #6629 的申诉已处理：维持原评',
        "王丹's dispute of your evaluation #6629 was decided: it stands",
      ],
      [
        'dispute_upheld',
        'team_leader',
        '质量监控班长已复核 王丹 对质检 #6629 的申诉：维持原评',
        "The QA lead reviewed 王丹's dispute of evaluation #6629: the evaluation stands",
      ],
      [
        'dispute_upheld',
        undefined,
        '您对质检 #6629 的申诉已处理：维持原评',
        'Your dispute of evaluation #6629 was decided: the evaluation stands',
      ],
    ];
    for (const [kind, audience, zhText, enText] of cases) {
      const n = message(kind, { agent_name: '王丹', ...(audience ? { audience } : {}) });
      assert.equal(notificationText(zh, n), zhText);
      assert.equal(notificationText(enT, n), enText);
    }
  });

  it('shows a dash for a missing score and the kind for an unknown message', async () => {
    const enT = await translator('en');
    assert.match(notificationText(enT, message('evaluation_submitted', {})), /score —/);
    assert.equal(notificationText(enT, message('something_new', {})), 'something_new');
  });

  it('tells the team leader of overdue confirmations, one or a count, and leads to them', async () => {
    const zh = await translator('zh-CN');
    const enT = await translator('en');
    const one = message('evaluation_overdue', { agent_name: '王丹' });
    assert.equal(notificationText(zh, one), '王丹 的质检 #6629 已过确认期限仍未签字');
    assert.equal(
      notificationText(enT, one),
      "王丹's evaluation #6629 is past its confirmation deadline, unsigned",
    );
    assert.equal(notificationLink(one), '/evaluations/6629');
    const many = message('evaluations_overdue', { count: 33, ids: [6629, 6630] });
    assert.equal(notificationText(zh, many), '班组有 33 条质检已过确认期限仍未签字');
    assert.equal(
      notificationText(enT, many),
      '33 evaluations of your team are past their confirmation deadline, unsigned',
    );
    assert.equal(notificationLink(many), '/evaluations?overdue=true');
  });
});
