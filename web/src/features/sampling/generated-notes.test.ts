import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../i18n/test-translator.ts';
import {
  DEFAULT_PLAN,
  type TGeneratedNote,
  type TSamplingPlan,
  generatedNoteText,
} from '../../../../shared/schemas/sampling.ts';
import { noteForDisplay, planValuesForDisplay, planValuesForStorage } from './generated-notes.ts';

const weak: TGeneratedNote = {
  kind: 'weak_agent',
  month: '2026-10',
  reasons: ['below_pass_mark', 'fatal_errors'],
  average: 72.5,
  pass_mark: 80,
  evaluations: 90,
  fatal: 2,
};
const queue: TGeneratedNote = {
  kind: 'weak_queue',
  month: '2026-10',
  reasons: ['failed_items', 'low_pass_rate'],
};
const hires: TGeneratedNote = { kind: 'new_hires', count: 3, since: '2026-08-03' };
const CODE_WORDS = /below_pass_mark|fatal_errors|failed_items|low_pass_rate|CSR\(s\)|n=|avg /;

const plan: TSamplingPlan = {
  id: 7,
  name: 'Monthly targeted plan 2026-11',
  status: 'proposed',
  month: '2026-11',
  daily_min: DEFAULT_PLAN.daily_min,
  monthly_min: DEFAULT_PLAN.monthly_min,
  config: {
    ...DEFAULT_PLAN.config,
    agent_overrides: [
      { agent_id: 11, daily_min: 5, reason: generatedNoteText([weak]), generated: [weak] },
      { agent_id: 12, daily_min: 6, reason: `试用期; ${generatedNoteText([weak])}`, generated: [weak] },
      { agent_id: 13, daily_min: 4, reason: '夜班' },
    ],
    strategies: {
      ...DEFAULT_PLAN.config.strategies,
      targeted: [
        {
          id: 'm2026-11-queue-3',
          kind: 'queue',
          queue_id: 3,
          picks: 1,
          enabled: true,
          note: generatedNoteText([queue]),
          generated: [queue],
        },
        {
          id: 'm2026-11-new-hire',
          kind: 'new_hire',
          within_days: 90,
          extra: 1,
          enabled: true,
          note: generatedNoteText([hires]),
          generated: [hires],
        },
      ],
    },
  },
  proposal: null,
  created_by: null,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
  activated_at: null,
  activated_by: null,
  version: 1,
};

describe('notes the monthly proposal wrote, in the user’s language', () => {
  it('reads as sentences in Chinese, without code words', async () => {
    const zh = await translator('zh-CN');
    assert.equal(
      noteForDisplay(zh, generatedNoteText([weak]), [weak]),
      '2026-10：低于合格线、致命错误率高（平均分 72.5，合格线 80.0，质检 90 次，致命错误 2 次）',
    );
    assert.equal(noteForDisplay(zh, generatedNoteText([queue]), [queue]), '2026-10：高失分评分项、合格率低');
    assert.equal(noteForDisplay(zh, generatedNoteText([hires]), [hires]), '2026-08-03 以来入职的客服 3 名');
    const two = { ...weak, month: '2026-09', reasons: ['low_pass_rate' as const] };
    assert.match(
      noteForDisplay(zh, generatedNoteText([two, weak]), [two, weak]),
      /^2026-09：合格率低.*；2026-10：/,
    );
  });

  it('reads as sentences in English', async () => {
    const en = await translator('en');
    assert.equal(
      noteForDisplay(en, generatedNoteText([weak]), [weak]),
      '2026-10: below the pass mark, high fatal-error rate (average 72.5, pass mark 80.0, 90 evaluations, fatal errors: 2)',
    );
    assert.equal(
      noteForDisplay(en, generatedNoteText([queue]), [queue]),
      '2026-10: most-failed items, low pass rate',
    );
    assert.equal(noteForDisplay(en, generatedNoteText([hires]), [hires]), '3 CSRs hired since 2026-08-03');
    assert.equal(
      noteForDisplay(en, generatedNoteText([{ ...hires, count: 1 }]), [{ ...hires, count: 1 }]),
      '1 CSR hired since 2026-08-03',
    );
  });

  it('shows what someone wrote as written: before the generated part, or an edited note', async () => {
    const zh = await translator('zh-CN');
    assert.match(
      noteForDisplay(zh, `试用期; ${generatedNoteText([weak])}`, [weak]),
      /^试用期；2026-10：低于合格线/,
    );
    assert.equal(
      noteForDisplay(zh, '2026-10: fatal errors, 已面谈', [weak]),
      '2026-10: fatal errors, 已面谈',
    );
    assert.equal(noteForDisplay(zh, '夜班', undefined), '夜班');
    assert.equal(noteForDisplay(zh, null, undefined), '');
  });

  it('the plan form shows name and notes translated, and saves them unchanged as stored', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = await translator(lang);
      const shown = planValuesForDisplay(t, plan);
      assert.equal(
        shown.name,
        lang === 'en' ? 'Targeted plan 2026-11' : t('compliance.plans.name', { month: '2026-11' }),
      );
      for (const o of shown.config.agent_overrides) assert.doesNotMatch(o.reason, CODE_WORDS, lang);
      for (const r of shown.config.strategies.targeted) assert.doesNotMatch(r.note ?? '', CODE_WORDS, lang);
      assert.equal(shown.config.agent_overrides[2]?.reason, '夜班');
      const saved = planValuesForStorage(t, plan, shown);
      assert.equal(saved.name, plan.name);
      assert.deepEqual(
        saved.config.agent_overrides,
        plan.config.agent_overrides.map((o) => ({ ...o, generated: o.generated })),
      );
      assert.deepEqual(
        saved.config.strategies.targeted.map((r) => [r.note, r.generated]),
        plan.config.strategies.targeted.map((r) => [r.note, r.generated]),
      );
    }
  });

  it('an edited note or name is saved as typed, and is no longer generated', async () => {
    const zh = await translator('zh-CN');
    const shown = planValuesForDisplay(zh, plan);
    const edited = {
      ...shown,
      name: '十一月加强计划',
      config: {
        ...shown.config,
        agent_overrides: shown.config.agent_overrides.map((o, i) =>
          i === 0 ? { ...o, reason: `${o.reason}，已面谈` } : o,
        ),
      },
    };
    const saved = planValuesForStorage(zh, plan, edited);
    assert.equal(saved.name, '十一月加强计划');
    const first = saved.config.agent_overrides[0];
    assert.equal(first?.reason, `${shown.config.agent_overrides[0]?.reason}，已面谈`);
    assert.equal(first?.generated, undefined);
    assert.deepEqual(saved.config.agent_overrides[1]?.generated, [weak], 'the untouched one stays generated');
  });
});
