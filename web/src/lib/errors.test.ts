import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import i18next from 'i18next';
import { refusalMessage, type WorkflowRefusal } from '../../../shared/workflow.ts';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { ApiError } from './api.ts';
import { errorMessage } from './errors.ts';

async function translator(lng: 'en' | 'zh-CN') {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

const conflict = (refusal: WorkflowRefusal) =>
  new ApiError(409, 'conflict', refusalMessage(refusal), refusal);

const REFUSALS: WorkflowRefusal[] = [
  { reason: 'transition', status: 'disputed', action: 'acknowledge' },
  { reason: 'transition', status: 'submitted', action: 'edit' },
  { reason: 'transition', status: 'draft', action: 'acknowledge' },
  { reason: 'transition', status: 'submitted', action: 'countersign' },
  { reason: 'transition', status: 'acknowledged', action: 'dispute' },
  { reason: 'transition', status: 'countersigned', action: 'countersign' },
  { reason: 'already_disputed' },
  { reason: 'window_passed' },
  { reason: 'dispute_closed', dispute_status: 'upheld' },
  { reason: 'dispute_with_leader' },
  { reason: 'dispute_in_review' },
];

describe('errorMessage for refused workflow steps (409)', () => {
  it('speaks Chinese in zh-CN: no English sentence of the server reaches the page', async () => {
    const t = await translator('zh-CN');
    for (const refusal of REFUSALS) {
      const text = errorMessage(t, conflict(refusal));
      assert.match(text, /[\u4e00-\u9fff]/, JSON.stringify(refusal));
      assert.doesNotMatch(text, /[A-Za-z]{3,}/, `${JSON.stringify(refusal)}: ${text}`);
      assert.doesNotMatch(text, /errors\.workflow|\{\{/, text);
    }
    assert.equal(
      errorMessage(t, conflict({ reason: 'transition', status: 'disputed', action: 'acknowledge' })),
      '该质检正在申诉中，申诉处理完之前无法确认签名。',
    );
    assert.equal(
      errorMessage(t, conflict({ reason: 'dispute_closed', dispute_status: 'corrected' })),
      '该申诉已结案（已更正），不能再次处理。',
    );
  });

  it('says in English what the server says (status names as the UI shows them)', async () => {
    const t = await translator('en');
    for (const refusal of REFUSALS) {
      const text = errorMessage(t, conflict(refusal));
      const labelled =
        refusal.reason === 'dispute_closed' ||
        (refusal.reason === 'transition' &&
          ['dispute', 'countersign', 'acknowledge'].includes(refusal.action));
      if (labelled) {
        const status =
          refusal.reason === 'dispute_closed'
            ? t(`disputes.status.${refusal.dispute_status}`)
            : refusal.reason === 'transition'
              ? t(`evaluations.status.${refusal.status}`)
              : '';
        assert.ok(text.includes(status) || text === refusalMessage(refusal), text);
        assert.doesNotMatch(text, /\{\{/);
      } else assert.equal(text, refusalMessage(refusal));
    }
  });

  it('keeps the server message for other conflicts', async () => {
    const t = await translator('zh-CN');
    assert.equal(
      errorMessage(t, new ApiError(409, 'conflict', 'Some other conflict.')),
      'Some other conflict.',
    );
  });
});
