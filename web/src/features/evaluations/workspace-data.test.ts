import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { loadWorkspace } from './workspace-data.ts';

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
