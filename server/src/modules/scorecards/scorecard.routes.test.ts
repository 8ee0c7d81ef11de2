import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { auditSince, lastAuditId } from '../../../test/db-helpers.ts';
import { type BuiltUser, buildForm, buildQueue, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

type FormItem = { id: number; key: string; text: string; category: string; points: number; fatal: boolean };
type Form = {
  id: number;
  name: string;
  status: string;
  form_version: number;
  current_version: number;
  form_version_id: number;
  version_used: boolean;
  pass_mark: number;
  queue_ids: number[];
  sections: { id: number; title: string; items: FormItem[] }[];
  item_count: number;
  total_points: number;
  version: number;
};
type Category = {
  id: number;
  key: string;
  name_zh: string;
  name_en: string;
  version: number;
  active: boolean;
};

const asForm = (body: unknown) => body as Form;
const paths = (body: { error?: { details?: unknown } }) =>
  ((body.error?.details ?? []) as { path: (string | number)[] }[]).map((d) => d.path.join('.'));

const VALID = {
  name: 'Card services',
  pass_mark: 80,
  sections: [
    {
      title: '开场',
      items: [
        { text: 'Greets with the standard phrase', category: 'phrasing', points: 5, fatal: false },
        { text: 'Verifies identity before account details', category: 'process', points: 20, fatal: true },
      ],
    },
    {
      title: 'Solution',
      items: [{ text: 'Answers correctly', category: 'knowledge', points: 12.5, fatal: false }],
    },
  ],
};

describe('scorecards API', () => {
  let server: TestServer;
  let lead: BuiltUser;
  let admin: BuiltUser;
  let qa: BuiltUser;
  let agent: BuiltUser;
  let queue: { id: number; code: string };

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    lead = await buildUser(db, { roles: ['qa_lead'] });
    admin = await buildUser(db, { roles: ['admin'] });
    qa = await buildUser(db, { roles: ['qa'] });
    agent = await buildUser(db, { roles: ['agent'] });
    queue = await buildQueue(db, { code: 'credit-card' });
  });
  after(() => server.close());

  async function create(body: unknown, as = lead.id) {
    return server.request('POST', '/api/v1/forms', { as, body });
  }

  describe('create and validate', () => {
    it('creates a form per SPEC §5 with a queue code and answers its ids', async () => {
      const before = await lastAuditId(server.database.db);
      const res = await create({ ...VALID, queue: 'Credit-Card' });
      assert.equal(res.status, 201, res.text);
      const form = asForm(res.body);
      assert.ok(Number.isInteger(form.id));
      assert.equal(form.form_version, 1);
      assert.equal(form.version_used, false);
      assert.deepEqual(form.queue_ids, [queue.id]);
      assert.equal(form.pass_mark, 80);
      assert.equal(form.item_count, 3);
      assert.equal(form.total_points, 37.5);
      assert.deepEqual(
        form.sections.map((s) => [s.title, s.items.map((i) => [i.text, i.category, i.points, i.fatal])]),
        VALID.sections.map((s) => [s.title, s.items.map((i) => [i.text, i.category, i.points, i.fatal])]),
      );
      const itemIds = form.sections.flatMap((s) => s.items.map((i) => i.id));
      assert.ok(itemIds.every(Number.isInteger) && new Set(itemIds).size === 3);
      assert.ok(form.sections.every((s) => Number.isInteger(s.id)));
      const read = await server.request('GET', `/api/v1/forms/${form.id}`, { as: agent.id });
      assert.equal(read.status, 200, 'everyone signed in reads scorecards');
      assert.deepEqual(read.body, res.body);
      assert.deepEqual(
        (await auditSince(server.database.db, before)).map((a) => a.action),
        ['form.create'],
      );
    });

    it('refuses invalid forms with 400 and the field paths', async () => {
      const item = VALID.sections[0]?.items[0];
      const withItem = (patch: Record<string, unknown>) => ({
        ...VALID,
        sections: [{ title: 'S', items: [{ ...item, ...patch }] }],
      });
      const cases: [string, unknown, string][] = [
        ['no sections', { ...VALID, sections: [] }, 'sections'],
        ['a section without items', { ...VALID, sections: [{ title: 'S', items: [] }] }, 'sections.0.items'],
        ['points 0', withItem({ points: 0 }), 'sections.0.items.0.points'],
        ['negative points', withItem({ points: -5 }), 'sections.0.items.0.points'],
        ['points with 3 decimals', withItem({ points: 1.125 }), 'sections.0.items.0.points'],
        ['pass mark 101', { ...VALID, pass_mark: 101 }, 'pass_mark'],
        ['pass mark -1', { ...VALID, pass_mark: -1 }, 'pass_mark'],
        ['empty item text', withItem({ text: '   ' }), 'sections.0.items.0.text'],
        ['unknown category', withItem({ category: 'charisma' }), 'sections.0.items.0.category'],
        ['unknown queue', { ...VALID, queue: 'no-such-queue' }, 'queue'],
        ['unknown queue id', { ...VALID, queue_ids: [999_999] }, 'queue_ids'],
        ['no name', { ...VALID, name: '' }, 'name'],
      ];
      const [{ n: formsBefore } = { n: -1 }] = await countForms();
      for (const [what, body, path] of cases) {
        const res = await create(body);
        assert.equal(res.status, 400, `${what}: ${res.text}`);
        assert.equal(res.body.error?.code, 'validation_failed', what);
        assert.ok(paths(res.body).includes(path), `${what}: ${paths(res.body).join(' | ')}`);
      }
      const [{ n: formsAfter } = { n: -2 }] = await countForms();
      assert.equal(formsAfter, formsBefore, 'nothing stored');
      assert.equal((await create({ ...VALID, pass_mark: 0 })).status, 201, 'pass mark 0 is allowed');
      assert.equal((await create({ ...VALID, pass_mark: 100 })).status, 201, 'pass mark 100 is allowed');
    });

    function countForms() {
      return queryRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from forms`);
    }
  });

  describe('versions', () => {
    it('edits an unused form in place, and makes version 2 once the version was used', async () => {
      const created = asForm((await create(VALID)).body);
      const edited = await server.request('PUT', `/api/v1/forms/${created.id}`, {
        as: lead.id,
        body: { ...VALID, name: 'Card services v1b', pass_mark: 85, version: created.version },
      });
      assert.equal(edited.status, 200, edited.text);
      const inPlace = asForm(edited.body);
      assert.equal(inPlace.form_version, 1, 'unused: edited in place');
      assert.equal(inPlace.form_version_id, created.form_version_id);
      assert.equal(inPlace.pass_mark, 85);
      assert.equal(inPlace.version, created.version + 1);

      await server.database.db.execute(
        sql`update form_versions set used_at = now() where id = ${inPlace.form_version_id}`,
      );
      const v1 = asForm((await server.request('GET', `/api/v1/forms/${created.id}`, { as: qa.id })).body);
      assert.equal(v1.version_used, true);

      const next = {
        ...VALID,
        name: 'Card services 2',
        pass_mark: 90,
        sections: [
          {
            title: 'Only',
            items: [
              { ...VALID.sections[0]?.items[1], key: v1.sections[0]?.items[1]?.key, points: 30 },
              { text: 'New item', category: 'attitude', points: 10, fatal: false },
            ],
          },
        ],
      };
      const stale = await server.request('PUT', `/api/v1/forms/${created.id}`, {
        as: lead.id,
        body: { ...next, version: created.version },
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error?.code, 'stale_write');

      const res = await server.request('PUT', `/api/v1/forms/${created.id}`, {
        as: lead.id,
        body: { ...next, version: v1.version },
      });
      assert.equal(res.status, 200, res.text);
      const v2 = asForm(res.body);
      assert.equal(v2.form_version, 2);
      assert.equal(v2.current_version, 2);
      assert.equal(v2.version_used, false);
      assert.equal(v2.pass_mark, 90);
      assert.equal(v2.item_count, 2);
      assert.equal(
        v2.sections[0]?.items[0]?.key,
        v1.sections[0]?.items[1]?.key,
        'a kept key follows the item',
      );

      const old = await server.request('GET', `/api/v1/forms/${created.id}?form_version=1`, { as: agent.id });
      assert.equal(old.status, 200);
      const oldForm = asForm(old.body);
      assert.equal(oldForm.form_version, 1);
      assert.equal(oldForm.pass_mark, 85);
      assert.deepEqual(oldForm.sections, v1.sections, 'version 1 keeps its content and item ids');
      assert.equal(
        (await server.request('GET', `/api/v1/forms/${created.id}?form_version=3`, { as: qa.id })).status,
        404,
      );

      const versions = await server.request('GET', `/api/v1/forms/${created.id}/versions`, { as: qa.id });
      assert.equal(versions.status, 200);
      assert.deepEqual(
        (
          versions.body.items as {
            form_version: number;
            used: boolean;
            item_count: number;
            pass_mark: number;
          }[]
        ).map((v) => [v.form_version, v.used, v.item_count, v.pass_mark]),
        [
          [2, false, 2, 90],
          [1, true, 3, 85],
        ],
      );

      // An edit of the unused version 2 stays version 2.
      const again = await server.request('PUT', `/api/v1/forms/${created.id}`, {
        as: admin.id,
        body: { ...next, pass_mark: 70, version: v2.version },
      });
      assert.equal(asForm(again.body).form_version, 2);
      assert.equal(
        (
          (await server.request('GET', `/api/v1/forms/${created.id}/versions`, { as: qa.id })).body
            .items as unknown[]
        ).length,
        2,
      );
    });

    it('archives and restores with the record version, and duplicates into a new form', async () => {
      const form = asForm((await create({ ...VALID, name: 'To archive', queue_ids: [queue.id] })).body);
      const archived = await server.request('POST', `/api/v1/forms/${form.id}/archive`, {
        as: lead.id,
        body: { version: form.version },
      });
      assert.equal(archived.status, 200, archived.text);
      assert.equal(asForm(archived.body).status, 'archived');
      const stale = await server.request('POST', `/api/v1/forms/${form.id}/restore`, {
        as: lead.id,
        body: { version: form.version },
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error?.code, 'stale_write');
      const restored = await server.request('POST', `/api/v1/forms/${form.id}/restore`, {
        as: lead.id,
        body: { version: asForm(archived.body).version },
      });
      assert.equal(asForm(restored.body).status, 'active');

      const copy = await server.request('POST', `/api/v1/forms/${form.id}/duplicate`, { as: lead.id });
      assert.equal(copy.status, 201, copy.text);
      const dup = asForm(copy.body);
      assert.notEqual(dup.id, form.id);
      assert.equal(dup.name, 'To archive (copy)');
      assert.equal(dup.form_version, 1);
      // The copy keeps the queues as a starting point but is not offered to inspectors beside
      // the original until the lead activates it (a queue's active forms are only the original).
      assert.deepEqual(dup.queue_ids, [queue.id]);
      assert.equal(dup.status, 'archived');
      const offered = await server.request('GET', `/api/v1/forms?status=active&queue_id=${queue.id}`, {
        as: qa.id,
      });
      const offeredIds = (offered.body.items as { id: number }[]).map((f) => f.id);
      assert.ok(offeredIds.includes(form.id) && !offeredIds.includes(dup.id), JSON.stringify(offeredIds));
      const activated = await server.request('POST', `/api/v1/forms/${dup.id}/restore`, {
        as: lead.id,
        body: { version: dup.version },
      });
      assert.equal(asForm(activated.body).status, 'active');
      const shape = (f: Form) =>
        f.sections.map((s) => [s.title, s.items.map((i) => [i.text, i.category, i.points, i.fatal])]);
      assert.deepEqual(shape(dup), shape(form));
      const ids = new Set(form.sections.flatMap((s) => s.items.map((i) => i.id)));
      assert.ok(
        dup.sections.flatMap((s) => s.items).every((i) => !ids.has(i.id)),
        'new item ids',
      );
      assert.equal(
        (await server.request('POST', '/api/v1/forms/999999/duplicate', { as: lead.id })).status,
        404,
      );
    });
  });

  describe('list', () => {
    it('answers for a queue the forms linked to it and the forms for all queues', async () => {
      const db = server.database.db;
      const billing = await buildQueue(db);
      const sales = await buildQueue(db);
      const own = await buildForm(db, { name: 'Queue test billing', queueIds: [billing.id] });
      const shared = await buildForm(db, { name: 'Queue test both', queueIds: [billing.id, sales.id] });
      const everyQueue = await buildForm(db, { name: 'Queue test every queue' });
      const other = await buildForm(db, { name: 'Queue test sales', queueIds: [sales.id] });
      await buildForm(db, { name: 'Queue test every queue archived', status: 'archived' });
      // As the evaluation workspace asks: a QA user, active forms of the contact's queue.
      const list = async (queueId: number) => {
        const res = await server.request(
          'GET',
          `/api/v1/forms?status=active&q=${encodeURIComponent('queue test')}&queue_id=${queueId}`,
          { as: qa.id },
        );
        assert.equal(res.status, 200, res.text);
        return { ids: (res.body.items as Form[]).map((f) => f.id), total: res.body.total as number };
      };
      assert.deepEqual(await list(billing.id), { ids: [own.id, shared.id, everyQueue.id], total: 3 });
      assert.deepEqual(await list(sales.id), { ids: [shared.id, everyQueue.id, other.id], total: 3 });
      const lonely = await buildQueue(db);
      assert.deepEqual(await list(lonely.id), { ids: [everyQueue.id], total: 1 }, 'a queue with no form');

      // A form that gets queues no longer applies to the others; cleared again, it applies to all.
      const read = await server.request('GET', `/api/v1/forms/${everyQueue.id}`, { as: lead.id });
      const body = read.body as Form & { sections: { title: string; items: FormItem[] }[] };
      const edit = async (queueIds: number[], version: number) => {
        const res = await server.request('PUT', `/api/v1/forms/${everyQueue.id}`, {
          as: lead.id,
          body: {
            name: body.name,
            pass_mark: body.pass_mark,
            queue_ids: queueIds,
            version,
            sections: body.sections.map((s) => ({
              title: s.title,
              items: s.items.map(({ text, category, points, fatal }) => ({ text, category, points, fatal })),
            })),
          },
        });
        assert.equal(res.status, 200, res.text);
        return asForm(res.body).version;
      };
      const v = await edit([sales.id], body.version);
      assert.deepEqual((await list(billing.id)).ids, [own.id, shared.id]);
      assert.deepEqual((await list(lonely.id)).ids, []);
      await edit([], v);
      assert.deepEqual((await list(lonely.id)).ids, [everyQueue.id]);
    });

    it('filters by status, queue and name', async () => {
      const q = await buildQueue(server.database.db);
      const a = await buildForm(server.database.db, { name: 'Loans inbound 100%', queueIds: [q.id] });
      const b = await buildForm(server.database.db, {
        name: 'Loans outbound',
        queueIds: [q.id],
        status: 'archived',
      });
      const c = await buildForm(server.database.db, { name: 'Deposits' });
      const list = async (query: string) => {
        const res = await server.request('GET', `/api/v1/forms?${query}`, { as: agent.id });
        assert.equal(res.status, 200, res.text);
        return { ids: (res.body.items as Form[]).map((f) => f.id), total: res.body.total as number };
      };
      assert.deepEqual(await list(`queue_id=${q.id}&q=loans`), { ids: [a.id, b.id], total: 2 });
      assert.deepEqual(await list(`queue_id=${q.id}&q=loans&status=active`), { ids: [a.id], total: 1 });
      assert.deepEqual(await list(`queue_id=${q.id}&q=loans&status=archived`), { ids: [b.id], total: 1 });
      assert.deepEqual(await list('q=loans'), { ids: [a.id, b.id], total: 2 });
      assert.deepEqual(await list('q=100%25'), { ids: [a.id], total: 1 }, '% is literal');
      assert.deepEqual((await list('q=deposits')).ids, [c.id]);

      const all = await list('limit=1000');
      const walked: number[] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 100; guard++) {
        const res = await server.request(
          'GET',
          `/api/v1/forms?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { as: qa.id },
        );
        walked.push(...(res.body.items as Form[]).map((f) => f.id));
        cursor = res.body.next_cursor as string | null;
        if (!cursor) break;
      }
      assert.deepEqual(walked, all.ids, 'pages walk the same order, once');
      assert.equal(all.total, all.ids.length);
    });
  });

  describe('categories', () => {
    it('has the five default categories with their keys; create, rename and refuse duplicates', async () => {
      const res = await server.request('GET', '/api/v1/score-categories', { as: agent.id });
      assert.equal(res.status, 200);
      const items = res.body.items as Category[];
      assert.deepEqual(
        items.slice(0, 5).map((c) => c.key),
        ['knowledge', 'communication', 'attitude', 'phrasing', 'process'],
      );
      assert.ok(items.slice(0, 5).every((c) => c.name_zh && c.name_en && c.active));

      const created = await server.request('POST', '/api/v1/score-categories', {
        as: lead.id,
        body: { key: 'compliance', name_zh: '合规', name_en: 'Compliance' },
      });
      assert.equal(created.status, 201, created.text);
      const category = created.body as unknown as Category;
      const dup = await server.request('POST', '/api/v1/score-categories', {
        as: admin.id,
        body: { key: 'knowledge', name_zh: 'x', name_en: 'x' },
      });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error?.code, 'duplicate');
      assert.deepEqual(paths(dup.body), ['key']);

      const renamed = await server.request('PATCH', `/api/v1/score-categories/${category.id}`, {
        as: lead.id,
        body: { version: category.version, name_en: 'Regulatory compliance' },
      });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal((renamed.body as unknown as Category).name_en, 'Regulatory compliance');
      const stale = await server.request('PATCH', `/api/v1/score-categories/${category.id}`, {
        as: lead.id,
        body: { version: category.version, name_en: 'Again' },
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error?.code, 'stale_write');

      assert.equal(
        (
          await create({
            ...VALID,
            sections: [{ title: 'S', items: [{ text: 't', category: 'compliance', points: 1 }] }],
          })
        ).status,
        201,
        'a new category can be used at once',
      );
      const off = await server.request('PATCH', `/api/v1/score-categories/${category.id}`, {
        as: lead.id,
        body: { version: (renamed.body as unknown as Category).version, active: false },
      });
      assert.equal(off.status, 200);
      const refused = await create({
        ...VALID,
        sections: [{ title: 'S', items: [{ text: 't', category: 'compliance', points: 1 }] }],
      });
      assert.deepEqual(
        paths(refused.body),
        ['sections.0.items.0.category'],
        'an inactive category is refused',
      );
    });
  });

  describe('who may write', () => {
    it('lets only admin and qa_lead write; everyone signed in reads', async () => {
      const form = await buildForm(server.database.db);
      for (const user of [qa, agent]) {
        assert.equal((await create(VALID, user.id)).status, 403);
        const put = await server.request('PUT', `/api/v1/forms/${form.id}`, {
          as: user.id,
          body: { ...VALID, version: 1 },
        });
        assert.equal(put.status, 403);
        const archive = await server.request('POST', `/api/v1/forms/${form.id}/archive`, {
          as: user.id,
          body: { version: 1 },
        });
        assert.equal(archive.status, 403);
        assert.equal(
          (await server.request('POST', `/api/v1/forms/${form.id}/duplicate`, { as: user.id })).status,
          403,
        );
        const category = await server.request('POST', '/api/v1/score-categories', {
          as: user.id,
          body: { key: `k${user.id}`, name_zh: 'x', name_en: 'x' },
        });
        assert.equal(category.status, 403);
        assert.equal((await server.request('GET', '/api/v1/forms', { as: user.id })).status, 200);
        assert.equal((await server.request('GET', `/api/v1/forms/${form.id}`, { as: user.id })).status, 200);
        assert.equal(
          (await server.request('GET', `/api/v1/forms/${form.id}/versions`, { as: user.id })).status,
          200,
        );
        assert.equal((await server.request('GET', '/api/v1/score-categories', { as: user.id })).status, 200);
      }
      assert.equal((await server.request('GET', '/api/v1/forms')).status, 401);
    });
  });
});
