import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { translator } from '../../i18n/test-translator.ts';
import { defaultMethod, loadWorkspace, olderFormVersion } from './workspace-data.ts';

type Summary = { id: number; name: string; queue_ids: number[] };

/** Answers the workspace's GETs as the API would; `forms(queueId)` is GET /forms?status=active&queue_id=. */
function stubApi(forms: (queueId: string | null) => Summary[]): string[] {
  const asked: string[] = [];
  mock.method(globalThis, 'fetch', (input: string | URL) => {
    const url = new URL(String(input), 'http://zhijian.test');
    asked.push(url.pathname + url.search);
    const json = (body: unknown) => Promise.resolve(Response.json(body));
    if (url.pathname === '/api/v1/interactions/5') return json({ id: 5, queue_id: 2, queue: 'billing' });
    if (url.pathname === '/api/v1/forms') {
      const items = forms(url.searchParams.get('queue_id'));
      return json({ items, total: items.length, next_cursor: null });
    }
    const form = /^\/api\/v1\/forms\/(\d+)$/.exec(url.pathname);
    if (form) return json({ id: Number(form[1]), sections: [] });
    return Promise.resolve(new Response('{}', { status: 404 }));
  });
  return asked;
}

describe('loadWorkspace: the scorecards for a contact', () => {
  afterEach(() => mock.restoreAll());

  it('lists the queue’s own forms first, then the forms for every queue, and opens a queue form', async () => {
    // The API sorts by name: the all-queue form "A" comes before the queue's own "B".
    stubApi((q) =>
      q === '2'
        ? [
            { id: 10, name: 'A 通用质检标准', queue_ids: [] },
            { id: 11, name: 'B 账单业务质检标准', queue_ids: [2] },
          ]
        : [],
    );
    const data = await loadWorkspace(null, 5, false);
    assert.deepEqual(
      data.forms.map((f) => f.id),
      [11, 10],
    );
    assert.equal(data.form?.id, 11);
  });

  it('opens the form for every queue when the queue has no form of its own', async () => {
    const asked = stubApi((q) => (q === '2' ? [{ id: 10, name: 'A 通用质检标准', queue_ids: [] }] : []));
    const data = await loadWorkspace(null, 5, false);
    assert.deepEqual(
      data.forms.map((f) => f.id),
      [10],
    );
    assert.equal(data.form?.id, 10);
    assert.ok(!asked.some((a) => a.startsWith('/api/v1/forms?') && !a.includes('queue_id')), asked.join());
  });

  it('offers every active form when none applies to the queue', async () => {
    stubApi((q) => (q === null ? [{ id: 12, name: '宽带质检标准', queue_ids: [3] }] : []));
    const data = await loadWorkspace(null, 5, false);
    assert.deepEqual(
      data.forms.map((f) => f.id),
      [12],
    );
    assert.equal(data.form?.id, 12);
  });
});

describe('a draft on an older scorecard version', () => {
  it('is told which version it uses and which is current, in zh-CN and en', async () => {
    assert.equal(olderFormVersion({ form_version: 2, current_version: 2 }), null);
    assert.equal(olderFormVersion(null), null);
    const older = olderFormVersion({ form_version: 1, current_version: 2 });
    assert.deepEqual(older, { used: 1, current: 2 });
    assert.equal(
      (await translator('zh-CN'))('evaluations.workspace.olderVersion', older),
      '这份草稿使用评分表第 1 版，当前为第 2 版。草稿按开始时的第 1 版计分。',
    );
    assert.equal(
      (await translator('en'))('evaluations.workspace.olderVersion', older),
      'This draft uses version 1 of the scorecard; the current version is 2. It is scored on version 1, the one it was started on.',
    );
  });
});

describe('opening a contact the inspector already has a draft of', () => {
  afterEach(() => mock.restoreAll());

  /** The API with a draft #77 of contact 5 by inspector 9 (and no other). */
  function stubWithDraft(): string[] {
    const asked: string[] = [];
    mock.method(globalThis, 'fetch', (input: string | URL) => {
      const url = new URL(String(input), 'http://zhijian.test');
      asked.push(url.pathname + url.search);
      const json = (body: unknown) => Promise.resolve(Response.json(body));
      const q = url.searchParams;
      if (url.pathname === '/api/v1/evaluations') {
        const mine =
          q.get('interaction_id') === '5' && q.get('evaluator_id') === '9' && q.get('status') === 'draft';
        const items = mine ? [{ id: 77, interaction_id: 5 }] : [];
        return json({ items, total: items.length, next_cursor: null });
      }
      if (url.pathname === '/api/v1/evaluations/77')
        return json({ id: 77, interaction_id: 5, form_id: 11, form_version: 2, version: 3 });
      if (url.pathname === '/api/v1/interactions/5') return json({ id: 5, queue_id: 2, queue: 'billing' });
      if (url.pathname === '/api/v1/forms')
        return json({ items: [{ id: 11, name: 'B', queue_ids: [2] }], total: 1, next_cursor: null });
      const form = /^\/api\/v1\/forms\/(\d+)$/.exec(url.pathname);
      if (form) return json({ id: Number(form[1]), sections: [] });
      return Promise.resolve(new Response('{}', { status: 404 }));
    });
    return asked;
  }

  it('continues that draft instead of starting a second one', async () => {
    const asked = stubWithDraft();
    const data = await loadWorkspace(null, 5, false, 9);
    assert.equal(data.evaluation?.id, 77);
    assert.equal(data.resumed, true);
    // On the draft's own scorecard version.
    assert.ok(asked.includes('/api/v1/forms/11?form_version=2'), asked.join());
  });

  it("starts a new one when the draft is someone else's, and a draft opened by its id is not 'resumed'", async () => {
    stubWithDraft();
    const other = await loadWorkspace(null, 5, false, 10);
    assert.equal(other.evaluation, null);
    assert.equal(other.resumed, false);
    const byId = await loadWorkspace(77, null, false, 9);
    assert.equal(byId.evaluation?.id, 77);
    assert.equal(byId.resumed, false);
  });
});

describe('the method a new evaluation starts with', () => {
  it('is recording review only for a contact with a recording; none (the inspector chooses) without one', () => {
    assert.equal(defaultMethod({ has_recording: true }), 'recording_review');
    assert.equal(defaultMethod({ has_recording: false }), null);
    assert.equal(defaultMethod(null), 'on_site');
  });
});
