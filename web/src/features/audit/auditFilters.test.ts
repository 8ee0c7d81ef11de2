import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../../../shared/audit.ts';
import { translator } from '../../i18n/test-translator.ts';
import { setCenterTimeZone } from '../../lib/time.ts';
import {
  actionLabel,
  entityLabel,
  filterStateFromParams,
  filterStateToParams,
  recordPath,
  toApiQuery,
} from './auditFilters.ts';

describe('audit filters in the address', () => {
  it('round-trips through the address and drops what is not a filter', () => {
    const state = {
      action: 'evaluation.submit',
      entity_type: 'evaluation',
      entity_id: '42',
      actor_id: 7,
      from_date: '2026-11-01',
      to_date: '2026-11-27',
    };
    const params = filterStateToParams(state);
    assert.equal(
      params.toString(),
      'action=evaluation.submit&entity_type=evaluation&entity_id=42&actor_id=7&from_date=2026-11-01&to_date=2026-11-27',
    );
    assert.deepEqual(filterStateFromParams(params), state);
    const EMPTY = {
      action: undefined,
      entity_type: undefined,
      entity_id: undefined,
      actor_id: undefined,
      from_date: undefined,
      to_date: undefined,
    };
    for (const query of [
      'actor_id=abc&from_date=27.11.2026&to_date=2026-13-45&action=',
      'actor_id=1e2',
      'actor_id=0x10',
      'actor_id=0',
      'actor_id=-3',
      'from_date=2026-11-01',
      'to_date=2026-11-27',
      'from_date=2026-11-27&to_date=2026-11-01',
      `action=${'x'.repeat(101)}`,
    ]) {
      assert.deepEqual(filterStateFromParams(new URLSearchParams(query)), EMPTY, query);
    }
    assert.equal(filterStateFromParams(new URLSearchParams('actor_id=%207%20')).actor_id, 7);
  });

  it("asks the API for the picked days as the center's local days, the last one included", () => {
    setCenterTimeZone('Asia/Shanghai');
    assert.deepEqual(
      toApiQuery({ action: 'session.create', from_date: '2026-11-01', to_date: '2026-11-27' }),
      {
        action: 'session.create',
        from: '2026-11-01T00:00:00+08:00',
        to: '2026-11-28T00:00:00+08:00',
      },
    );
    setCenterTimeZone('America/New_York');
    assert.deepEqual(toApiQuery({ from_date: '2026-11-01', to_date: '2026-11-01' }), {
      from: '2026-11-01T00:00:00-04:00',
      to: '2026-11-02T00:00:00-05:00',
    });
    setCenterTimeZone('Asia/Shanghai');
  });
});

describe('audit entries in words', () => {
  it('names every action and record type the server writes, in both languages', async () => {
    for (const lng of ['zh-CN', 'en'] as const) {
      const t = await translator(lng);
      const seen = new Set<string>();
      for (const action of AUDIT_ACTIONS) {
        const label = actionLabel(t, action);
        assert.ok(label && !label.includes('audit.') && label !== action, `${lng}: ${action} has no name`);
        assert.ok(!seen.has(label), `${lng}: two actions are both called ${label}`);
        seen.add(label);
      }
      for (const type of AUDIT_ENTITY_TYPES) {
        const label = entityLabel(t, type);
        assert.ok(label && !label.includes('audit.') && label !== type, `${lng}: ${type} has no name`);
      }
    }
    const zh = await translator('zh-CN');
    assert.equal(actionLabel(zh, 'dispute.review_correct'), '复核：更正');
    assert.equal(entityLabel(zh, 'evaluation'), '质检');
    const en = await translator('en');
    assert.equal(actionLabel(en, 'evaluation.acknowledge'), 'Signed by the CSR');
  });

  it('shows a code it does not know as it is', async () => {
    const en = await translator('en');
    assert.equal(actionLabel(en, 'legacy.thing'), 'legacy.thing');
    assert.equal(entityLabel(en, 'gadget'), 'gadget');
  });

  it('links the records that have a page', () => {
    assert.equal(recordPath('evaluation', '6161'), '/evaluations/6161');
    assert.equal(recordPath('interaction', '12916'), '/interactions/12916');
    assert.equal(recordPath('interaction_import', '3'), '/imports?id=3');
    assert.equal(recordPath('form', '2'), '/scorecards/2');
    assert.equal(recordPath('sampling_plan', '5'), '/sampling/plans/5');
    assert.equal(recordPath('user', '1'), null);
    assert.equal(recordPath('evaluation', null), null);
    assert.equal(recordPath('evaluation', '../x'), null);
  });
});
