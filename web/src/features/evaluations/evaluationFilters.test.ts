import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { draftsOf, HOME_EVALUATION_CARDS, notPassedIn } from './homeCards.ts';
import {
  evaluationChecksLink,
  evaluationListLink,
  evaluationSearch,
  parseEvaluationFilters,
  patchEvaluationFilters,
  personOptions,
} from './evaluationFilters.ts';

const parse = (qs: string) => parseEvaluationFilters(new URLSearchParams(qs));

describe('evaluation filters in the address', () => {
  it('links each home card to the list with the filters it counted with', () => {
    assert.equal(evaluationListLink(HOME_EVALUATION_CARDS.toCountersign), '/evaluations?status=acknowledged');
    assert.equal(evaluationListLink(HOME_EVALUATION_CARDS.overdue), '/evaluations?overdue=true');
    assert.equal(
      evaluationListLink(HOME_EVALUATION_CARDS.toConfirm, '/my-evaluations'),
      '/my-evaluations?status=submitted',
    );
    assert.equal(evaluationListLink(draftsOf(7)), '/evaluations?evaluator_id=7&status=draft');
    const week = { from: '2026-11-23', to: '2026-11-29' };
    assert.equal(
      evaluationListLink(notPassedIn(week)),
      '/evaluations?passed=false&from=2026-11-23&to=2026-11-29',
    );
    // The list reads back exactly the card's filters, so it asks the API the card's question.
    for (const filters of [...Object.values(HOME_EVALUATION_CARDS), draftsOf(7), notPassedIn(week)]) {
      assert.deepEqual(parse(evaluationListLink(filters).split('?')[1] ?? ''), filters);
    }
  });

  it('links a CSR’s day as the compliance board counts it, and reads the link back', () => {
    const link = evaluationChecksLink(42, '2026-11-03');
    assert.equal(link, '/evaluations?agent_id=42&drafts=false&from=2026-11-03&to=2026-11-03');
    assert.deepEqual(parse(link.split('?')[1] ?? ''), {
      agent_id: 42,
      drafts: false,
      from: '2026-11-03',
      to: '2026-11-03',
    });
    assert.equal(
      evaluationChecksLink(42, '2026-11-01', '2026-11-30'),
      '/evaluations?agent_id=42&drafts=false&from=2026-11-01&to=2026-11-30',
    );
  });

  it('round-trips every filter of the list', () => {
    const filters = {
      agent_id: 1,
      evaluator_id: 2,
      team_id: 3,
      status: 'disputed' as const,
      method: 'on_site' as const,
      fatal: true,
      passed: false,
      overdue: false,
      from: '2026-10-01',
      to: '2026-10-31',
    };
    assert.deepEqual(parse(evaluationSearch(filters).toString()), filters);
    assert.equal(evaluationSearch({}).toString(), '');
    assert.deepEqual(parse('from=2026-11-01'), { from: '2026-11-01' }, 'one end of a period is kept');
  });

  it('drops values the API would refuse, and a status makes drafts=false moot', () => {
    assert.deepEqual(
      parse(
        'agent_id=0&evaluator_id=1.5&team_id=x&status=open&method=guess&fatal=yes&passed=1&overdue=&drafts=true',
      ),
      {},
    );
    assert.deepEqual(parse('from=2026-02-30&to=2026-03-01'), { to: '2026-03-01' });
    assert.deepEqual(parse('from=2026-11-05&to=2026-11-01'), {}, 'a backwards period is dropped');
    assert.deepEqual(parse('status=draft&drafts=false'), { status: 'draft' });
  });

  it('builds each change on the latest filters, so two quick changes both stay', () => {
    // What the filter bar sends: only what it changes. Two changes made before the page re-rendered
    // (both read the same rendered filters) each apply to the address as the previous one left it.
    const rendered = parse('status=submitted');
    let address = evaluationSearch(rendered);
    for (const patch of [{ agent_id: 7 }, { method: 'on_site' as const }])
      address = evaluationSearch(patchEvaluationFilters(parseEvaluationFilters(address), patch));
    assert.equal(address.toString(), 'agent_id=7&status=submitted&method=on_site');
    // Clearing one keeps the others; null resets; `clear` starts from none.
    const latest = parseEvaluationFilters(address);
    assert.deepEqual(patchEvaluationFilters(latest, { agent_id: undefined }), {
      status: 'submitted',
      method: 'on_site',
    });
    assert.deepEqual(patchEvaluationFilters(latest, null), {});
    assert.deepEqual(patchEvaluationFilters(latest, { status: 'disputed' }, true), { status: 'disputed' });
    // A status and "all but drafts" replace each other.
    assert.deepEqual(patchEvaluationFilters({ ...latest, drafts: undefined }, { drafts: false }), {
      agent_id: 7,
      drafts: false,
      method: 'on_site',
    });
    assert.deepEqual(patchEvaluationFilters({ agent_id: 7, drafts: false }, { status: 'acknowledged' }), {
      agent_id: 7,
      status: 'acknowledged',
    });
  });

  it('lists deactivated people after the active ones, marked, so a link to one shows a name', () => {
    const users = [
      { id: 3, display_name: '周客服', username: 'csr.zhou', active: false },
      { id: 1, display_name: '李客服', username: 'csr.li', active: true },
      { id: 4, display_name: '吴客服', username: 'csr.wu', active: false },
      { id: 2, display_name: '王客服', username: 'csr.wang', active: true },
    ];
    assert.deepEqual(
      personOptions(users, (name) => `${name}（已停用）`),
      [
        { value: 1, label: '李客服 (csr.li)' },
        { value: 2, label: '王客服 (csr.wang)' },
        { value: 3, label: '周客服（已停用） (csr.zhou)' },
        { value: 4, label: '吴客服（已停用） (csr.wu)' },
      ],
    );
  });
});
